from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reintegra.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Importing the indicator modules registers them.
        from reintegra.reports import indicators  # noqa: F401
