"""The access rules: one policy function per model, keyed by the model's label.

Each receives a queryset, the user's AccessContext and the action, and returns the rows allowed.
"""

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

from reintegra.core.access import (
    ADD,
    CHANGE,
    DELETE,
    EXPORT,
    VIEW,
    MembershipGrant,
    Refine,
    ScopePaths,
    filter_by_scope,
    grant_q,
    policy,
    scope_q,
)
from reintegra.core.roles import Role, Scope, SensitivePermission


@policy("core.Region")
@policy("core.Organisation")
def reference_data_policy(qs, context, action):
    """Reference data: every member reads it; administrators maintain it."""
    if action == VIEW:
        return qs
    return qs if context.has_role(Role.ADMINISTRATOR) else qs.none()


@policy("accounts.User")
def user_policy(qs, context, action):
    """Administrators manage accounts; everybody sees their own."""
    if context.has_role(Role.ADMINISTRATOR):
        return qs
    if action == VIEW:
        return qs.filter(pk=context.user_id)
    return qs.none()


@policy("accounts.Membership")
def membership_policy(qs, context, action):
    if context.has_role(Role.ADMINISTRATOR):
        return qs
    if action == VIEW:
        return qs.filter(user_id=context.user_id)
    return qs.none()


@policy("audit.Event")
def audit_event_policy(qs, context, action):
    """The trail is read by auditors, within their scope, and never changed by anybody."""
    if action not in (VIEW, EXPORT):
        return qs.none()
    return filter_by_scope(
        qs,
        context,
        [Role.AUDITOR],
        ScopePaths(region="actor_organisation__region_id", organisation="actor_organisation_id"),
    )


# --- Personal records ----------------------------------------------------------------------------
#
# A person is reached through a case the user's membership reaches (by region, organisation, team
# or own caseload), or directly by the region or organisation that registered them. A person who
# may be under 18 today is reached only by memberships that carry the children permission.

CASE_READERS = (Role.REGIONAL_COORDINATOR, Role.CASE_WORKER, Role.SPECIALIST)
CASE_EDITORS = (Role.REGIONAL_COORDINATOR, Role.CASE_WORKER)
PERSON_READERS = (*CASE_READERS, Role.TRACING_OFFICER)
PERSON_EDITORS = (*CASE_EDITORS, Role.TRACING_OFFICER)
CASE_PATHS = ScopePaths(
    region="region_id", organisation="organisation_id", team_case="pk", own_user="case_worker_id"
)
PERSON_PATHS = ScopePaths(region="region_id", organisation="organisation_id")


def adults_unless_children_permission(person_prefix: str) -> Refine:
    """Per membership: everybody with the children permission, else adults only (today)."""

    def refine(grant: MembershipGrant) -> Q:
        if SensitivePermission.CHILDREN in grant.permissions:
            return Q()
        return Q(**{f"{person_prefix}adult_on__lte": timezone.localdate()})

    return refine


def workable_cases(context):
    """The cases a user may record work in (sessions, assessments): reached by scope. Emergency
    access only lets one read."""
    return filter_by_scope(
        apps.get_model("cases", "Case").objects.all(),
        context,
        CASE_READERS,
        CASE_PATHS,
        adults_unless_children_permission("person__"),
    )


def emergency_case_ids(context):
    """The cases opened to the user by emergency access in force (read only)."""
    grants = apps.get_model("cases", "EmergencyAccess").objects.in_force()
    return grants.filter(user_id=context.user_id).values("case_id")


@policy("cases.Case")
def case_policy(qs, context, action):
    roles = CASE_READERS if action in (VIEW, EXPORT) else CASE_EDITORS
    if action == DELETE:
        return qs.none()
    query = scope_q(context, roles, CASE_PATHS, adults_unless_children_permission("person__"))
    if action == VIEW and context.has_role(*CASE_READERS):
        glass = Q(pk__in=emergency_case_ids(context))
        query = glass if query is None else query if not query else query | glass
    return qs.none() if query is None else qs.filter(query)


