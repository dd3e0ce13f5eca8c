"""`reintegra tallies check|rebuild`: compare the service tally with the services, or recount it."""

from django.core.management.base import BaseCommand, CommandError

from reintegra.cases.tallies import service_tally_differences, service_tally_rebuild


class Command(BaseCommand):
    help = (
        "The service tally the services indicator reads. `check` compares it with a count of "
        "the services; `rebuild` recounts it (after a bulk load, or to repair it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["check", "rebuild"])

    def handle(self, *args, operation: str, **options):
        # Operators' scripts read this output: it is in English, like `audit verify`.
        if operation == "rebuild":
            groups = service_tally_rebuild()
            self.stdout.write(f"Service tally rebuilt: {groups} groups.")
            return
        differences = service_tally_differences()
        if differences:
            for key, (held, counted) in sorted(differences.items())[:20]:
                self.stdout.write(f"  {key}: tallied {held}, counted {counted}")
            raise CommandError(
                f"The service tally differs from the services in {len(differences)} groups; "
                "run `reintegra tallies rebuild`.",
                returncode=1,
            )
        self.stdout.write("The service tally equals the services.")
