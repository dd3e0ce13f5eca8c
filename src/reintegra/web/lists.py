"""Pagination and sorting for list pages, the same everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class Sorting:
    key: str  # the key shown in the URL, e.g. "-name"
    fields: tuple[str, ...]  # the ORM ordering it means


def sort_queryset(
    request: HttpRequest, qs: QuerySet, options: dict[str, tuple[str, ...]], default: str
) -> tuple[QuerySet, str]:
    """Order by the ``sort`` parameter (a key of ``options``, ``-`` for descending). An option's
    first field is the one sorted either way; the fields after it order the rows that tie on it,
    always ascending (people of one region by name, A to Я, whichever way the regions go)."""
    requested = request.GET.get("sort", default)
    key = requested.lstrip("-")
    if key not in options:
        requested, key = default, default.lstrip("-")
    descending = requested.startswith("-")
    first, *ties = options[key]
    return qs.order_by(
        f"-{first}" if descending else first, *ties, "-pk" if descending else "pk"
    ), requested


def paginate(request: HttpRequest, qs: QuerySet, per_page: int | None = None) -> Page:
    paginator = Paginator(qs, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def query_without(request: HttpRequest, *names: str) -> str:
    """The current query string without some parameters, for page and sort links."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