@policy("people.Person")
def person_policy(qs, context, action):
    if action == DELETE:
        return qs.none()
    roles = PERSON_READERS if action in (VIEW, EXPORT) else PERSON_EDITORS
    case_model = apps.get_model("cases", "Case")
    query: Q | None = None
    for grant in context.grants_for(roles):
        own = grant_q(grant, context, PERSON_PATHS)
        case_part = grant_q(grant, context, CASE_PATHS) if grant.role in CASE_READERS else None
        parts = [p for p in (own,) if p is not None]
        if case_part is not None:
            cases = case_model.objects.filter(person_id=models.OuterRef("pk"))
            parts.append(Q(models.Exists(cases.filter(case_part) if case_part else cases)))
        if not parts:
            continue
        reach = parts[0]
        for part in parts[1:]:
            reach = reach if not reach else reach | part
        if SensitivePermission.CHILDREN not in grant.permissions:
            reach &= Q(adult_on__lte=timezone.localdate())
        if not reach:
            return qs
        query = reach if query is None else query | reach
    if action == VIEW and context.has_role(*CASE_READERS):
        # Emergency access opens the person of the case, for reading, like the case.
        case_model = apps.get_model("cases", "Case")
        glass_people = case_model.objects.filter(pk__in=emergency_case_ids(context))
        glass = Q(pk__in=glass_people.values("person_id"))
        query = glass if query is None else query | glass
    return qs.none() if query is None else qs.filter(query)


def _through_person(qs, context, action, *, person_field: str = "person"):
    person_model = apps.get_model("people", "Person")
    person_action = VIEW if action in (VIEW, EXPORT) else CHANGE
    if action == DELETE:
        person_action = CHANGE
    people = person_policy(person_model.objects.all(), context, person_action)
    return qs.filter(**{f"{person_field}__in": people.values("pk")})


@policy("people.PersonName")
@policy("people.IdentityDocument")
@policy("people.Relationship")
@policy("returns.Return")
@policy("cases.Consent")
def person_record_policy(qs, context, action):
    """Records of a person follow the person."""
    return _through_person(qs, context, action)


@policy("cases.Observation")
def observation_policy(qs, context, action):
    """Observations follow the person; legal status needs the legal and security permission."""
    from reintegra.cases.observations import LEGAL_DIMENSIONS

    qs = _through_person(qs, context, action)
    if not context.has_permission(SensitivePermission.LEGAL_SECURITY, roles=PERSON_READERS):
        qs = qs.exclude(dimension__in=LEGAL_DIMENSIONS)
    return qs


@policy("cases.Service")
def service_policy(qs, context, action):
    """Services follow their case: read with the case, recorded by whoever may work on it
    (specialists included: they record their own sessions)."""
    case_model = apps.get_model("cases", "Case")
    if action == DELETE:
        return qs.none()
    if action in (VIEW, EXPORT):
        cases = case_policy(case_model.objects.all(), context, action)
    elif action == ADD:
        cases = workable_cases(context)
    else:
        cases = filter_by_scope(
            case_model.objects.all(),
            context,
            CASE_EDITORS,
            CASE_PATHS,
            adults_unless_children_permission("person__"),
        )
    return qs.filter(case_id__in=cases.values("pk"))


@policy("cases.Approval")
@policy("cases.Task")
@policy("cases.Plan")
@policy("cases.Assessment")
@policy("cases.NeedDecision")
def case_record_policy(qs, context, action):
    """Approvals, tasks, plans, assessments and need decisions follow their case."""
    case_model = apps.get_model("cases", "Case")
    if action == DELETE:
        return qs.none()
    cases = case_policy(case_model.objects.all(), context, VIEW)
    return qs.filter(case_id__in=cases.values("pk"))


