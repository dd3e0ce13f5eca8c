"""Cases, their teams, the observations history and consents."""

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from reintegra.cases.observations import Dimension, value_label
from reintegra.core.access import RestrictedQuerySet
from reintegra.core.models import OrganisationKind


class Program(models.TextChoices):
    RETURNEE = "returnee", _("returnee reintegration")
    COUNSELLING = "counselling", _("counselling")
    PENAL = "penal", _("penal institution")
    PREVENTION = "prevention", _("prevention")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSING = "closing", _("closure awaiting approval")
    CLOSED = "closed", _("closed")


class ClosureReason(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("goals achieved")
    MOVED = "moved", _("moved away")
    DECEASED = "deceased", _("deceased")
    TRANSFERRED = "transferred", _("transferred")
    DECLINED = "declined", _("declined to continue")
    OTHER = "other", _("other")


class Case(models.Model):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases"
    )
    program = models.CharField(_("program"), max_length=20, choices=Program.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    region = models.ForeignKey(
        "core.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="cases"
    )
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    opened_on = models.DateField(_("opened"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    # The person's ``adult_on`` and date of birth, copied so that counts find the cases of
    # minors, and their ages, without reading any person; ``cases.tallies`` keeps them equal.
    person_adult_on = models.DateField(null=True, blank=True, editable=False)
    person_birth_date = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # A region's newest cases, whatever their program (the case list without one).
            models.Index(fields=["region", "-opened_on"], name="case_region_recent_idx"),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["case_worker", "status"]),
            # The case list's default order within its usual filters.
            models.Index(
                fields=["region", "program", "status", "-opened_on"], name="case_list_idx"
            ),
            # Indicators: covering indexes, so counts read no table rows.
            # Open cases and cases opened, by program (SQLite skips through the programs; one
            # index for both, so its planner never prefers one that is not covering).
            models.Index(
                fields=["program", "opened_on", "closed_on", "region", "person"],
                name="case_open_idx",
            ),
            models.Index(
                fields=["program", "closure_reason", "closed_on", "person"],
                name="case_closed_program_idx",
            ),
            models.Index(fields=["closure_reason", "closed_on"], name="case_closed_idx"),
            # The cases of people who may be minors on a day (adult_on after it, or unknown),
            # with what open cases are counted by.
            models.Index(
                fields=[
                    *("person_adult_on", "opened_on", "closed_on", "program", "region"),
                    *("organisation", "person_birth_date"),
                ],
                name="case_person_age_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{capfirst(self.get_program_display())} · {self.person}"


class CaseTally(models.Model):
    """Cases opened and closed, and assessments completed (by the day assessed), in a month,
    per program, region and organisation (the case's own, as they are now): the case
    indicators read these instead of every case.

    A summary, never written on its own: ``cases.tallies`` keeps it equal to a count over
    ``Case`` in the same transaction as every case opened, closed or moved to another region or
    organisation, and rebuilds it after a bulk load (``reintegra tallies rebuild``).
    """

    month = models.DateField()  # the first day of the month
    program = models.CharField(max_length=20, choices=Program.choices)
    region = models.ForeignKey("core.Region", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    opened = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    assessed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "program", "region", "organisation"], name="case_tally_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.program}: +{self.opened} -{self.closed}"


class TeamMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_teams"
    )
    added_on = models.DateField(_("added"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="team_member_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.case_id}"


class Observation(models.Model):
    """One value of one dimension, holding from ``valid_from`` until ``valid_to`` (exclusive)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="observations"
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="observations"
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    value = models.CharField(_("value"), max_length=200)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "dimension", "valid_from"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [
            models.Index(fields=["dimension", "valid_from", "valid_to"]),
            # A person's values on a day: the end and the value too, so that "did she hold
            # this value on the day" (the returned women's shares) reads no table row.
            models.Index(
                fields=["person", "dimension", "valid_from", "valid_to", "value"],
                name="observation_person_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="observation_period_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value} from {self.valid_from}"

    @property
    def value_label(self) -> str:
        return value_label(self.dimension, self.value)


class Consent(models.Model):
    """What may be shared about a person, with which kinds of organisation, for what."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="consents")
    recipient_kinds = models.JSONField(
        _("may be shared with"), default=list, help_text=_("Kinds of organisation.")
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    given_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("given by (guardian)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-given_on"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.person} · {self.purpose}"

    @property
    def recipient_labels(self) -> list[str]:
        labels = dict(OrganisationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.recipient_kinds or []]

    def covers(self, organisation_kind: str, on) -> bool:
        return (
            self.given_on <= on
            and (self.withdrawn_on is None or self.withdrawn_on > on)
            and organisation_kind in (self.recipient_kinds or [])
        )
