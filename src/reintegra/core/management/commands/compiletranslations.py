"""`reintegra compiletranslations`: compile the .po catalogues to .mo without GNU gettext."""

from django.core.management.base import BaseCommand

from reintegra.core.translations import compile_catalogues


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po to .mo)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="compile even when up to date")

    def handle(self, *args, force: bool, **options):
        compiled = compile_catalogues(force=force)
        for path in compiled:
            self.stdout.write(f"compiled {path}")
        if not compiled:
            self.stdout.write("translations are up to date")
