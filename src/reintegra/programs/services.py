"""Every change to activities, their teams and named participants, and annual targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, VIEW, access_context, access_object
from reintegra.core.access.policies import ACTIVITY_EDITORS, TARGET_EDITORS, activity_reach
from reintegra.core.errors import EditConflict
from reintegra.core.models import Organisation, OrganisationKind, Region
from reintegra.people.models import Person
from reintegra.people.services import refuse_if_merged
from reintegra.programs.models import (
    AGE_GROUPS,
    Activity,
    ActivityKind,
    Attendance,
    Channel,
    ParticipantCount,
    ParticipantSex,
    Target,
    TargetGroup,
    TargetMetric,
    Team,
)

if TYPE_CHECKING:
    from reintegra.accounts.models import User

Counts = Mapping[tuple[str, str], int]

FIRST_YEAR = 2000
# The details that belong to one kind of activity only: field -> its kind.
KIND_FIELDS: dict[str, str] = {
    "institution": ActivityKind.PENAL_MEETING,
    "channel": ActivityKind.PUBLICATION,
    "reach": ActivityKind.PUBLICATION,
    "students_reached": ActivityKind.STUDENTS_ABROAD,
    "students_returned": ActivityKind.STUDENTS_ABROAD,
    "students_gave_up": ActivityKind.STUDENTS_ABROAD,
    "delegation": ActivityKind.EXCHANGE_VISIT,
    "country": ActivityKind.EXCHANGE_VISIT,
}
ACTIVITY_FIELDS = (
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "organisation",
    "region",
    "place",
    "target_group",
    "notes",
    "participants",
    *KIND_FIELDS,
)


def editable_organisations(user: User):
    """The organisations ``user`` may record activities for."""
    query = activity_reach(
        access_context(user), ACTIVITY_EDITORS, region="region_id", organisation="pk"
    )
    if query is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(query, is_active=True)


def target_organisations(user: User):
    """The organisations ``user`` may set targets for."""
    query = activity_reach(
        access_context(user), TARGET_EDITORS, region="region_id", organisation="pk"
    )
    if query is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(query, is_active=True)


def _blank(value: Any) -> bool:
    return value in (None, "")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    for name in ("title", "place", "notes", "delegation", "country"):
        data[name] = (data.get(name) or "").strip()
    for name in ("target_group", "channel"):
        data[name] = data.get(name) or ""
    if data.get("region") is None and data.get("organisation") is not None:
        data["region"] = data["organisation"].region  # where the organisation is
    return data


def _validate(
    data: dict[str, Any], counts: Counts | None, players: int | None
) -> dict[str, list[str]]:
    """Every problem with an activity at once, by field."""
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    kind = data["kind"]
    if kind not in ActivityKind.values:
        error("kind", _("Choose the kind of activity."))
    if not data["title"]:
        error("title", _("Give the activity a title."))
    starts_on, ends_on = data["starts_on"], data["ends_on"]
    if starts_on is None:
        error("starts_on", _("Give the date of the activity."))
    elif starts_on.year < FIRST_YEAR:
        error("starts_on", _("The date is too early: check the year."))
    elif ends_on is not None and ends_on < starts_on:
        error("ends_on", _("The period ends before it starts."))
    if data["target_group"] and data["target_group"] not in TargetGroup.values:
        error("target_group", _("Choose a target group from the list."))
    if data["region"] is None:
        error("region", _("Choose the region where the activity took place."))
    for field, owner in KIND_FIELDS.items():
        if owner != kind and not _blank(data.get(field)):
            error(
                field,
                _("This is recorded only for a %(kind)s.") % {"kind": ActivityKind(owner).label},
            )
    if kind == ActivityKind.PENAL_MEETING:
        institution = data.get("institution")
        if institution is None:
            error("institution", _("Choose the penal institution."))
        elif institution.kind != OrganisationKind.PENAL_INSTITUTION:
            error("institution", _("This organisation is not a penal institution."))
    if kind == ActivityKind.PUBLICATION and data["channel"] not in Channel.values:
        error("channel", _("Choose the channel of the publication."))
    if kind == ActivityKind.STUDENTS_ABROAD:
        reached = data.get("students_reached")
        returned = data.get("students_returned") or 0
        gave_up = data.get("students_gave_up") or 0
        if reached is None:
            error("students_reached", _("Give the number of students reached."))
        elif returned + gave_up > reached:
            error(
                "students_gave_up",
                _(
                    "Those who returned (%(returned)s) and those who gave up their plans "
                    "(%(gave_up)s) cannot be more than the students reached (%(reached)s)."
                )
                % {"returned": returned, "gave_up": gave_up, "reached": reached},
            )
    if kind == ActivityKind.EXCHANGE_VISIT:
        if not data["delegation"]:
            error("delegation", _("Name the delegation."))
        if not data["country"]:
            error("country", _("Give the country of the delegation."))
    if players is not None and kind != ActivityKind.SPORTS_TOURNAMENT:
        error("kind", _("This tournament has teams: remove them before changing its kind."))
    for number in ("participants", "reach", "students_reached", "students_returned",
                   "students_gave_up"):  # fmt: skip
        value = data.get(number)
        if value is not None and value < 0:
            error(number, _("A number of people cannot be negative."))
    if counts is not None:
        for (sex, age_group), count in counts.items():
            if sex not in ParticipantSex.values or age_group not in AGE_GROUPS:
                error("counts", _("Unknown sex or age group: %(sex)s %(age)s.") % {
                    "sex": sex, "age": age_group})  # fmt: skip
            elif count < 0:
                error("counts", _("A number of people cannot be negative."))
        recorded = sum(max(c, 0) for c in counts.values())
        total = data["participants"]
        if total is not None and recorded > total:
            error(
                "participants",
                _(
                    "The participants counted by sex and age (%(recorded)s) are more than the "
                    "participants in all (%(total)s)."
                )
                % {"recorded": recorded, "total": total},
            )
    return errors


def _may_record_for(actor: User, organisation: Organisation) -> None:
    if not editable_organisations(actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied(
            _("You may record activities only for organisations of your own scope.")
        )


def _save_counts(activity: Activity, counts: Counts) -> None:
    activity.counts.all().delete()
    ParticipantCount.objects.bulk_create(
        [
            ParticipantCount(activity=activity, sex=sex, age_group=age_group, count=count)
            for (sex, age_group), count in sorted(counts.items())
            if count
        ]
    )


def _counts_dict(activity: Activity) -> dict[str, int]:
    return {f"{c.sex} {c.age_group}": c.count for c in activity.counts.all()}


def _derived_total(data: dict[str, Any], counts: Counts | None, players: int | None) -> None:
    if players is not None:
        data["participants"] = players
    elif data.get("participants") is None:
        data["participants"] = sum(counts.values()) if counts else 0


@transaction.atomic
def activity_record(
    *,
    actor: User | None,
    kind: str,
    title: str,
    starts_on: dt.date,
    organisation: Organisation,
    region: Region | None = None,
    ends_on: dt.date | None = None,
    place: str = "",
    target_group: str = "",
    notes: str = "",
    participants: int | None = None,
    counts: Counts | None = None,
    institution: Organisation | None = None,
    channel: str = "",
    reach: int | None = None,
    students_reached: int | None = None,
    students_returned: int | None = None,
    students_gave_up: int | None = None,
    delegation: str = "",
    country: str = "",
) -> Activity:
    """Record an activity held by ``organisation``. Without a total, the participants in all are
    the sum of those counted by sex and age."""
    if actor is not None:
        _may_record_for(actor, organisation)
    data = _clean(
        {
            "kind": kind,
            "title": title,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "organisation": organisation,
            "region": region or organisation.region,
            "place": place,
            "target_group": target_group,
            "notes": notes,
            "participants": participants,
            "institution": institution,
            "channel": channel,
            "reach": reach,
            "students_reached": students_reached,
            "students_returned": students_returned,
            "students_gave_up": students_gave_up,
            "delegation": delegation,
            "country": country,
        }
    )
    errors = _validate(data, counts, None)
    if errors:
        raise ValidationError(errors)
    _derived_total(data, counts, None)
    activity = Activity.objects.create(recorded_by=actor, **data)
    if (
        actor is not None
        and not Activity.objects.restrict(actor, CHANGE).filter(pk=activity.pk).exists()
    ):
        raise PermissionDenied(_("You may record activities only in your own region."))
    if counts:
        _save_counts(activity, counts)
    audit.record(
        actor=actor,
        action="activity.recorded",
        obj=activity,
        changes={
            "kind": kind,
            "organisation": organisation.code,
            "starts_on": starts_on,
            "participants": activity.participants,
            "counts": _counts_dict(activity),
        },
    )
    return activity


@transaction.atomic
def activity_update(
    *,
    actor: User | None,
    activity: Activity,
    expected_version: int,
    counts: Counts | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity; EditConflict if somebody saved it since ``expected_version``.
    ``counts``, when given, replace the participants counted by sex and age."""
    if actor is not None:
        access_object(Activity, actor, activity.pk, CHANGE)
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != expected_version:
        raise EditConflict()
    if actor is not None and "organisation" in fields:
        _may_record_for(actor, fields["organisation"])
    data = {name: getattr(current, name) for name in ACTIVITY_FIELDS}
    data.update(fields)
    if "organisation" in fields and "region" not in fields:
        data["region"] = None
    data = _clean(data)
    players = _players(current)
    existing = {(c.sex, c.age_group): c.count for c in current.counts.all()}
    counts_check = existing if counts is None else counts
    if players is not None:
        data["participants"] = players
    errors = _validate(data, counts_check, players)
    if errors:
        raise ValidationError(errors)
    _derived_total(data, counts_check, players)
    before = {name: getattr(current, name) for name in ACTIVITY_FIELDS}
    counts_before = _counts_dict(current)
    changed = [name for name in ACTIVITY_FIELDS if before[name] != data[name]]
    for name in changed:
        setattr(current, name, data[name])
    if counts is not None:
        _save_counts(current, counts)
    counts_after = _counts_dict(current)
    if not changed and counts_after == counts_before:
        return current
    current.version = F("version") + 1
    current.save(update_fields=[*changed, "version", "updated_at"])
    current.refresh_from_db()
    changes = {name: [_shown(before[name]), _shown(data[name])] for name in changed}
    if counts_after != counts_before:
        changes["counts"] = [counts_before, counts_after]
    audit.record(actor=actor, action="activity.updated", obj=current, changes=changes)
    if (
        actor is not None
        and not Activity.objects.restrict(actor, VIEW).filter(pk=current.pk).exists()
    ):
        raise PermissionDenied(_("The activity would leave your scope: nothing was saved."))
    return current


