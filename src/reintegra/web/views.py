from django.core.exceptions import BadRequest
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from reintegra.core.access import active_memberships
from reintegra.core.roles import Role
from reintegra.web.navigation import visible_sections

ROLE_INTRODUCTIONS = {
    Role.ADMINISTRATOR: _(
        "You manage user accounts, their memberships and the reference data. You do not see "
        "personal records."
    ),
    Role.NATIONAL_ANALYST: _(
        "You work with the program's indicators and reports: aggregated figures, no personal "
        "details."
    ),
    Role.REGIONAL_COORDINATOR: _(
        "You see your region's caseload, assign case workers, approve plans and closures and "
        "plan events."
    ),
    Role.CASE_WORKER: _(
        "You register people, open cases, keep the individual plans, record services and refer "
        "people to other organisations."
    ),
    Role.SPECIALIST: _(
        "You assess, hold sessions and write notes in your own field for the cases of your team."
    ),
    Role.TRACING_OFFICER: _(
        "You keep the lists of citizens still abroad, check identities and record evidence."
    ),
    Role.PARTNER: _("You see anonymised, aggregated figures of the program."),
    Role.AUDITOR: _(
        "You review the audit trail: every change and every view of a personal record, and the "
        "integrity of the log."
    ),
}


def home(request: HttpRequest) -> HttpResponse:
    roles = [
        {
            "label": membership.get_role_display(),
            "organisation": membership.organisation,
            "scope": membership.get_scope_display(),
            "valid_until": membership.valid_until,
            "introduction": ROLE_INTRODUCTIONS[membership.role],
        }
        for membership in active_memberships(request.user)
    ]
    sections = [s for s in visible_sections(request.user) if s["route"] != "home"]
    return render(request, "web/home.html", {"roles": roles, "sections": sections})


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the process answers and the database is reachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # pragma: no cover - depends on an outage
        return JsonResponse({"status": "database unavailable"}, status=503)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request the page cannot read (``?scope=zzz``), in the site's layout and the reader's
    language. The reason is shown when the code that refused the request wrote it for the
    reader (``BadRequest``); Django's own refusals (a suspicious request) give no detail."""
    reason = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"reason": reason}, status=400)
