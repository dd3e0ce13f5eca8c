"""`reintegra tallies check|rebuild`: compare the case and service tallies (and the cases' copy
of their person's age) with the rows they summarise, or recount them."""

from django.core.management.base import BaseCommand, CommandError

from reintegra.cases.tallies import differences, tallies_rebuild


class Command(BaseCommand):
    help = (
        "The summaries the case indicators read. `check` compares them with counts over the "
        "cases and services; `rebuild` recounts them (after a bulk load, or to repair them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["check", "rebuild"])

    def handle(self, *args, operation: str, **options):
        # Operators' scripts read this output: it is in English, like `audit verify`.
        if operation == "rebuild":
            rebuilt = tallies_rebuild()
            self.stdout.write(
                "Rebuilt: " + ", ".join(f"{name} {n}" for name, n in rebuilt.items()) + "."
            )
            return
        found = differences()
        if found:
            listed = ", ".join(f"{name} in {n}" for name, n in found.items())
            raise CommandError(
                f"The summaries differ from the rows: {listed}; run `reintegra tallies rebuild`.",
                returncode=1,
            )
        self.stdout.write("The tallies equal the rows they count.")
