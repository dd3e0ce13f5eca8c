"""`reintegra report returns|indicators|activities|abroad [--as-of YYYY-MM-DD]
[--from YYYY-MM-DD] [--year YYYY] [--format table|json]`: the program's figures, aggregates
only."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from reintegra.reports.indicators import FLOW, PERCENT, REGISTRY, Query, evaluate
from reintegra.returns.selectors import returns_summary

RETURNS_LABELS = [
    ("returned_total", "Citizens returned since 2017"),
    ("men", "Men"),
    ("women", "Women"),
    ("children", "Children (under 18 on arrival)"),
    ("women_employed_pct", "Women employed, %"),
    ("women_higher_education_pct", "Women with higher education, %"),
    ("women_specialised_secondary_pct", "Women with specialised secondary education, %"),
    ("women_not_prosecuted_pct", "Women not prosecuted, %"),
    ("women_renounced_pct", "Women assessed as having renounced violent ideology, %"),
]


def parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"dates are written YYYY-MM-DD, got {value!r}") from exc


class Command(BaseCommand):
    help = "Print the program's figures (aggregates only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "report",
            choices=["returns", "indicators", "activities", "abroad"],
            help="which report",
        )
        parser.add_argument(
            "--as-of",
            dest="as_of",
            type=parse_day,
            default=None,
            help="the day the figures are for, the last day of the period (default: today)",
        )
        parser.add_argument(
            "--from",
            dest="start",
            type=parse_day,
            default=None,
            help="the first day of the period for counts of what happened (default: 2017-01-01)",
        )
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="activities: one calendar year (default: since 2017)",
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, report: str, as_of, start, year, format: str, **options):
        as_of = as_of or timezone.localdate()
        if start and start > as_of:
            raise CommandError("--from is after --as-of")
        if year is not None and report != "activities":
            raise CommandError("--year is for the activities report")
        if year is not None and not 2000 <= year <= 2100:
            raise CommandError(f"--year is a year such as 2017, got {year}")
        with translation.override("en"):
            if report == "returns":
                self.returns(as_of, format)
            elif report == "activities":
                self.activities(year, as_of, format)
            elif report == "abroad":
                self.abroad(as_of, format)
            else:
                self.indicators(Query(as_of=as_of, start=start), format)

    def returns(self, as_of: dt.date, format: str) -> None:
        data = returns_summary(as_of=as_of).as_dict()
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Returns as of {data['as_of']}")
        width = max(len(label) for _key, label in RETURNS_LABELS) + 2
        for key, label in RETURNS_LABELS:
            value = data[key]
            self.stdout.write(f"  {label:<{width}}{'—' if value is None else value}")
        self.stdout.write("  By operation:")
        for code, count in sorted(data["by_operation"].items()):
            self.stdout.write(f"    {code:<{width - 2}}{count}")

    def indicators(self, query: Query, format: str) -> None:
        tables = [evaluate(code, query) for code in REGISTRY]
        if format == "json":
            data = {
                "as_of": query.as_of.isoformat(),
                "from": query.since.isoformat(),
                "indicators": {
                    t.indicator.code: {
                        "title": str(t.indicator.title),
                        "unit": t.indicator.unit,
                        "kind": t.indicator.kind,
                        "value": t.total_value,
                        "count": t.total.count,
                        **({"base": t.total.base} if t.indicator.unit == PERCENT else {}),
                    }
                    for t in tables
                },
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Indicators as of {query.as_of.isoformat()} "
            f"(counts of what happened: from {query.since.isoformat()})"
        )
        width = max(len(str(t.indicator.title)) for t in tables) + 2
        group = None
        for table in tables:
            if table.indicator.group != group:
                group = table.indicator.group
                self.stdout.write(f"  {group}")
            value = table.total_value
            shown = (
                "—" if value is None else f"{value}%" if table.indicator.unit == PERCENT else value
            )
            period = " (period)" if table.indicator.kind == FLOW else ""
            self.stdout.write(f"    {str(table.indicator.title) + period:<{width + 9}}{shown}")

    def activities(self, year: int | None, as_of: dt.date, format: str) -> None:
        from reintegra.programs.selectors import PENAL_FIGURES, REPORT_FIGURES, activity_report

        data = activity_report(year=year, as_of=as_of)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Activities from {data['from']} to {data['to']}")
        figures = [*REPORT_FIGURES, *PENAL_FIGURES]
        width = max(len(label) for _key, _code, label in figures) + 2
        for key, _code, label in figures:
            self.stdout.write(f"  {label:<{width}}{data[key]}")
        if data["targets"]:
            self.stdout.write("  Targets:")
        for target in data["targets"]:
            kind = f" ({target['activity_kind']})" if target["activity_kind"] else ""
            shown = "—" if target["percent"] is None else f"{target['percent']}%"
            self.stdout.write(
                f"    {target['organisation']} {target['year']} {target['measured_by']}{kind}: "
                f"{target['value']} of {target['target']} ({shown})"
            )

    def abroad(self, as_of: dt.date, format: str) -> None:
        """People abroad by their status on the day, and by the kinds of evidence held."""
        from reintegra.returns.models import AbroadStatus, EvidenceKind

        query = Query(as_of=as_of, by=("status",))
        people = {row.key[0]: row.count for row in evaluate("abroad.people", query).rows}
        evidence = evaluate("abroad.evidence", Query(as_of=as_of, by=("status", "kind")))
        cells = {row.key: row.count for row in evidence.rows}
        data = {
            "as_of": as_of.isoformat(),
            "total": sum(people.values()),
            "by_status": {
                status: {
                    "people": people.get(status, 0),
                    "evidence": {k: cells.get((status, k), 0) for k in EvidenceKind.values},
                }
                for status in AbroadStatus.values
            },
        }
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"People abroad as of {data['as_of']}: {data['total']}")
        kinds = EvidenceKind.values
        self.stdout.write(f"  {'status':<16}{'people':>8}" + "".join(f"{k:>14}" for k in kinds))
        for status, row in data["by_status"].items():
            self.stdout.write(
                f"  {status:<16}{row['people']:>8}"
                + "".join(f"{row['evidence'][k]:>14}" for k in kinds)
            )
