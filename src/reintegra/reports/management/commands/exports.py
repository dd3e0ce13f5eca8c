"""`reintegra exports expire [--days N]`: delete export files older than N days."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from reintegra.reports.services import exports_expire


class Command(BaseCommand):
    help = "Delete the files of exports finished more than N days ago."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["expire"])
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"keep files this many days (default: {settings.EXPORT_KEEP_DAYS})",
        )

    def handle(self, *args, action: str, days: int | None, **options):
        deleted = exports_expire(days=days)
        self.stdout.write(f"{deleted} export file(s) deleted.")
