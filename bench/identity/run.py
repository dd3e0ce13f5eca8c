"""Run the identity benchmark: generate data, run `reintegra match` and Splink on it, compare.

    uv run --group bench python -m bench.identity.run \
        --registry 1000000 --list 10000 --out bench/out/1m

Each matcher runs in its own process; its wall time and peak resident memory (the process's
maximum RSS, from ``wait4``) are measured. Quality counts a row as a predicted link only when its
decision is "match". The ceiling is the best F1 any matcher can reach on this data (see
``evaluate.ceiling``). Prints a Markdown table and writes ``results.json`` next to the data.
``--seed`` generates other data of the same kind (the figures use seed 6), to check that a
change to the engine is not fitted to one set of files; ``bench.identity.learned`` compares
the engine with a classifier trained on the truth of such another set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.identity.evaluate import ceiling, quality, read_truth
from bench.identity.generate import generate

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    name: str
    seconds: float
    cpu_seconds: float  # user + system; above the wall time when a matcher runs threads
    peak_mb: float
    precision: float
    recall: float
    f1: float
    matches: int
    reviews: int
    reviews_correct: int


def measure(command: list[str], log: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of a child process; raises if it fails. The
    CPU time shows how much of the wall time other work on the machine took."""
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("w") as output:  # what the matcher reports, kept next to its results
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run_matcher(name: str, command: list[str], data: Path, truth) -> Run:
    seconds, cpu, peak = measure(command, data / f"{name}.log")
    q = quality(data / f"{name}.csv", truth)
    return Run(name, seconds, cpu, peak, q.precision, q.recall, q.f1, q.predicted, q.reviews,
               q.reviews_correct)  # fmt: skip


def benchmark(
    registry_size: int, list_size: int, data: Path, *, splink: bool = True, seed: int = 6
) -> dict:
    if not (data / "truth.csv").exists():
        generate(registry_size, list_size, data, seed=seed)
    truth = read_truth(data / "truth.csv")
    files = ["--registry", str(data / "registry.csv"), "--list", str(data / "list.csv")]
    runs = [
        run_matcher(
            "reintegra",
            [
                sys.executable,
                "-m",
                "reintegra",
                "match",
                *files,
                "--out",
                str(data / "reintegra.csv"),
            ],
            data,
            truth,
        )
    ]
    if splink:
        runs.append(
            run_matcher(
                "splink",
                [
                    sys.executable,
                    "-m",
                    "bench.identity.splink_run",
                    *files,
                    "--out",
                    str(data / "splink.csv"),
                ],
                data,
                truth,
            )
        )
    limit = ceiling(data / "registry.csv", truth)
    return {
        "date": dt.date.today().isoformat(),
        "load_average": os.getloadavg(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "registry": registry_size,
        "list": list_size,
        "seed": seed,
        "links": limit.links,
        "ceiling": {
            "ambiguous_links": limit.ambiguous_links,
            "ambiguous_not_in_registry": limit.ambiguous_others,
            "unavoidable_matches": limit.unavoidable_matches,
            "f1": round(limit.f1, 4),
        },
        "runs": [asdict(r) for r in runs],
    }


def table(result: dict) -> str:
    header = ("matcher", "precision", "recall", "F1", "matches", "reviews (right candidate)",
              "time, s", "CPU, s", "peak RSS, MB")  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in result["runs"]:
        lines.append(
            f"| {r['name']} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | "
            f"{r['matches']} | {r['reviews']} ({r['reviews_correct']}) | {r['seconds']:.1f} | "
            f"{r['cpu_seconds']:.1f} | {r['peak_mb']:.0f} |"
        )
    c = result["ceiling"]
    lines.append(
        f"\nCeiling: {c['ambiguous_links']} of {result['links']} true links cannot be told apart "
        f"from another registry person on the fields the list gives; "
        f"{c['ambiguous_not_in_registry']} rows not in the registry look exactly like registry "
        f"people ({c['unavoidable_matches']} like exactly one, a match no matcher can refuse); "
        f"best achievable F1 {c['f1']:.4f}."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registry", type=int, default=1_000_000)
    parser.add_argument("--list", type=int, default=10_000, dest="list_size")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--no-splink", action="store_true")
    # Another seed makes other data of the same kind, to check that a change is not fitted to
    # one set of files (data already in --out are used as they are).
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    result = benchmark(
        args.registry, args.list_size, args.out, splink=not args.no_splink, seed=args.seed
    )
    (args.out / "results.json").write_text(json.dumps(result, indent=2))
    print(f"{result['registry']} × {result['list']}, {result['machine']}, {result['date']}")
    print(table(result))


if __name__ == "__main__":
    main()