@policy("cases.Goal")
def goal_policy(qs, context, action):
    plan_model = apps.get_model("cases", "Plan")
    plans = case_record_policy(plan_model.objects.all(), context, action)
    return qs.filter(plan_id__in=plans.values("pk"))


@policy("cases.Answer")
def answer_policy(qs, context, action):
    """Answers follow their assessment, which follows its case."""
    assessment_model = apps.get_model("cases", "Assessment")
    assessments = case_record_policy(assessment_model.objects.all(), context, action)
    return qs.filter(assessment_id__in=assessments.values("pk"))


@policy("cases.Instrument")
@policy("cases.InstrumentDomain")
@policy("cases.InstrumentItem")
@policy("cases.AnswerScale")
@policy("cases.ScaleOption")
def instrument_policy(qs, context, action):
    """Assessment instruments are reference data, kept by administrators."""
    return reference_data_policy(qs, context, action)


@policy("cases.TeamMember")
def team_member_policy(qs, context, action):
    case_model = apps.get_model("cases", "Case")
    cases = case_policy(case_model.objects.all(), context, VIEW if action == VIEW else CHANGE)
    return qs.filter(case_id__in=cases.values("pk"))


@policy("returns.Operation")
@policy("returns.Wave")
def operation_policy(qs, context, action):
    """Operations and waves are reference data."""
    return reference_data_policy(qs, context, action)


# --- The legal register --------------------------------------------------------------------------
#
# Banned organisations and court-banned materials are public-law data kept nationally: read by
# everybody who works with records, by analysts and by administrators; kept by administrators and
# regional coordinators. Nothing is deleted: a ban ends with its "in force until" date.

REGISTER_READERS = (*PERSON_READERS, Role.NATIONAL_ANALYST, Role.ADMINISTRATOR)
REGISTER_EDITORS = (Role.ADMINISTRATOR, Role.REGIONAL_COORDINATOR)


@policy("registry.BannedOrganisation")
@policy("registry.OrganisationKey")
@policy("registry.BannedMaterial")
@policy("registry.MaterialHash")
@policy("registry.BlockedAddress")
def register_policy(qs, context, action):
    if action in (VIEW, EXPORT):
        return qs if context.has_role(*REGISTER_READERS) else qs.none()
    if action in (ADD, CHANGE):
        return qs if context.has_role(*REGISTER_EDITORS) else qs.none()
    return qs.none()


@policy("cases.EmergencyAccess")
def emergency_access_policy(qs, context, action):
    """Holders see their own grants; the case's coordinators and auditors in scope see all."""
    if action not in (VIEW, EXPORT):
        return qs.none()
    query = Q(user_id=context.user_id)
    overseers = scope_q(
        context,
        [Role.REGIONAL_COORDINATOR],
        ScopePaths(region="case__region_id", organisation="case__organisation_id"),
    )
    auditors = scope_q(
        context,
        [Role.AUDITOR],
        ScopePaths(region="case__region_id", organisation="case__organisation_id"),
    )
    for part in (overseers, auditors):
        if part is None:
            continue
        if not part:  # a national scope: every grant
            return qs
        query |= part
    return qs.filter(query)


# --- Referrals and transfers ---------------------------------------------------------------------
#
# The sending side sees them through the case. The receiving side sees only the rows addressed to
# it, and through them never the case or the person: the receiving policies below grant nothing on
# cases.Case or people.Person. Children's rows still need the children permission.

TRANSFER_RECEIVER_PATHS = ScopePaths(region="to_region_id", organisation="to_organisation_id")


def _any_of(parts: list[Q]) -> Q | None:
    """OR of the parts; ``Q()`` (every row) wins, None when there is no part."""
    if not parts:
        return None
    if any(not part for part in parts):
        return Q()
    query = parts[0]
    for part in parts[1:]:
        query |= part
    return query


