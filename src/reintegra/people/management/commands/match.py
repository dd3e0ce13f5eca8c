"""`reintegra match --registry REG.csv --list LIST.csv --out OUT.csv`: match a list of people
against a registry file, offline.

A stable contract (benchmarks and operators' scripts call it):

- REG.csv: ``id,surname,given_name,patronymic,sex,birth_date``
- LIST.csv: ``id,surname,given_name,patronymic,full_name,sex,birth_date``
- OUT.csv: ``list_id,registry_id,score,decision``, one row per list row, in the list's order.

Any field may be empty; names may be in any script; birth_date is YYYY-MM-DD, YYYY-MM or YYYY.
The command reads and writes files only: no database, no network. Output is in English, like
the other operator commands; progress goes to stderr when it is a terminal.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reintegra.identity.engine import Decision, Matcher
from reintegra.identity.files import InputError, load_registry, read_list, write_results


class _Progress:
    """A one-line counter on a terminal, at most a few times a second; silent otherwise."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.shown = stream.isatty()
        self.last = 0.0

    def __call__(self, label: str, done: int, total: int | None = None) -> None:
        if not self.shown:
            return
        now = time.monotonic()
        if total is not None and done < total and now - self.last < 0.2:
            return
        self.last = now
        of = f"/{total}" if total else ""
        self.stream.write(f"\r{label}: {done}{of}\x1b[K")
        self.stream.flush()

    def end(self) -> None:
        if self.shown:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Match a list of people (CSV) against a registry (CSV); write the best candidates."

    # Files only: no system checks or migration checks, which would reach for the database.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--registry", required=True, type=Path, help="REG.csv")
        parser.add_argument("--list", required=True, type=Path, dest="listed", help="LIST.csv")
        parser.add_argument("--out", required=True, type=Path, help="OUT.csv (overwritten)")

    def handle(self, *args, registry: Path, listed: Path, out: Path, **options):
        # call_command passes strings as given; argparse's type= applies on the command line only.
        registry, listed, out = Path(registry), Path(listed), Path(out)
        progress = _Progress(sys.stderr)
        started = time.monotonic()
        try:
            people = read_list(listed)
            if not registry.is_file():
                raise InputError(f"{registry}: no such file")
            if not out.parent.is_dir():
                raise InputError(f"{out.parent}: no such directory for the output")
            index = load_registry(
                registry,
                progress=lambda count: progress("reading the registry", count),
                expect=people,
            )
        except InputError as exc:
            progress.end()
            raise CommandError(str(exc), returncode=2) from exc
        progress("reading the registry", len(index), len(index))
        progress.end()
        matcher = Matcher(index)
        results = matcher.match(
            people, progress=lambda done, total: progress("matching", done, total)
        )
        progress.end()
        write_results(out, results)
        decisions = {decision: 0 for decision in Decision}
        for result in results:
            decisions[result.decision] += 1
        self.stdout.write(
            f"{len(people)} listed, {len(index)} in the registry: "
            + ", ".join(f"{count} {decision.value}" for decision, count in decisions.items())
            + f" (estimated {matcher.estimated_share:.0%} of the list in the registry; match "
            f"from a posterior of {matcher.match_threshold:.2f})"
            + f"; {time.monotonic() - started:.1f} s; written to {out}"
        )
