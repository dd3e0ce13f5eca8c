"""`reintegra demo`: the embedded demo in one command."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation

from reintegra.accounts.demo import DEMO_PASSWORD, demo_users_create
from reintegra.core.roles import Role
from reintegra.core.services import reference_data_load
from reintegra.core.translations import compile_catalogues
from reintegra.demo.dataset import demo_dataset_load
from reintegra.registry.demo import demo_materials_load
from reintegra.returns.services import operations_load


class Command(BaseCommand):
    help = (
        "Create or migrate the embedded database, load reference data and one demo user per "
        "role, print the logins, and serve on 127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="prepare, but do not serve")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, no_serve: bool, host: str, port: int, **options):
        translation.activate("en")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        database = settings.DATABASES["default"]
        self.stdout.write(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
        compile_catalogues()
        call_command("migrate", interactive=False, verbosity=0)
        reference = reference_data_load(actor=None)
        self.stdout.write(
            f"Reference data: {reference.regions_created} regions and "
            f"{reference.organisations_created} organisations added."
        )
        operations_load(actor=None)
        created = demo_users_create()
        dataset = demo_dataset_load()
        if dataset is None:
            self.stdout.write("Demo people are already loaded.")
        else:
            self.stdout.write(
                f"Demo data: {dataset.people} people ({dataset.returned} returned, "
                f"{dataset.counselling} in counselling), {dataset.cases} cases, "
                f"{dataset.observations} observations."
            )
        materials = demo_materials_load()
        if materials:
            self.stdout.write(f"Legal register: {materials} banned materials added.")
        self.stdout.write(
            self.style.SUCCESS("Demo logins (password for all: " + DEMO_PASSWORD + ")")
        )
        for demo, _new in created:
            role = Role(demo.role).label
            extra = f", {demo.profession}" if demo.profession else ""
            self.stdout.write(f"  {demo.username:<14} {role}{extra} · {demo.organisation}")
        if no_serve:
            return
        # Exports and list matching run in a worker thread of the same process.
        call_command("serve", host=host, port=port, collectstatic=False, worker=True)