def _shown(value: Any) -> Any:
    if isinstance(value, Organisation | Region):
        return value.code
    return value


def _players(activity: Activity) -> int | None:
    """The players of a tournament's teams, None when it has no team."""
    if not activity.teams.exists():
        return None
    return activity.teams.aggregate(n=Sum("players"))["n"] or 0


def _sync_tournament(activity: Activity) -> None:
    """A tournament's participants in all are the players of its teams."""
    players = _players(activity)
    if players is not None:
        Activity.objects.filter(pk=activity.pk).update(
            participants=players, updated_at=timezone.now()
        )
        activity.participants = players


@transaction.atomic
def team_add(
    *,
    actor: User | None,
    activity: Activity,
    name: str,
    players: int,
    mosque: str = "",
    adherents: int = 0,
) -> Team:
    """Add a team to a sports tournament; the tournament's participants follow its teams."""
    if actor is not None:
        activity = access_object(Activity, actor, activity.pk, CHANGE)
    name, mosque = (name or "").strip(), (mosque or "").strip()
    errors: dict[str, list[str]] = {}
    if activity.kind != ActivityKind.SPORTS_TOURNAMENT:
        errors.setdefault("name", []).append(_("Only a sports tournament has teams."))
    if not name:
        errors.setdefault("name", []).append(_("Give the team's name."))
    elif name.casefold() in {n.casefold() for n in activity.teams.values_list("name", flat=True)}:
        errors.setdefault("name", []).append(_("A team of this name already plays here."))
    if players is None or players < 1:
        errors.setdefault("players", []).append(_("A team has at least one player."))
    adherents = adherents or 0
    if adherents < 0:
        errors.setdefault("adherents", []).append(_("A number of people cannot be negative."))
    elif players is not None and adherents > players:
        errors.setdefault("adherents", []).append(
            _("The adherents (%(adherents)s) cannot be more than the players (%(players)s).")
            % {"adherents": adherents, "players": players}
        )
    if errors:
        raise ValidationError(errors)
    team = Team.objects.create(
        activity=activity, name=name, mosque=mosque, players=players, adherents=adherents
    )
    _sync_tournament(activity)
    audit.record(
        actor=actor,
        action="activity.team_added",
        obj=activity,
        changes={"team": name, "mosque": mosque, "players": players, "adherents": adherents},
    )
    return team


