"""`reintegra worker`: run the background tasks (exports) from the database queue."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (exports): django-tasks' database worker."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run the tasks waiting, then stop")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at the queue"
        )

    def handle(self, *args, batch: bool, interval: float, **options):
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            reload=False,
            verbosity=options.get("verbosity", 1),
        )
