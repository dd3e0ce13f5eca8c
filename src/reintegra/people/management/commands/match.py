"""`reintegra match`: see ``reintegra.identity.command`` (the contract, and the work).

The console script runs the same function without setting Django up; this command serves
``call_command`` and any arguments that script leaves to Django (``--help``, ``--verbosity``).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reintegra.identity.command import HELP, add_arguments, run_match
from reintegra.identity.files import InputError


class Command(BaseCommand):
    help = HELP

    # Files only: no system checks or migration checks, which would reach for the database.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, registry: Path, listed: Path, out: Path, **options):
        # call_command passes strings as given; argparse's type= applies on the command line only.
        try:
            run_match(
                registry=Path(registry), listed=Path(listed), out=Path(out), stdout=self.stdout
            )
        except InputError as exc:
            raise CommandError(str(exc), returncode=2) from exc