def _sent_or_received(qs, context, action, received: Q | None):
    if received is not None and not received:
        return qs
    case_model = apps.get_model("cases", "Case")
    case_action = VIEW if action in (VIEW, EXPORT) else CHANGE
    cases = case_policy(case_model.objects.all(), context, case_action)
    sent = Q(case_id__in=cases.values("pk"))
    return qs.filter(sent if received is None else sent | received)


@policy("cases.Referral")
def referral_policy(qs, context, action):
    """Members of the receiving organisation (case workers, specialists, coordinators) see and
    decide referrals addressed to it; the sender sees them with the case."""
    if action == DELETE:
        return qs.none()
    refine = adults_unless_children_permission("case__person__")
    received = _any_of(
        [
            Q(to_organisation_id__in=grant.organisation_ids) & refine(grant)
            for grant in context.grants_for(CASE_READERS)
        ]
    )
    if action == CHANGE:
        return qs.none() if received is None else qs.filter(received)
    return _sent_or_received(qs, context, action, received)


@policy("cases.Transfer")
def transfer_policy(qs, context, action):
    """The receiving organisation's case workers, and coordinators whose scope reaches it,
    see and decide transfers addressed to it; the sender sees them with the case."""
    if action == DELETE:
        return qs.none()
    refine = adults_unless_children_permission("case__person__")
    parts = []
    for grant in context.grants_for(CASE_EDITORS):
        if grant.role == Role.CASE_WORKER:
            part = Q(to_organisation_id__in=grant.organisation_ids)
        else:
            part = grant_q(grant, context, TRANSFER_RECEIVER_PATHS)
            if part is None:
                continue
        parts.append(part & refine(grant))
    received = _any_of(parts)
    if action == CHANGE:
        return qs.none() if received is None else qs.filter(received)
    return _sent_or_received(qs, context, action, received)


# --- Reports -------------------------------------------------------------------------------------


@policy("reports.ExportJob")
def export_job_policy(qs, context, action):
    """An export is its owner's alone: to follow, download or delete. Nobody else sees it."""
    if action not in (VIEW, EXPORT, DELETE):
        return qs.none()
    return qs.filter(owner_id=context.user_id)


@policy("reports.PublishedFigure")
def published_figure_policy(qs, context, action):
    """What was published to partners: read by national analysts and auditors (everything) and
    by partners (what their organisation received); changed by nobody."""
    if action not in (VIEW, EXPORT):
        return qs.none()
    if context.has_role(Role.NATIONAL_ANALYST, Role.AUDITOR):
        return qs
    partners = [g.organisation_id for g in context.grants_for([Role.PARTNER])]
    return qs.filter(partner_id__in=partners) if partners else qs.none()


# --- The knowledge centre and specialists ------------------------------------------------------
#
# Materials hold no personal data. Published ones are read by everybody who works in the program
# (and analysts); drafts by those who may edit them: members of the organisation that keeps the
# material (a coordinator: of the region). Partners read only what is published and public.

KNOWLEDGE_WRITERS = (Role.REGIONAL_COORDINATOR, Role.CASE_WORKER, Role.SPECIALIST)
KNOWLEDGE_READERS = (*KNOWLEDGE_WRITERS, Role.NATIONAL_ANALYST)


def _organisation_reach(context, roles, *, organisation: str, region: str) -> Q | None:
    """What memberships of ``roles`` reach by organisation (with branches), region or nation."""
    parts = []
    for grant in context.grants_for(roles):
        if grant.scope == Scope.NATIONAL:
            return Q()
        part = Q(**{f"{organisation}__in": grant.organisation_ids})
        if grant.scope == Scope.REGION and grant.region_id:
            part |= Q(**{region: grant.region_id})
        parts.append(part)
    return _any_of(parts)


def material_writable_q(context) -> Q | None:
    return _organisation_reach(
        context,
        KNOWLEDGE_WRITERS,
        organisation="organisation_id",
        region="organisation__region_id",
    )