@transaction.atomic
def team_remove(*, actor: User | None, team: Team) -> None:
    if actor is not None:
        team = access_object(Team, actor, team.pk, CHANGE)
    activity = team.activity
    name = team.name
    team.delete()
    if activity.teams.exists():
        _sync_tournament(activity)
    audit.record(actor=actor, action="activity.team_removed", obj=activity, changes={"team": name})


@transaction.atomic
def attendance_add(*, actor: User | None, activity: Activity, person: Person) -> Attendance:
    """Name a person who took part; only a person the user may see can be added."""
    if actor is not None:
        activity = access_object(Activity, actor, activity.pk, CHANGE)
        person = access_object(Person, actor, person.pk, VIEW)
    refuse_if_merged(person)
    if Attendance.objects.filter(activity=activity, person=person).exists():
        raise ValidationError({"person": _("This person is already listed as a participant.")})
    attendance = Attendance.objects.create(activity=activity, person=person, added_by=actor)
    audit.record(
        actor=actor,
        action="activity.attendance_added",
        obj=activity,
        changes={"person": person.pk},
    )
    return attendance


@transaction.atomic
def attendance_remove(*, actor: User | None, attendance: Attendance) -> None:
    if actor is not None:
        attendance = access_object(Attendance, actor, attendance.pk, CHANGE)
    activity, person_id = attendance.activity, attendance.person_id
    attendance.delete()
    audit.record(
        actor=actor,
        action="activity.attendance_removed",
        obj=activity,
        changes={"person": person_id},
    )


