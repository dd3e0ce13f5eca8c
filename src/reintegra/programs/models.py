"""Program activities (prevention and outreach work that is not a single case), who took part in
them, and the organisations' annual targets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.core.access import RestrictedQuerySet


class ActivityKind(models.TextChoices):
    PREVENTION_EVENT = "prevention_event", _("prevention event")
    PENAL_MEETING = "penal_meeting", _("meeting or lecture in a penal institution")
    GROUP_MEETING = "group_meeting", _("information-explanatory group meeting")
    SPORTS_TOURNAMENT = "sports_tournament", _("sports tournament")
    TRAINING = "training", _("training for specialists")
    PUBLICATION = "publication", _("counter-propaganda publication")
    STUDENTS_ABROAD = "students_abroad", _("explanatory work with students of theology abroad")
    EXCHANGE_VISIT = "exchange_visit", _("experience-exchange visit")


class TargetGroup(models.TextChoices):
    GENERAL = "general", _("general public")
    YOUTH = "youth", _("young people")
    WOMEN = "women", _("women")
    STUDENTS = "students", _("students")
    BELIEVERS = "believers", _("congregations of mosques")
    ADHERENTS = "adherents", _("adherents of destructive movements and their families")
    PRISONERS = "prisoners", _("people serving sentences")
    SPECIALISTS = "specialists", _("specialists")
    DELEGATIONS = "delegations", _("foreign delegations")


class Channel(models.TextChoices):
    PRINT = "print", _("newspaper or magazine")
    TELEVISION = "television", _("television")
    RADIO = "radio", _("radio")
    WEBSITE = "website", _("website")
    SOCIAL_MEDIA = "social_media", _("social media")
    BOOKLET = "booklet", _("booklet or leaflet")


class ParticipantSex(models.TextChoices):
    FEMALE = "female", pgettext_lazy("participants", "female")
    MALE = "male", pgettext_lazy("participants", "male")


# The age groups of the participant counts: the same bands as the indicators.
AGE_GROUPS = ("0-4", "5-9", "10-14", "15-17", "18+")


class Activity(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("date"), help_text=_("The day, or the first day of a period."))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day, for a period.")
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    region = models.ForeignKey(
        "core.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    participants = models.PositiveIntegerField(
        _("participants in all"),
        default=0,
        help_text=_("For a sports tournament with teams: the players of its teams."),
    )
    # A meeting or lecture in a penal institution.
    institution = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("penal institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities_held",
    )
    # A counter-propaganda publication.
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    reach = models.PositiveIntegerField(
        _("reach"), null=True, blank=True, help_text=_("Readers, viewers or listeners reached.")
    )
    # Explanatory work with students of theology abroad.
    students_reached = models.PositiveIntegerField(_("students reached"), null=True, blank=True)
    students_returned = models.PositiveIntegerField(
        _("students who returned"), null=True, blank=True
    )
    students_gave_up = models.PositiveIntegerField(
        _("students who gave up their plans"), null=True, blank=True
    )
    # An experience-exchange visit.
    delegation = models.CharField(_("delegation"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["kind", "starts_on"]),
            models.Index(fields=["organisation", "starts_on"]),
            models.Index(fields=["region", "starts_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_period_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_tournament(self) -> bool:
        return self.kind == ActivityKind.SPORTS_TOURNAMENT


class ParticipantCount(models.Model):
    """How many participants of one sex and age group an activity had."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="counts")
    sex = models.CharField(_("sex"), max_length=10, choices=ParticipantSex.choices)
    age_group = models.CharField(
        _("age group"), max_length=10, choices=[(a, a) for a in AGE_GROUPS]
    )
    count = models.PositiveIntegerField(_("number"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "sex", "age_group"]
        verbose_name = _("participant count")
        verbose_name_plural = _("participant counts")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "sex", "age_group"], name="participant_count_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sex} {self.age_group}: {self.count}"


class Team(models.Model):
    """A team in a sports tournament, with the mosque it comes from."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("team"), max_length=200)
    mosque = models.CharField(_("mosque"), max_length=200, blank=True)
    players = models.PositiveIntegerField(_("players"))
    adherents = models.PositiveIntegerField(
        _("adherents among them"),
        default=0,
        help_text=_("Players who are adherents of destructive movements."),
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "name", "pk"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["activity", "name"], name="team_name_once"),
            models.CheckConstraint(
                condition=models.Q(adherents__lte=models.F("players")),
                name="team_adherents_within_players",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """A named participant: a person the system knows took part in the activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="attendance")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.activity}"


class TargetMetric(models.TextChoices):
    CONVERSATIONS = "conversations", _("individual conversations (counselling cases opened)")
    ACTIVITIES = "activities", _("activities held")
    PARTICIPANTS = "participants", _("participants reached")


class Target(models.Model):
    """What an organisation plans to reach in a year, measured by one indicator."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    metric = models.CharField(_("measured by"), max_length=20, choices=TargetMetric.choices)
    activity_kind = models.CharField(
        _("kind of activity"),
        max_length=30,
        choices=ActivityKind.choices,
        blank=True,
        help_text=_("Empty: activities of every kind."),
    )
    value = models.PositiveIntegerField(_("target"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organisation__code", "metric", "activity_kind"]
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "metric", "activity_kind"], name="target_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.year} · {self.label}"

    @property
    def label(self) -> str:
        metric = str(self.get_metric_display())
        if self.metric == TargetMetric.CONVERSATIONS or not self.activity_kind:
            return metric
        return f"{metric}: {self.get_activity_kind_display()}"