@policy("knowledge.Material")
def material_policy(qs, context, action):
    if action == DELETE:
        return qs.none()
    writable = material_writable_q(context)
    if action not in (VIEW, EXPORT):
        return qs.none() if writable is None else qs.filter(writable)
    parts = [writable] if writable is not None else []
    if context.has_role(*KNOWLEDGE_READERS):
        parts.append(Q(status="published"))
    elif context.has_role(Role.PARTNER):
        parts.append(Q(status="published", is_public=True))
    query = _any_of(parts)
    return qs.none() if query is None else qs.filter(query)


@policy("knowledge.MaterialText")
@policy("knowledge.QuestionAnswer")
@policy("knowledge.Attachment")
def material_part_policy(qs, context, action):
    """Language versions, questions and answers and attachments follow their material."""
    material_model = apps.get_model("knowledge", "Material")
    materials = material_policy(material_model.objects.all(), context, action)
    return qs.filter(material_id__in=materials.values("pk"))


@policy("knowledge.Topic")
@policy("knowledge.QualificationCategory")
def knowledge_reference_policy(qs, context, action):
    """Topics and qualification categories are reference data, kept by administrators."""
    return reference_data_policy(qs, context, action)


SPECIALIST_READERS = (Role.REGIONAL_COORDINATOR, Role.CASE_WORKER, Role.SPECIALIST)


@policy("knowledge.Specialist")
def specialist_policy(qs, context, action):
    """Administrators keep every profile; coordinators those of their scope; colleagues of an
    organisation read each other's; a specialist reads and adds to their own."""
    if action == DELETE:
        return qs.none()
    if context.has_role(Role.ADMINISTRATOR):
        return qs
    roles = SPECIALIST_READERS if action in (VIEW, EXPORT) else (Role.REGIONAL_COORDINATOR,)
    reach = _organisation_reach(
        context, roles, organisation="organisation_id", region="organisation__region_id"
    )
    query = _any_of([p for p in (reach, Q(user_id=context.user_id)) if p is not None])
    return qs.filter(query)


@policy("knowledge.Certificate")
def certificate_policy(qs, context, action):
    """Certificates and trainings follow the specialist."""
    specialist_model = apps.get_model("knowledge", "Specialist")
    profile_action = VIEW if action in (VIEW, EXPORT) else CHANGE
    specialists = specialist_policy(specialist_model.objects.all(), context, profile_action)
    return qs.filter(specialist_id__in=specialists.values("pk"))


# --- Program activities and annual targets -------------------------------------------------------
#
# Activities are an organisation's work, not personal records: a membership reaches those of its
# organisation (with its branches), whatever its caseload scope, or of its region, or all for a
# national scope. Coordinators and case workers record them, specialists read them; analysts and
# partners see them only as figures. Named attendance also needs the person to be reachable.

ACTIVITY_READERS = CASE_READERS
ACTIVITY_EDITORS = CASE_EDITORS
TARGET_EDITORS = (Role.REGIONAL_COORDINATOR,)


def activity_reach(
    context, roles, *, region: str = "region_id", organisation: str = "organisation_id"
) -> Q | None:
    """The rows the memberships of ``roles`` reach by organisation or region (None: none)."""
    parts = []
    for grant in context.grants_for(roles):
        if grant.scope == Scope.NATIONAL:
            parts.append(Q())
        elif grant.scope == Scope.REGION and grant.region_id:
            parts.append(Q(**{region: grant.region_id}))
        else:
            parts.append(Q(**{f"{organisation}__in": grant.organisation_ids}))
    return _any_of(parts)


def _filtered(qs, query: Q | None):
    return qs.none() if query is None else qs.filter(query)


@policy("programs.Activity")
def activity_policy(qs, context, action):
    if action == DELETE:
        return qs.none()
    roles = ACTIVITY_READERS if action in (VIEW, EXPORT) else ACTIVITY_EDITORS
    return _filtered(qs, activity_reach(context, roles))


