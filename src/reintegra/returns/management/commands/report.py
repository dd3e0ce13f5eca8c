"""`reintegra report returns [--as-of YYYY-MM-DD] [--format table|json]`."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reintegra.returns.selectors import returns_summary

LABELS = [
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
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, got {value!r}") from exc


class Command(BaseCommand):
    help = "Print the program's headline figures (aggregates only)."

    def add_arguments(self, parser):
        parser.add_argument("report", choices=["returns"], help="which report")
        parser.add_argument(
            "--as-of",
            dest="as_of",
            type=parse_day,
            default=None,
            help="the day the figures are for (default: today)",
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, report: str, as_of, format: str, **options):
        summary = returns_summary(as_of=as_of or timezone.localdate())
        data = summary.as_dict()
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Returns as of {data['as_of']}")
        width = max(len(label) for _key, label in LABELS) + 2
        for key, label in LABELS:
            value = data[key]
            self.stdout.write(f"  {label:<{width}}{'—' if value is None else value}")
        self.stdout.write("  By operation:")
        for code, count in sorted(data["by_operation"].items()):
            self.stdout.write(f"    {code:<{width - 2}}{count}")
