"""The access matrix: which role may open which page and API route.

Every URL pattern has an entry here, keyed by its view name (``namespace:name``). The page
middleware and the API permission both read this table, so a route missing from it is closed to
everybody, and the sweep test in ``tests/core/test_access_matrix.py`` fails until it is declared.

Values:
- ``PUBLIC``: anybody, signed in or not (the login page, the language switch);
- ``SIGNED_IN``: any signed-in user, even one whose memberships have all expired (their own
  account, sign out);
- a set of roles: signed-in users with an active membership of one of those roles.

Which *rows* a route then shows is decided separately, by ``access.restrict``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from reintegra.core import access
from reintegra.core.access import access_context
from reintegra.core.roles import Role

if TYPE_CHECKING:
    from reintegra.accounts.models import User

PUBLIC: Final = "public"
SIGNED_IN: Final = "signed_in"

ALL_ROLES = frozenset(Role.values)
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
AUDITORS = frozenset({Role.AUDITOR})
# Who works with personal records (need to know): never analysts, partners, administrators or
# auditors. The same role sets as the row-level rules; which records each reaches is then decided
# by their scope.
RECORD_READERS = frozenset(access.PERSON_READERS)
RECORD_EDITORS = frozenset(access.PERSON_EDITORS)
CASE_READERS = frozenset(access.CASE_READERS)
CASE_EDITORS = frozenset(access.CASE_EDITORS)
# Who sees the program's figures (aggregates; which scopes, in reports.selectors).
FIGURE_READERS = frozenset(
    {
        Role.NATIONAL_ANALYST,
        Role.PARTNER,
        Role.REGIONAL_COORDINATOR,
        Role.CASE_WORKER,
        Role.SPECIALIST,
        Role.TRACING_OFFICER,
    }
)
# The legal register: read by everybody who works with records, analysts and administrators;
# kept by administrators and coordinators. Look-ups: those who work with records, and analysts.
REGISTER_READERS = frozenset(access.REGISTER_READERS)
REGISTER_EDITORS = frozenset(access.REGISTER_EDITORS)
REGISTER_CHECKERS = RECORD_READERS | {Role.NATIONAL_ANALYST}
# The knowledge centre: who reads materials, who writes them, who keeps specialists' profiles.
KNOWLEDGE_READERS = frozenset(access.KNOWLEDGE_READERS)
KNOWLEDGE_WRITERS = frozenset(access.KNOWLEDGE_WRITERS)
DELEGATION_VIEWERS = KNOWLEDGE_READERS | {Role.PARTNER}
PROFILE_READERS = frozenset(access.SPECIALIST_READERS) | {Role.ADMINISTRATOR}
PROFILE_KEEPERS = frozenset({Role.ADMINISTRATOR, Role.REGIONAL_COORDINATOR})
SPECIALIST_REPORT_READERS = PROFILE_KEEPERS | {Role.NATIONAL_ANALYST}
# Program activities: coordinators and case workers record them, specialists read them;
# analysts see them only as figures, partners not at all. Coordinators set the annual targets.
ACTIVITY_READERS = frozenset(access.ACTIVITY_READERS)
ACTIVITY_EDITORS = frozenset(access.ACTIVITY_EDITORS)
TARGET_EDITORS = frozenset(access.TARGET_EDITORS)
# Who oversees emergency access: the coordinators of the cases and the auditors.
OVERSEERS = frozenset({Role.REGIONAL_COORDINATOR, Role.AUDITOR})
# Figures: whoever sees a dashboard exports it, except partners, who get the suppressed partner
# export only. Whoever can start an export follows and downloads their own.
FIGURE_EXPORTERS = FIGURE_READERS - {Role.PARTNER}
PARTNER_EXPORTERS = frozenset({Role.PARTNER, Role.NATIONAL_ANALYST})
EXPORTERS = FIGURE_EXPORTERS | PARTNER_EXPORTERS | RECORD_READERS | CASE_READERS
# Tracing: lists are imported and reviewed, and people abroad recorded, by tracing officers;
# case workers and coordinators read the records of people abroad within their scope.
TRACERS = frozenset({Role.TRACING_OFFICER})
ABROAD_READERS = frozenset(access.ABROAD_READERS)
# Merging duplicates (and undoing a merge): coordinators and tracing officers.
MERGERS = frozenset({Role.REGIONAL_COORDINATOR, Role.TRACING_OFFICER})

ACCESS_MATRIX: dict[str, str | frozenset[str]] = {
    # Pages
    "home": SIGNED_IN,
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:logout": SIGNED_IN,
    "accounts:profile": SIGNED_IN,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "core:region_list": ALL_ROLES,
    "core:organisation_list": ALL_ROLES,
    "core:organisation_detail": ALL_ROLES,
    "people:person_list": RECORD_READERS,
    "people:person_export": RECORD_READERS,
    "people:person_create": RECORD_EDITORS,
    "people:person_detail": RECORD_READERS,
    "people:person_edit": RECORD_EDITORS,
    "people:family": RECORD_READERS,
    "people:relationship_add": RECORD_EDITORS,
    "people:return_add": RECORD_EDITORS,
    "people:name_add": RECORD_EDITORS,
    "people:document_add": RECORD_EDITORS,
    "tracing:merge_choose": MERGERS,
    "tracing:merge_confirm": MERGERS,
    "tracing:merge_undo": MERGERS,
    "cases:case_list": CASE_READERS,
    "cases:case_export": CASE_READERS,
    "cases:case_detail": CASE_READERS,
    "cases:case_edit": CASE_EDITORS,
    "cases:case_create": CASE_EDITORS,
    "cases:observation_add": CASE_EDITORS,
    "cases:service_add": CASE_READERS,
    "cases:case_timeline": CASE_READERS,
    "cases:team_edit": CASE_EDITORS,
    "cases:closure_request": CASE_EDITORS,
    "cases:plan_create": CASE_EDITORS,
    "cases:plan_detail": CASE_READERS,
    "cases:assessment_list": CASE_READERS,
    "cases:assessment_start": CASE_READERS,
    "cases:assessment_changes": CASE_READERS,
    "cases:assessment_detail": CASE_READERS,
    "cases:assessment_answer": CASE_READERS,
    "cases:need_level_decide": CASE_READERS,
    "cases:assessment_discard": CASE_READERS,
    "cases:approval_list": CASE_EDITORS,
    "cases:approval_decide": CASE_EDITORS,
    "cases:task_list": CASE_READERS,
    "cases:task_complete": CASE_READERS,
    "cases:emergency_access": CASE_READERS,
    "cases:emergency_list": OVERSEERS,
    "cases:emergency_end": CASE_READERS,
    "cases:consent_add": RECORD_EDITORS,
    "cases:consent_withdraw": RECORD_EDITORS,
    "cases:referral_request": CASE_EDITORS,
    "cases:referral_inbox": CASE_READERS,
    "cases:referral_detail": CASE_READERS,
    "cases:transfer_request": CASE_EDITORS,
    "cases:transfer_list": CASE_EDITORS,
    "cases:transfer_detail": CASE_READERS,
    "programs:activity_list": ACTIVITY_READERS,
    "programs:activity_detail": ACTIVITY_READERS,
    "programs:activity_create": ACTIVITY_EDITORS,
    "programs:activity_edit": ACTIVITY_EDITORS,
    "programs:team_edit": ACTIVITY_EDITORS,
    "programs:attendance_edit": ACTIVITY_EDITORS,
    "programs:target_list": ACTIVITY_READERS,
    "programs:target_set": TARGET_EDITORS,
    "programs:target_remove": TARGET_EDITORS,
    "reports:dashboard": FIGURE_READERS,
    "registry:organisation_list": REGISTER_READERS,
    "registry:organisation_detail": REGISTER_READERS,
    "registry:organisation_create": REGISTER_EDITORS,
    "registry:organisation_edit": REGISTER_EDITORS,
    "registry:material_list": REGISTER_READERS,
    "registry:material_detail": REGISTER_READERS,
    "registry:material_create": REGISTER_EDITORS,
    "registry:material_edit": REGISTER_EDITORS,
    "registry:lookup": REGISTER_CHECKERS,
    "registry:import": REGISTER_EDITORS,
    "knowledge:material_list": KNOWLEDGE_READERS,
    "knowledge:material_create": KNOWLEDGE_WRITERS,
    "knowledge:material_detail": KNOWLEDGE_READERS,
    "knowledge:material_edit": KNOWLEDGE_WRITERS,
    "knowledge:material_publish": KNOWLEDGE_WRITERS,
    "knowledge:qa_add": KNOWLEDGE_WRITERS,
    "knowledge:attachment_add": KNOWLEDGE_WRITERS,
    "knowledge:attachment_download": DELEGATION_VIEWERS,
    "knowledge:qa_browse": KNOWLEDGE_READERS,
    "knowledge:public_list": DELEGATION_VIEWERS,
    "knowledge:public_detail": DELEGATION_VIEWERS,
    "knowledge:specialist_list": PROFILE_READERS,
    "knowledge:specialist_create": PROFILE_KEEPERS,
    "knowledge:specialist_report": SPECIALIST_REPORT_READERS,
    "knowledge:specialist_detail": PROFILE_READERS,
    "knowledge:specialist_edit": PROFILE_KEEPERS,
    "knowledge:certificate_add": PROFILE_KEEPERS | {Role.SPECIALIST},
    "knowledge:certificate_expiring": PROFILE_READERS,
    "knowledge:certificate_download": PROFILE_READERS,
    "tracing:batch_list": TRACERS,
    "tracing:batch_upload": TRACERS,
    "tracing:batch_detail": TRACERS,
    "tracing:batch_discard": TRACERS,
    "tracing:batch_progress": TRACERS,
    "tracing:review": TRACERS,
    "tracing:row_decide": TRACERS,
    "tracing:abroad_list": ABROAD_READERS,
    "tracing:abroad_report": ABROAD_READERS,
    "tracing:abroad_create": TRACERS,
    "tracing:abroad_detail": ABROAD_READERS,
    "tracing:abroad_status_add": TRACERS,
    "tracing:abroad_evidence_add": TRACERS,
    "audit:event_list": AUDITORS,
    "audit:event_detail": AUDITORS,
    "audit:verify": AUDITORS,
    "reports:dashboard_xlsx": FIGURE_EXPORTERS,
    "reports:dashboard_csv": FIGURE_EXPORTERS,
    "reports:dashboard_pdf": FIGURE_EXPORTERS,
    "reports:indicator_xlsx": FIGURE_EXPORTERS,
    "reports:indicator_csv": FIGURE_EXPORTERS,
    "reports:partner_export": PARTNER_EXPORTERS,
    "reports:published_list": frozenset({Role.NATIONAL_ANALYST, Role.AUDITOR}),
    "reports:person_xlsx": RECORD_READERS,
    "reports:case_xlsx": CASE_READERS,
    "reports:case_summary": CASE_READERS,
    "reports:export_list": EXPORTERS,
    "reports:export_rows": EXPORTERS,
    "reports:export_download": EXPORTERS,
    # JSON API
    "api:api-root": ALL_ROLES,
    "api:schema": ALL_ROLES,
    "api:docs": ALL_ROLES,
    "api:token": PUBLIC,
    "api:me": SIGNED_IN,
    "api:region-list": ALL_ROLES,
    "api:region-detail": ALL_ROLES,
    "api:organisation-list": ALL_ROLES,
    "api:organisation-detail": ALL_ROLES,
    "api:event-list": AUDITORS,
    "api:event-detail": AUDITORS,
    "api:audit-verify": AUDITORS,
    "api:person-list": RECORD_READERS,
    "api:person-detail": RECORD_READERS,
    "api:name-list": RECORD_READERS,
    "api:name-detail": RECORD_READERS,
    "api:document-list": RECORD_READERS,
    "api:document-detail": RECORD_READERS,
    "api:relationship-list": RECORD_READERS,
    "api:relationship-detail": RECORD_READERS,
    "api:return-list": RECORD_READERS,
    "api:return-detail": RECORD_READERS,
    "api:case-list": CASE_READERS,
    "api:case-detail": CASE_READERS,
    "api:observation-list": RECORD_READERS,
    "api:observation-detail": RECORD_READERS,
    "api:consent-list": RECORD_READERS,
    "api:consent-detail": RECORD_READERS,
    "api:service-list": CASE_READERS,
    "api:service-detail": CASE_READERS,
    "api:indicator-list": FIGURE_READERS,
    "api:indicator-detail": FIGURE_READERS,
    "api:plan-list": CASE_READERS,
    "api:plan-detail": CASE_READERS,
    "api:approval-list": CASE_READERS,
    "api:approval-detail": CASE_READERS,
    "api:task-list": CASE_READERS,
    "api:task-detail": CASE_READERS,
    "api:emergency-access-list": CASE_READERS | OVERSEERS,
    "api:emergency-access-detail": CASE_READERS | OVERSEERS,
    "api:referral-list": CASE_READERS,
    "api:referral-detail": CASE_READERS,
    "api:transfer-list": CASE_READERS,
    "api:transfer-detail": CASE_READERS,
    "api:instrument-list": ALL_ROLES,
    "api:instrument-detail": ALL_ROLES,
    "api:assessment-list": CASE_READERS,
    "api:assessment-detail": CASE_READERS,
    "api:banned-organisation-list": REGISTER_READERS,
    "api:banned-organisation-detail": REGISTER_READERS,
    "api:banned-material-list": REGISTER_READERS,
    "api:banned-material-detail": REGISTER_READERS,
    "api:material-list": DELEGATION_VIEWERS,
    "api:material-detail": DELEGATION_VIEWERS,
    "api:topic-list": ALL_ROLES,
    "api:topic-detail": ALL_ROLES,
    "api:abroad-record-list": ABROAD_READERS,
    "api:abroad-record-detail": ABROAD_READERS,
    "api:import-batch-list": TRACERS,
    "api:import-batch-detail": TRACERS,
    "api:import-row-list": TRACERS,
    "api:import-row-detail": TRACERS,
}

# Whole namespaces declared at once: the administration site belongs to administrators.
NAMESPACE_MATRIX: dict[str, frozenset[str]] = {
    "admin": ADMINISTRATORS,
}


class UndeclaredRoute(LookupError):
    """A route with no entry in the access matrix."""


def route_rule(view_name: str | None) -> str | frozenset[str]:
    if not view_name:
        raise UndeclaredRoute("a route without a name cannot be declared in the access matrix")
    if view_name in ACCESS_MATRIX:
        return ACCESS_MATRIX[view_name]
    namespace = view_name.split(":", 1)[0] if ":" in view_name else None
    if namespace in NAMESPACE_MATRIX:
        return NAMESPACE_MATRIX[namespace]
    raise UndeclaredRoute(view_name)


def roles_allowed(view_name: str | None) -> str | frozenset[str] | None:
    """The rule for a route, or None when the route is undeclared (closed to everybody)."""
    try:
        return route_rule(view_name)
    except UndeclaredRoute:
        return None


def may_open(user: User | None, view_name: str | None) -> bool:
    """Whether ``user`` may open the route at all (the navigation asks this too)."""
    rule = roles_allowed(view_name)
    if rule is None:
        return False
    if rule == PUBLIC:
        return True
    if user is None or not user.is_authenticated:
        return False
    if rule == SIGNED_IN:
        return True
    return access_context(user).has_role(*rule)
