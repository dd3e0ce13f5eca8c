"""Changes to reference data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core import reference
from reintegra.core.access import access_context
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role

if TYPE_CHECKING:
    from reintegra.accounts.models import User


@dataclass(frozen=True)
class ReferenceLoadResult:
    regions_created: int
    regions_updated: int
    organisations_created: int
    organisations_updated: int


def _upsert(model, code: str, values: dict) -> str:
    """'created', 'updated' or '' (unchanged)."""
    obj = model.objects.filter(code=code).first()
    if obj is None:
        model.objects.create(code=code, **values)
        return "created"
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if not changed:
        return ""
    for field in changed:
        setattr(obj, field, values[field])
    obj.save(update_fields=changed)
    return "updated"


@transaction.atomic
def reference_data_load(*, actor: User | None) -> ReferenceLoadResult:
    """Create or bring up to date the regions and the shipped organisations. Idempotent."""
    if actor is not None and not access_context(actor).has_role(Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only an administrator may change reference data."))
    counts = {
        "regions": {"created": 0, "updated": 0},
        "organisations": {"created": 0, "updated": 0},
    }
    for order, (code, kind, kk, ru, en) in enumerate(reference.REGIONS):
        outcome = _upsert(
            Region,
            code,
            {"kind": kind, "name_kk": kk, "name_ru": ru, "name_en": en, "sort_order": order},
        )
        if outcome:
            counts["regions"][outcome] += 1
    regions = {r.code: r for r in Region.objects.all()}
    for code, kind, region_code, parent_code, kk, ru, en in reference.ORGANISATIONS:
        parent = Organisation.objects.get(code=parent_code) if parent_code else None
        outcome = _upsert(
            Organisation,
            code,
            {
                "kind": kind,
                "region": regions[region_code] if region_code else None,
                "parent": parent,
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
            },
        )
        if outcome:
            counts["organisations"][outcome] += 1
    result = ReferenceLoadResult(
        regions_created=counts["regions"]["created"],
        regions_updated=counts["regions"]["updated"],
        organisations_created=counts["organisations"]["created"],
        organisations_updated=counts["organisations"]["updated"],
    )
    if any(vars(result).values()):
        audit.record(actor=actor, action="reference_data.loaded", changes=vars(result))
    return result
