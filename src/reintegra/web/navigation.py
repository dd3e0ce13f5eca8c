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
    more: bool = False  # reference pages, kept under "More" when the bar is full


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
        "reports:partner_export",
        _("Partner figures"),
        _("National figures for a partner, small counts hidden."),
    ),
    NavItem(
        "reports:published_list",
        _("Published figures"),
        _("Every table sent to a partner, as it was sent."),
        more=True,
    ),
    NavItem(
        "reports:export_list",
        _("My exports"),
        _("Exports being prepared, and to download."),
        more=True,
    ),
    NavItem(
        "tracing:batch_list",
        _("Tracing"),
        _("Lists of people to trace, their review, and the people still abroad."),
    ),
    NavItem(
        "tracing:abroad_list",
        _("People abroad"),
        _("Citizens believed abroad: status, evidence, the date a court may declare death."),
        more=True,
    ),
    NavItem(
        "registry:organisation_list",
        _("Legal register"),
        _("Organisations and materials banned by the courts; checks of names, addresses, files."),
    ),
    NavItem(
        "knowledge:material_list",
        _("Knowledge"),
        _("Methods, counter-arguments, training modules, case studies, legal acts and research."),
    ),
    NavItem(
        "knowledge:public_list",
        _("Best practices"),
        _("What the program shares with partners and visiting delegations."),
        more=True,
    ),
    NavItem(
        "knowledge:specialist_list",
        _("Specialists"),
        _("Professions, qualification categories, certificates and trainings."),
    ),
    NavItem(
        "knowledge:specialist_report",
        _("Specialists report"),
        _("Specialists by region, profession and qualification category."),
        more=True,
    ),
    NavItem(
        "core:organisation_list",
        _("Organisations"),
        _("Rehabilitation centres, their branches and partner organisations."),
        more=True,
    ),
    NavItem("core:region_list", _("Regions"), _("Regions and cities of Kazakhstan."), more=True),
    NavItem(
        "audit:event_list",
        _("Audit trail"),
        _("Every change and every view of a personal record, and the chain check."),
    ),
    NavItem("api:docs", _("API"), _("The JSON API and its documentation."), more=True),
    NavItem(
        "admin:index",
        _("Administration"),
        _("Users, memberships and reference data."),
        more=True,
    ),
]


def visible_sections(user) -> list[dict]:
    return [
        {
            "route": item.route,
            "label": item.label,
            "description": item.description,
            "url": reverse(item.route),
            "more": item.more,
        }
        for item in SECTIONS
        if may_open(user, item.route)
    ]