MAX_YEARS_AHEAD = 5


@transaction.atomic
def target_set(
    *,
    actor: User | None,
    organisation: Organisation,
    year: int,
    metric: str,
    value: int,
    activity_kind: str = "",
) -> Target:
    """Set an organisation's target for a year (a new one, or a new number for the same
    measure)."""
    if actor is not None and not target_organisations(actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You may set targets only for organisations of your region."))
    activity_kind = activity_kind or ""
    errors: dict[str, list[str]] = {}
    this_year = timezone.localdate().year
    if year is None or not FIRST_YEAR <= year <= this_year + MAX_YEARS_AHEAD:
        errors["year"] = [
            _("Choose a year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": this_year + MAX_YEARS_AHEAD}
        ]
    if metric not in TargetMetric.values:
        errors["metric"] = [_("Choose how the target is measured.")]
    elif metric == TargetMetric.CONVERSATIONS and activity_kind:
        errors["activity_kind"] = [_("Conversations are counted from cases, not activities.")]
    if activity_kind and activity_kind not in ActivityKind.values:
        errors["activity_kind"] = [_("Choose a kind of activity from the list.")]
    if value is None or value < 1:
        errors["value"] = [_("A target is at least 1.")]
    if errors:
        raise ValidationError(errors)
    target = Target.objects.filter(
        organisation=organisation, year=year, metric=metric, activity_kind=activity_kind
    ).first()
    if target is None:
        target = Target.objects.create(
            organisation=organisation,
            year=year,
            metric=metric,
            activity_kind=activity_kind,
            value=value,
            recorded_by=actor,
        )
        changes = {"value": value}
    else:
        changes = {"value": [target.value, value]}
        target.value = value
        target.save(update_fields=["value"])
    changes |= {"organisation": organisation.code, "year": year, "metric": metric}
    if activity_kind:
        changes["activity_kind"] = activity_kind
    audit.record(actor=actor, action="target.set", obj=target, changes=changes)
    return target


@transaction.atomic
def target_remove(*, actor: User | None, target: Target) -> None:
    if actor is not None:
        target = access_object(Target, actor, target.pk, CHANGE)
    audit.record(
        actor=actor,
        action="target.removed",
        obj=target,
        changes={
            "organisation": target.organisation.code,
            "year": target.year,
            "metric": target.metric,
            "activity_kind": target.activity_kind,
            "value": target.value,
        },
    )
    target.delete()
