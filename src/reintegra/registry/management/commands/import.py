"""`reintegra import registry --organisations FILE --materials FILE`: CSV files into the legal
register, each file all or nothing, with every error listed by its line."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reintegra.registry.imports import MATERIAL_COLUMNS, ORGANISATION_COLUMNS, registry_import


class Command(BaseCommand):
    help = (
        "Import CSV files (UTF-8) into a register. `import registry --organisations FILE` takes "
        f"the columns {', '.join(ORGANISATION_COLUMNS)}; `--materials FILE` takes "
        f"{', '.join(MATERIAL_COLUMNS)}. Each file is imported whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("register", choices=["registry"], help="what to import into")
        parser.add_argument("--organisations", type=Path, help="a CSV file of banned organisations")
        parser.add_argument("--materials", type=Path, help="a CSV file of banned materials")

    def handle(self, *args, register: str, organisations, materials, **options):
        files = [("organisations", organisations), ("materials", materials)]
        files = [(what, path) for what, path in files if path is not None]
        if not files:
            raise CommandError("give --organisations FILE, --materials FILE or both")
        failed = False
        with translation.override("en"):
            for what, path in files:
                try:
                    content = path.read_bytes()
                except OSError as exc:
                    raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
                report = registry_import(actor=None, what=what, content=content, filename=path.name)
                if report.ok:
                    self.stdout.write(
                        self.style.SUCCESS(f"{path}: {report.created} {what} imported.")
                    )
                    continue
                failed = True
                self.stderr.write(
                    f"{path}: nothing imported, {len(report.errors)} error(s) in "
                    f"{report.rows} row(s):"
                )
                for error in report.errors:
                    self.stderr.write(f"  {error}")
        if failed:
            raise CommandError("some files were not imported; correct them and run again")
