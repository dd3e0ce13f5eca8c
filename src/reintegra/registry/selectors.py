"""Reads of the legal register for pages, the API and exports, always restricted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from reintegra.registry.models import BannedMaterial, BannedOrganisation
from reintegra.registry.names import name_keys

if TYPE_CHECKING:
    from reintegra.accounts.models import User

IN_FORCE, ENDED = "yes", "no"


def in_force_q(today) -> Q:
    return (Q(in_force_from__isnull=True) | Q(in_force_from__lte=today)) & (
        Q(in_force_to__isnull=True) | Q(in_force_to__gte=today)
    )


def organisation_list(
    *, user: User, search: str = "", kind: str = "", in_force: str = ""
) -> QuerySet[BannedOrganisation]:
    """Organisations ``user`` may see; ``search`` finds a name or spelling in any script."""
    qs = BannedOrganisation.objects.restrict(user, "view")
    if search:
        keys = name_keys(search)
        words = [k for k in keys if len(k) >= 3]
        by_key = Q(keys__key__in=keys)
        for word in words:
            by_key |= Q(keys__key__contains=word)
        qs = qs.filter(
            Q(pk__in=BannedOrganisation.objects.filter(by_key).values("pk"))
            | Q(name_kk__icontains=search)
            | Q(name_ru__icontains=search)
            | Q(name_en__icontains=search)
        )
    if kind == "unstated":
        qs = qs.filter(kind="")
    elif kind:
        qs = qs.filter(kind=kind)
    today = timezone.localdate()
    if in_force == IN_FORCE:
        qs = qs.filter(in_force_q(today))
    elif in_force == ENDED:
        qs = qs.exclude(in_force_q(today))
    return qs


def material_list(
    *, user: User, search: str = "", kind: str = "", region_id: int | None = None
) -> QuerySet[BannedMaterial]:
    qs = BannedMaterial.objects.restrict(user, "view").select_related("region")
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(decision_number__icontains=search)
            | Q(court__icontains=search)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if region_id:
        qs = qs.filter(region_id=region_id)
    return qs
