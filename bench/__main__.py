"""``python -m bench generate|dashboard|cases|all``: see ``docs/performance.md``."""

from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="migrate, then load the synthetic dataset")
    gen.add_argument("--people", type=int, default=1_000_000)
    gen.add_argument("--cases", type=int, default=None)
    gen.add_argument("--returnees", type=int, default=None)
    gen.add_argument("--observations", type=int, default=None)
    gen.add_argument("--services", type=int, default=None)
    gen.add_argument("--seed", type=int, default=2026)
    for name, text in (
        ("dashboard", "time the national and a regional dashboard"),
        ("cases", "time the filtered case list"),
        ("all", "both"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--runs", type=int, default=None, help="timed runs (after a warm-up)")
        sub.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)

    from bench.env import setup

    setup()
    if args.command == "generate":
        return _generate(args)
    return _measure(args)


def _generate(args) -> int:
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import Sizes, generate

    sizes = Sizes.scaled(
        args.people,
        cases=args.cases,
        returnees=args.returnees,
        observations=args.observations,
        services=args.services,
    )
    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"Sizes: {sizes}")
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"Migrated in {time.perf_counter() - started:.1f} s")
    counts = generate(sizes, seed=args.seed, progress=lambda m: print(m, flush=True))
    for table, n in counts.rows.items():
        print(f"  {table:<22} {n:>12,}")
    print(
        "Loaded in {total:.0f} s (rows {rows:.0f} s, indexes {indexes:.0f} s, "
        "tallies {tallies:.0f} s, statistics {analyze:.0f} s)".format(**counts.seconds)
    )
    return 0


def _measure(args) -> int:
    from bench import measure

    results = {}
    if args.command in ("dashboard", "all"):
        results["dashboard"] = measure.dashboards(runs=args.runs or 7)
    if args.command in ("cases", "all"):
        results["cases"] = measure.case_lists(runs=args.runs or 200)
    if args.as_json:
        print(json.dumps(results, indent=2))
    else:
        measure.print_report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
