"""The columns of the people and case list exports, shared by the CSV and XLSX versions (and by
the background jobs that write big ones). Exports carry no identity numbers.

Dates are left as they are (a date, a ``PartialDate``): the CSV writes them ISO, the XLSX as date
cells, a partial one at its precision."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _


def person_header() -> list[str]:
    return [
        _("id"),
        _("name"),
        _("sex"),
        _("date of birth"),
        _("place of birth"),
        _("citizenship"),
        _("vital status"),
        _("region"),
        _("registered by"),
    ]


def person_row(p) -> list[Any]:
    return [
        p.pk,
        p.display_name,
        p.get_sex_display(),
        p.birth,
        p.birth_place,
        p.citizenship,
        p.get_vital_status_display(),
        p.region or "",
        p.organisation,
    ]


def case_header() -> list[str]:
    return [
        _("case"),
        _("person"),
        _("program"),
        _("status"),
        _("organisation"),
        _("region"),
        _("case worker"),
        _("opened"),
        _("closed"),
        _("closure reason"),
    ]


def case_row(c) -> list[Any]:
    return [
        c.pk,
        c.person.display_name,
        c.get_program_display(),
        c.get_status_display(),
        c.organisation,
        c.region,
        c.case_worker or "",
        c.opened_on,
        c.closed_on,
        c.get_closure_reason_display(),
    ]


def filters_for(user, query: dict[str, list[str]] | QueryDict):
    """The list filters from a query string (a request's GET, or one kept with a job)."""
    from reintegra.people.views import filter_form, filters_from

    if not isinstance(query, QueryDict):
        data = QueryDict(mutable=True)
        for key, values in query.items():
            data.setlist(key, values)
        query = data
    return filters_from(filter_form(SimpleNamespace(GET=query, user=user)))


def people_for_export(user, query):
    from reintegra.people import selectors

    filters = filters_for(user, query)
    return selectors.person_export(user=user, filters=filters).order_by("pk"), filters


def cases_for_export(user, query):
    from reintegra.cases import selectors

    filters = filters_for(user, query)
    cases = selectors.case_list(user=user, filters=filters, action="export").order_by("pk")
    return cases, filters


def filter_parameters(filters) -> dict:
    return {k: v for k, v in vars(filters).items() if v}
