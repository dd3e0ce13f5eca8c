"""The work done in a case: services, approvals and tasks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import RestrictedQuerySet

from .case import Case


class ServiceKind(models.TextChoices):
    INDIVIDUAL_CONVERSATION = "conversation", _("individual conversation")
    GROUP_SESSION = "group_session", _("group session")
    THEOLOGICAL = "theological", _("theological counselling")
    PSYCHOLOGICAL = "psychological", _("psychological counselling")
    MEDICAL = "medical", _("medical care")
    LEGAL_AID = "legal_aid", _("legal aid")
    EDUCATION = "education", _("education")
    VOCATIONAL = "vocational", _("vocational training")
    JOB_PLACEMENT = "job_placement", _("job placement")
    CIVIL_DOCUMENTS = "civil_documents", _("help with civil documents")
    SOCIAL_BENEFIT = "social_benefit", _("social benefit")


class Service(models.Model):
    """A session held or help given in a case. The confidential note is for the author's
    profession only (see ``cases.selectors.may_read_note``)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="services")
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(_("duration, minutes"), null=True, blank=True)
    provider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("provided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services_provided",
    )
    provider_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("provider organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.TextField(_("outcome"), blank=True)
    confidential_note = models.TextField(_("confidential note"), blank=True)
    note_profession = models.CharField(
        _("profession of the note"), max_length=30, blank=True, editable=False
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            # The kind too, so a region's services by kind are counted from its cases' entries.
            models.Index(fields=["case", "date", "kind"], name="service_case_idx"),
            models.Index(fields=["kind", "date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__isnull=True)
                | models.Q(duration_minutes__lte=24 * 60),
                name="service_duration_within_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.date}"


class ServiceTally(models.Model):
    """How many services of a kind a month holds, per case program, case region and provider
    organisation: the services indicator reads these instead of every service.

    A summary, never written on its own: ``cases.tallies`` keeps it equal to a count over
    ``Service`` in the same transaction as every service recorded and every transfer or edit
    that moves a case to another region, and rebuilds it after a bulk load (``reintegra
    tallies rebuild``).
    """

    month = models.DateField()  # the first day of the month
    kind = models.CharField(max_length=20, choices=ServiceKind.choices)
    program = models.CharField(max_length=20)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "kind", "program", "region", "organisation"],
                name="service_tally_once",
            )
        ]
        indexes = [
            # A period's months by kind, with the count: the national figure from the index.
            models.Index(fields=["month", "kind", "count"], name="service_tally_month_idx"),
            models.Index(fields=["region", "month"], name="service_tally_region_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} {self.program}: {self.count}"


class ApprovalKind(models.TextChoices):
    PLAN = "plan", _("individual plan")
    CLOSURE = "closure", _("case closure")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("waiting for a decision")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned with a comment")


class ApprovalQuerySet(RestrictedQuerySet):
    def pending(self):
        return self.filter(status=ApprovalStatus.PENDING)


class Approval(models.Model):
    """A request that a coordinator decides; nobody decides their own request."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField(_("kind"), max_length=10, choices=ApprovalKind.choices)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    request_note = models.TextField(_("note"), blank=True)
    follow_ups = models.JSONField(
        _("follow-up dates"),
        default=list,
        blank=True,
        help_text=_("For a closure: when to check on the person."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "subject_id"],
                condition=models.Q(status="pending"),
                name="one_pending_approval_per_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case}"


class TaskKind(models.TextChoices):
    REASSESSMENT = "reassessment", _("reassessment due")
    PLAN_REVIEW = "plan_review", _("plan review")
    FOLLOW_UP = "follow_up", _("follow-up after closure")
    OTHER = "other", _("other")


class Task(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["assigned_to", "done_at", "due_on"]),
            models.Index(fields=["kind", "due_on", "done_at", "case"], name="task_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.due_on}"
