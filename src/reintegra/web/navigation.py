"""The navigation: every section the system has, shown only to roles the access matrix lets in."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra.core.routes import may_open


@dataclass(frozen=True)
class NavItem:
    route: str
    label: str | Promise
    description: str | Promise = ""


SECTIONS: list[NavItem] = [
    NavItem("home", _("Home")),
    NavItem(
        "people:person_list", _("People"), _("People and families: names, documents, returns.")
    ),
    NavItem("cases:case_list", _("Cases"), _("Cases and what was observed in them over time.")),
    NavItem(
        "programs:activity_list",
        _("Activities"),
        _("Prevention events, sports, penal institutions and outreach, with the annual targets."),
    ),
    NavItem(
        "reports:dashboard",
        _("Figures"),
        _("The program's indicators: national, regional and by organisation, for a period."),
    ),
    NavItem("cases:task_list", _("My tasks"), _("Reviews and follow-ups due, overdue first.")),
    NavItem("cases:approval_list", _("Approvals"), _("Plans and closures waiting for a decision.")),
    NavItem(
        "cases:emergency_list",
        _("Emergency access"),
        _("Cases opened outside their holder's scope, with the reasons."),
    ),
    NavItem(
        "cases:referral_inbox",
        _("Referrals"),
        _("Referrals addressed to your organisation, to accept, decline or complete."),
    ),
    NavItem("cases:transfer_list", _("Transfers"), _("Cases other organisations hand over.")),
    NavItem(
        "core:organisation_list",
        _("Organisations"),
        _("Rehabilitation centres, their branches and partner organisations."),
    ),
    NavItem("core:region_list", _("Regions"), _("Regions and cities of Kazakhstan.")),
    NavItem(
        "audit:event_list",
        _("Audit trail"),
        _("Every change and every view of a personal record, and the chain check."),
    ),
    NavItem("api:docs", _("API"), _("The JSON API and its documentation.")),
    NavItem("admin:index", _("Administration"), _("Users, memberships and reference data.")),
]


def visible_sections(user) -> list[dict]:
    return [
        {
            "route": item.route,
            "label": item.label,
            "description": item.description,
            "url": reverse(item.route),
        }
        for item in SECTIONS
        if may_open(user, item.route)
    ]
