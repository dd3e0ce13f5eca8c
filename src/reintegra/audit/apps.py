from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "reintegra.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from reintegra.audit import receivers  # noqa: F401  (sign-in events)
