"""Every change to the legal register: keyword-only, validated, atomic and audited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, REGISTER_EDITORS, access_context, access_object
from reintegra.core.errors import EditConflict
from reintegra.core.models import Region
from reintegra.registry.addresses import Address, normalise_address
from reintegra.registry.models import (
    BanKind,
    BannedMaterial,
    BannedOrganisation,
    BlockedAddress,
    MaterialHash,
    MaterialKind,
    OrganisationKey,
)
from reintegra.registry.names import name_keys

if TYPE_CHECKING:
    from reintegra.accounts.models import User

SHA256 = re.compile(r"^[0-9a-f]{64}$")
ORGANISATION_FIELDS = (
    *("name_kk", "name_ru", "name_en", "aliases", "kind"),
    *("court", "decision_number", "decision_date", "in_force_from", "in_force_to"),
    *("source", "notes"),
)
MATERIAL_FIELDS = (
    *("title", "kind", "court", "decision_number", "decision_date", "region", "banned_on"),
    *("notes", "hashes", "addresses"),
)
MAX_LENGTHS = {
    "name_kk": 300,
    "name_ru": 300,
    "name_en": 300,
    "court": 300,
    "decision_number": 100,
    "title": 500,
}


def _require_editor(actor: User | None) -> None:
    if actor is not None and not access_context(actor).has_role(*REGISTER_EDITORS):
        raise PermissionDenied(
            _("Only administrators and regional coordinators keep the register.")
        )


def _clean_list(values: Iterable[str] | None) -> list[str]:
    seen: list[str] = []
    for value in values or ():
        value = " ".join(str(value).split())
        if value and value not in seen:
            seen.append(value)
    return seen


def _text(data: dict[str, Any], errors: dict[str, Any]) -> None:
    for field, limit in MAX_LENGTHS.items():
        if field in data:
            data[field] = " ".join(str(data[field] or "").split())
            if len(data[field]) > limit:
                errors[field] = _("At most %(limit)d characters.") % {"limit": limit}
    for field in ("source", "notes"):
        if field in data:
            data[field] = str(data[field] or "").strip()


def _not_in_future(day: dt.date | None, field: str, errors: dict[str, Any]) -> None:
    if day is not None and day > timezone.localdate():
        errors[field] = _("This date is in the future.")


# --- Organisations -------------------------------------------------------------------------------


def organisation_clean(data: dict[str, Any], *, exclude_pk: int | None = None) -> dict[str, Any]:
    """Validate and tidy the fields of an organisation; ValidationError naming each field."""
    data = {field: data.get(field) for field in ORGANISATION_FIELDS}
    errors: dict[str, Any] = {}
    _text(data, errors)
    data["aliases"] = _clean_list(data["aliases"])
    if not (data["name_kk"] or data["name_ru"] or data["name_en"]):
        errors["name_ru"] = _("Give the name in at least one language.")
    data["kind"] = data["kind"] or ""
    if data["kind"] not in ("", *BanKind.values):
        errors["kind"] = _("The kind is terrorist, extremist or empty.")
    _not_in_future(data["decision_date"], "decision_date", errors)
    start, end = data["in_force_from"], data["in_force_to"]
    if start and end and end < start:
        errors["in_force_to"] = _("The ban cannot end before it starts.")
    names = [n for n in (data["name_kk"], data["name_ru"], data["name_en"]) if n]
    keys = set().union(*(name_keys(name) for name in names)) if names else set()
    same = OrganisationKey.objects.filter(key__in=keys).select_related("organisation")
    if exclude_pk is not None:
        same = same.exclude(organisation_id=exclude_pk)
    twin = same.first()
    if twin is not None and "name_ru" not in errors:
        errors["name_ru"] = _("This organisation is already in the register: %(name)s.") % {
            "name": twin.organisation.all_names()[0]
        }
    if errors:
        raise ValidationError(errors)
    return data


def _store_keys(organisation: BannedOrganisation) -> None:
    keys = set()
    for name in organisation.all_names():
        keys |= name_keys(name)
    organisation.keys.all().delete()
    OrganisationKey.objects.bulk_create(
        OrganisationKey(organisation=organisation, key=key[:400]) for key in sorted(keys)
    )


def _organisation_changes(data: dict[str, Any]) -> dict[str, Any]:
    return {field: value for field, value in data.items() if value not in ("", None, [])}


@transaction.atomic
def organisation_create(*, actor: User | None, **fields: Any) -> BannedOrganisation:
    """Add an organisation to the register, with the matching keys of all its names."""
    _require_editor(actor)
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"not an organisation field: {sorted(unknown)}")
    data = organisation_clean(fields)
    organisation = BannedOrganisation.objects.create(**data)
    _store_keys(organisation)
    audit.record(
        actor=actor,
        action="registry.organisation_added",
        obj=organisation,
        changes=_organisation_changes(data),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: User | None,
    organisation: BannedOrganisation,
    expected_version: int,
    **fields: Any,
) -> BannedOrganisation:
    """Change an organisation; EditConflict when somebody saved it since it was opened."""
    if actor is not None:
        access_object(BannedOrganisation, actor, organisation.pk, CHANGE)
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"not an organisation field: {sorted(unknown)}")
    current = BannedOrganisation.objects.select_for_update().get(pk=organisation.pk)
    if current.version != expected_version:
        raise EditConflict()
    merged = {field: getattr(current, field) for field in ORGANISATION_FIELDS} | fields
    data = organisation_clean(merged, exclude_pk=current.pk)
    changes = {}
    for field, value in data.items():
        old = getattr(current, field)
        if old != value:
            changes[field] = [old, value]
            setattr(current, field, value)
    if not changes:
        return current
    current.version = F("version") + 1
    current.save(update_fields=[*changes, "version", "updated_at"])
    current.refresh_from_db()
    _store_keys(current)
    audit.record(actor=actor, action="registry.organisation_changed", obj=current, changes=changes)
    return current


@transaction.atomic
def organisation_keys_rebuild(*, actor: User | None) -> int:
    """Compute the matching keys of every organisation again (after the name rules changed)."""
    _require_editor(actor)
    organisations = list(BannedOrganisation.objects.all())
    for organisation in organisations:
        _store_keys(organisation)
    audit.record(
        actor=actor,
        action="registry.keys_rebuilt",
        object_type=BannedOrganisation._meta.label,
        changes={"organisations": len(organisations)},
    )
    return len(organisations)


# --- Materials -----------------------------------------------------------------------------------


def clean_hashes(values: Iterable[str] | None) -> list[str]:
    """Lower-case SHA-256 digests; ValueError naming the first one that is not one."""
    hashes = []
    for value in _clean_list(values):
        digest = value.replace(" ", "").lower()
        if not SHA256.match(digest):
            raise ValueError(value)
        if digest not in hashes:
            hashes.append(digest)
    return hashes


def clean_addresses(values: Iterable[str] | None) -> list[tuple[str, Address]]:
    """(as written, normalised) pairs, each address once; ValidationError for a bad one."""
    pairs: list[tuple[str, Address]] = []
    seen: set[Address] = set()
    for value in _clean_list(values):
        try:
            address = normalise_address(value)
        except ValidationError as exc:
            raise ValidationError(
                _("%(address)s: %(problem)s") % {"address": value, "problem": exc.messages[0]}
            ) from exc
        if address not in seen:
            seen.add(address)
            pairs.append((value, address))
    return pairs


def material_clean(data: dict[str, Any]) -> dict[str, Any]:
    """Validate and tidy the fields of a material; ValidationError naming each field."""
    data = {field: data.get(field) for field in MATERIAL_FIELDS}
    errors: dict[str, Any] = {}
    _text(data, errors)
    if not data["title"]:
        errors["title"] = _("Give the title of the material.")
    if data["kind"] not in MaterialKind.values:
        errors["kind"] = _("Choose the kind of material.")
    if data["region"] is not None and not isinstance(data["region"], Region):
        errors["region"] = _("Choose a region.")
    _not_in_future(data["decision_date"], "decision_date", errors)
    try:
        data["hashes"] = clean_hashes(data["hashes"])
    except ValueError as exc:
        errors["hashes"] = _("%(value)s is not a SHA-256 (64 hexadecimal characters).") % {
            "value": str(exc)[:80]
        }
    try:
        data["addresses"] = clean_addresses(data["addresses"])
    except ValidationError as exc:
        errors["addresses"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return data


def _store_files_and_links(material: BannedMaterial, data: dict[str, Any]) -> None:
    material.hashes.all().delete()
    MaterialHash.objects.bulk_create(
        MaterialHash(material=material, sha256=digest) for digest in data["hashes"]
    )
    material.addresses.all().delete()
    BlockedAddress.objects.bulk_create(
        BlockedAddress(material=material, address=written[:2000], host=a.host, path=a.path[:2000])
        for written, a in data["addresses"]
    )


def _material_record(data: dict[str, Any]) -> dict[str, Any]:
    record = {k: v for k, v in data.items() if k not in ("hashes", "addresses", "region")}
    record["region"] = data["region"].code if data["region"] else None
    record["hashes"] = data["hashes"]
    record["addresses"] = [str(address) for _written, address in data["addresses"]]
    return record


@transaction.atomic
def material_create(*, actor: User | None, **fields: Any) -> BannedMaterial:
    """Add a court-banned material with the hashes of its files and its blocked addresses."""
    _require_editor(actor)
    unknown = set(fields) - set(MATERIAL_FIELDS)
    if unknown:
        raise ValueError(f"not a material field: {sorted(unknown)}")
    data = material_clean(fields)
    material = BannedMaterial.objects.create(
        **{k: v for k, v in data.items() if k not in ("hashes", "addresses")}
    )
    _store_files_and_links(material, data)
    audit.record(
        actor=actor,
        action="registry.material_added",
        obj=material,
        changes={k: v for k, v in _material_record(data).items() if v not in ("", None, [])},
    )
    return material


def material_fields(material: BannedMaterial) -> dict[str, Any]:
    """The editable fields of a material, hashes and addresses as written."""
    fields = {
        field: getattr(material, field)
        for field in MATERIAL_FIELDS
        if field not in ("hashes", "addresses")
    }
    fields["hashes"] = [h.sha256 for h in material.hashes.all()]
    fields["addresses"] = [a.address for a in material.addresses.all()]
    return fields


@transaction.atomic
def material_update(
    *, actor: User | None, material: BannedMaterial, expected_version: int, **fields: Any
) -> BannedMaterial:
    """Change a material; EditConflict when somebody saved it since it was opened."""
    if actor is not None:
        access_object(BannedMaterial, actor, material.pk, CHANGE)
    unknown = set(fields) - set(MATERIAL_FIELDS)
    if unknown:
        raise ValueError(f"not a material field: {sorted(unknown)}")
    current = BannedMaterial.objects.select_for_update().get(pk=material.pk)
    if current.version != expected_version:
        raise EditConflict()
    before_fields = material_fields(current)
    before = _material_record(material_clean(before_fields))
    data = material_clean(before_fields | fields)
    after = _material_record(data)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return current
    simple = [k for k in changes if k not in ("hashes", "addresses")]
    for field in simple:
        setattr(current, field, data[field])
    current.version = F("version") + 1
    current.save(update_fields=[*simple, "version", "updated_at"])
    current.refresh_from_db()
    _store_files_and_links(current, data)
    audit.record(actor=actor, action="registry.material_changed", obj=current, changes=changes)
    return current
