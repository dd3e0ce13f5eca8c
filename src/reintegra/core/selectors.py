"""Reads of reference data for pages, the API and exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from reintegra.core.models import Organisation, Region

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def region_list(*, user: User) -> QuerySet[Region]:
    return Region.objects.restrict(user, "view").annotate(
        organisation_count=Count("organisations", filter=Q(organisations__is_active=True))
    )


def organisation_list(
    *,
    user: User,
    search: str = "",
    kind: str = "",
    region_id: int | None = None,
    ordering: str = "code",
) -> QuerySet[Organisation]:
    qs = Organisation.objects.restrict(user, "view").select_related("region", "parent")
    if search:
        qs = qs.filter(
            Q(code__icontains=search)
            | Q(name_kk__icontains=search)
            | Q(name_ru__icontains=search)
            | Q(name_en__icontains=search)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if region_id:
        qs = qs.filter(region_id=region_id)
    return qs.order_by(ordering, "pk")
