"""`reintegra audit verify`: check that nobody rewrote the audit trail."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reintegra.audit.selectors import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `verify` checks the hash chain of every entry."

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["verify"], help="verify: check the chain")

    def handle(self, *args, operation: str, **options):
        # Operators' scripts read this output: it is always in English.
        with translation.override("en"):
            report = verify_chain()
            message = str(report)
        if not report.ok:
            raise CommandError(message, returncode=1)
        self.stdout.write(message)
