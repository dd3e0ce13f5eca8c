"""`reintegra match --registry REG.csv --list LIST.csv --out OUT.csv`: match a list of people
against a registry file, offline.

A stable contract (benchmarks and operators' scripts call it):

- REG.csv: ``id,surname,given_name,patronymic,sex,birth_date``
- LIST.csv: ``id,surname,given_name,patronymic,full_name,sex,birth_date``
- OUT.csv: ``list_id,registry_id,score,decision``, one row per list row, in the list's order.

Any field may be empty; names may be in any script; birth_date is YYYY-MM-DD, YYYY-MM or YYYY.
The command reads and writes files only: no database, no network. Output is in English, like
the other operator commands; progress goes to stderr when it is a terminal.

The work is here, with no Django import, so that the console script can run it without setting
Django up (``reintegra.__main__``); the management command (``people``) calls the same function.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from reintegra.identity.engine import Decision, Matcher
from reintegra.identity.files import InputError, load_registry, read_list, write_results

HELP = "Match a list of people (CSV) against a registry (CSV); write the best candidates."


class _Progress:
    """A one-line counter on a terminal, at most a few times a second; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--registry", required=True, type=Path, help="REG.csv")
    parser.add_argument("--list", required=True, type=Path, dest="listed", help="LIST.csv")
    parser.add_argument("--out", required=True, type=Path, help="OUT.csv (overwritten)")


def run_match(
    *, registry: Path, listed: Path, out: Path, stdout: TextIO, stderr: TextIO | None = None
) -> None:
    """Match the files and write the summary line to ``stdout``; raises ``InputError`` on a file
    that cannot be read (before anything is written)."""
    progress = _Progress(stderr if stderr is not None else sys.stderr)
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
    except InputError:
        progress.end()
        raise
    progress("reading the registry", len(index), len(index))
    progress.end()
    matcher = Matcher(index)
    results = matcher.match(people, progress=lambda done, total: progress("matching", done, total))
    progress.end()
    write_results(out, results)
    decisions = {decision: 0 for decision in Decision}
    for result in results:
        decisions[result.decision] += 1
    stdout.write(
        f"{len(people)} listed, {len(index)} in the registry: "
        + ", ".join(f"{count} {decision.value}" for decision, count in decisions.items())
        + f" (estimated {matcher.estimated_share:.0%} of the list in the registry; match "
        f"from a posterior of {matcher.match_threshold:.2f})"
        + f"; {time.monotonic() - started:.1f} s; written to {out}\n"
    )


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str):
        raise argparse.ArgumentError(None, message)


def main(argv: list[str]) -> int | None:
    """``reintegra match ...`` without Django, when the arguments are exactly the contract's;
    returns None (let Django's command parse them) for anything else: ``--help``, Django's own
    options (``--verbosity``, ``--settings``, ``--traceback``), or arguments in error, so that
    those behave as any management command's."""
    parser = _QuietParser(prog="reintegra match", add_help=False, exit_on_error=False)
    add_arguments(parser)
    try:
        arguments, unknown = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if unknown:
        return None
    try:
        run_match(
            registry=arguments.registry, listed=arguments.listed, out=arguments.out,
            stdout=sys.stdout,
        )  # fmt: skip
    except InputError as exc:
        # As Django reports a CommandError from the command line.
        sys.stderr.write(f"CommandError: {exc}\n")
        return 2
    return 0
