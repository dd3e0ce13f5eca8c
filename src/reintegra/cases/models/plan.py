"""Individual plans and their goals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.core.access import RestrictedQuerySet

from .case import Case


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("waiting for approval")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned for changes")


class PlanDomain(models.TextChoices):
    HEALTH = "health", _("health")
    HOUSING = "housing", _("housing")
    DOCUMENTS = "documents", _("documents")
    EMPLOYMENT = "employment", _("employment")
    EDUCATION = "education", _("education and schooling")
    FAMILY = "family", _("family and caregivers")
    PSYCHOLOGICAL = "psychological", _("psychological well-being")
    RELIGIOUS = "religious", _("religious understanding")
    SOCIAL = "social", _("social life")


class Plan(models.Model):
    """The individual plan of a case. A new plan replaces the approved one when circumstances
    change; earlier plans stay as history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    review_on = models.DateField(_("review date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    approved_on = models.DateField(_("approved"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["approved_on", "case"], name="plan_approved_idx")]
        verbose_name = _("individual plan")
        verbose_name_plural = _("individual plans")

    def __str__(self) -> str:
        return f"{self.case} · {self.get_status_display()}"

    @property
    def editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)


class GoalStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("goal status", "in progress")
    ACHIEVED = "achieved", _("achieved")
    DROPPED = "dropped", _("dropped")


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=20, choices=PlanDomain.choices)
    description = models.CharField(_("goal"), max_length=300)
    actions = models.TextField(_("actions"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.PLANNED
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "domain", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.description
