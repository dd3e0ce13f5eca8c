"""`reintegra serve`: the production WSGI server (waitress), static files by WhiteNoise."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Serve the application with a production WSGI server."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--worker",
            action="store_true",
            help="also run the background tasks (exports, list matching) in this process",
        )
        parser.add_argument(
            "--no-collectstatic",
            dest="collectstatic",
            action="store_false",
            help="do not collect static files before serving",
        )

    def handle(
        self,
        *args,
        host: str,
        port: int,
        threads: int,
        collectstatic: bool,
        worker: bool = False,
        **options,
    ):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database needs migrating first: run `reintegra migrate`.")
        if collectstatic and settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
        from waitress import serve

        from reintegra.wsgi import application

        if worker:
            from reintegra.reports.worker import start_worker_thread

            start_worker_thread()
            self.stdout.write("Background tasks run in this process.")
        self.stdout.write(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
        serve(application, host=host, port=port, threads=threads, ident="reintegra")