@policy("programs.ParticipantCount")
@policy("programs.Team")
def activity_part_policy(qs, context, action):
    """Participant counts and teams follow their activity (changed by whoever may change it)."""
    activity_model = apps.get_model("programs", "Activity")
    activity_action = VIEW if action in (VIEW, EXPORT) else CHANGE
    activities = activity_policy(activity_model.objects.all(), context, activity_action)
    return qs.filter(activity_id__in=activities.values("pk"))


@policy("programs.Attendance")
def attendance_policy(qs, context, action):
    """A named participant is seen only by those who reach both the activity and the person."""
    qs = activity_part_policy(qs, context, action)
    person_model = apps.get_model("people", "Person")
    people = person_policy(person_model.objects.all(), context, VIEW)
    return qs.filter(person_id__in=people.values("pk"))


@policy("programs.Target")
def target_policy(qs, context, action):
    """Targets are read with the organisation's activities and set by its coordinators."""
    roles = ACTIVITY_READERS if action in (VIEW, EXPORT) else TARGET_EDITORS
    return _filtered(qs, activity_reach(context, roles, region="organisation__region_id"))


# --- Tracing: people abroad and imported lists ---------------------------------------------------
#
# People believed abroad are recorded by tracing officers and read, within the person's reach, by
# tracing officers, case workers and coordinators (children as elsewhere: through the person).

ABROAD_READERS = (Role.TRACING_OFFICER, Role.CASE_WORKER, Role.REGIONAL_COORDINATOR)


def _abroad_records(qs, context, action, *, prefix: str = ""):
    if action == DELETE:
        return qs.none()
    if action in (VIEW, EXPORT):
        if not context.has_role(*ABROAD_READERS):
            return qs.none()
    elif not context.has_role(Role.TRACING_OFFICER):
        return qs.none()
    return _through_person(qs, context, action, person_field=f"{prefix}person")


@policy("returns.AbroadRecord")
def abroad_record_policy(qs, context, action):
    return _abroad_records(qs, context, action)


@policy("returns.AbroadStatusEntry")
@policy("returns.Evidence")
def abroad_detail_policy(qs, context, action):
    return _abroad_records(qs, context, action, prefix="record__")


@policy("tracing.ImportBatch")
def import_batch_policy(qs, context, action):
    """An imported list is read, reviewed and discarded by the tracing officers of the
    organisation that imported it (a national scope: every list); the service discards only a
    list nobody has decided a row of yet (``tracing.services.batch_discard``)."""
    query = scope_q(
        context,
        [Role.TRACING_OFFICER],
        ScopePaths(region="organisation__region_id", organisation="organisation_id"),
    )
    return qs.none() if query is None else qs.filter(query)


@policy("tracing.ImportRow")
def import_row_policy(qs, context, action):
    batch_model = apps.get_model("tracing", "ImportBatch")
    batches = import_batch_policy(batch_model.objects.all(), context, action)
    return qs.filter(batch_id__in=batches.values("pk"))


@policy("tracing.Candidate")
def candidate_policy(qs, context, action):
    """A candidate is shown only when its person is one the user may see."""
    row_model = apps.get_model("tracing", "ImportRow")
    rows = import_row_policy(row_model.objects.all(), context, VIEW)
    return _through_person(qs.filter(row_id__in=rows.values("pk")), context, VIEW)


@policy("tracing.PersonMerge")
def person_merge_policy(qs, context, action):
    """A merge of duplicates is seen and undone by coordinators and tracing officers who may
    change both people; nobody deletes one."""
    if action == DELETE or not context.has_role(Role.REGIONAL_COORDINATOR, Role.TRACING_OFFICER):
        return qs.none()
    person_model = apps.get_model("people", "Person")
    people = person_policy(person_model.objects.all(), context, CHANGE).values("pk")
    return qs.filter(survivor_id__in=people, merged_id__in=people)
