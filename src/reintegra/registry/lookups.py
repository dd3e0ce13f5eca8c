"""Checks of a name, a web address or a file against the register.

A check of suspect material is itself sensitive: each one is written to the audit trail with what
was looked up (the name, the address or the file's hash; never the file) and whether it matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Concat, Length
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.audit.models import EventKind
from reintegra.core.access import VIEW
from reintegra.registry.addresses import Address, normalise_address
from reintegra.registry.models import (
    BannedMaterial,
    BannedOrganisation,
    BlockedAddress,
    MaterialHash,
    OrganisationKey,
)
from reintegra.registry.names import name_keys, word_keys

if TYPE_CHECKING:
    from reintegra.accounts.models import User

SHA256 = re.compile(r"^[0-9a-f]{64}$")
# A part of a name is looked for inside the kept names only from this many letters on, and a kept
# name inside the query only from this many, so that "IS" does not match every "is" in a text.
MIN_PART = 4
MIN_NAME_IN_TEXT = 5


@dataclass(frozen=True)
class OrganisationMatch:
    organisation: BannedOrganisation
    exact: bool  # the query is one of its names (in some spelling), not a part of one

    @property
    def in_force(self) -> bool:
        return in_force(self.organisation)


@dataclass(frozen=True)
class AddressMatch:
    address: BlockedAddress
    covers: bool  # the looked-up address is this one or lies under it; else: same host only


@dataclass
class LookupResult:
    by: str  # "name", "address" or "file"
    query: str
    organisations: list[OrganisationMatch] = field(default_factory=list)
    materials: list[BannedMaterial] = field(default_factory=list)
    addresses: list[AddressMatch] = field(default_factory=list)
    size: int | None = None

    @property
    def matched(self) -> bool:
        return bool(self.organisations or self.materials)


def in_force(organisation: BannedOrganisation) -> bool:
    today = timezone.localdate()
    started = organisation.in_force_from is None or organisation.in_force_from <= today
    return started and (organisation.in_force_to is None or organisation.in_force_to >= today)


def _record(actor: User | None, result: LookupResult, extra: dict | None = None) -> None:
    audit.record(
        actor=actor,
        action=f"registry.lookup_{result.by}",
        kind=EventKind.ACCESS,
        object_type="registry.Lookup",
        object_repr=result.query[:200],
        changes={
            "query": result.query,
            "matched": result.matched,
            "organisations": [m.organisation.pk for m in result.organisations],
            "materials": [m.pk for m in result.materials],
            **(extra or {}),
        },
    )


def _padded(key: str) -> str:
    return f" {key} "


def organisations_named(*, user: User | None, text: str) -> list[OrganisationMatch]:
    """Organisations one of whose names has a key of ``text`` (exact), or contains it as whole
    words, or is contained in it as whole words (partial); exact matches first."""
    keys = name_keys(text)
    if not keys:
        return []
    visible = BannedOrganisation.objects.restrict(user, VIEW)
    kept = OrganisationKey.objects.filter(organisation__in=visible.values("pk"))
    exact_ids = set(kept.filter(key__in=keys).values_list("organisation_id", flat=True))
    words = {k for k in word_keys(text) | {k for k in keys if " " in k}}
    partial = Q()
    padded = kept.alias(
        padded=Concat(Value(" "), F("key"), Value(" "), output_field=CharField())
    ).alias(length=Length("key"))
    for word in words:
        if len(word) >= MIN_PART:
            partial |= Q(padded__contains=_padded(word))
    part_ids = (
        set(padded.filter(partial).values_list("organisation_id", flat=True)) if partial else set()
    )
    for word in words:
        inside = padded.alias(query=Value(_padded(word), output_field=CharField())).filter(
            query__contains=F("padded"), length__gte=MIN_NAME_IN_TEXT
        )
        part_ids |= set(inside.values_list("organisation_id", flat=True))
    found = {o.pk: o for o in visible.filter(pk__in=exact_ids | part_ids)}
    matches = [OrganisationMatch(found[pk], True) for pk in exact_ids if pk in found]
    matches += [OrganisationMatch(found[pk], False) for pk in part_ids - exact_ids if pk in found]
    return sorted(matches, key=lambda m: (not m.exact, m.organisation.name))


def lookup_name(*, actor: User | None, text: str) -> LookupResult:
    """Banned organisations by a name in any script, and materials whose title contains it."""
    text = " ".join((text or "").split())
    if not name_keys(text):
        raise ValidationError({"name": _("Enter a name with at least one letter.")})
    result = LookupResult(by="name", query=text[:300])
    result.organisations = organisations_named(user=actor, text=text)
    if len(text) >= 3:
        result.materials = list(
            BannedMaterial.objects.restrict(actor, VIEW)
            .filter(title__icontains=text)
            .select_related("region")[:50]
        )
    _record(actor, result)
    return result


def lookup_address(*, actor: User | None, text: str) -> LookupResult:
    """Blocked addresses of the same host whose path is a prefix of the address looked up."""
    try:
        address: Address = normalise_address(text)
    except ValidationError as exc:
        raise ValidationError({"address": exc.messages}) from exc
    result = LookupResult(by="address", query=str(address))
    visible = BannedMaterial.objects.restrict(actor, VIEW)
    candidates = (
        BlockedAddress.objects.restrict(actor, VIEW)
        .filter(host=address.host, material__in=visible.values("pk"))
        .select_related("material", "material__region")
        .order_by("path", "pk")
    )
    result.addresses = [
        AddressMatch(c, Address(c.host, c.path).covers(address)) for c in candidates
    ]
    seen: dict[int, BannedMaterial] = {}
    for match in result.addresses:
        if match.covers:
            seen.setdefault(match.address.material_id, match.address.material)
    result.materials = list(seen.values())
    _record(actor, result, {"written": (text or "").strip()[:500]})
    return result


def lookup_hash(
    *, actor: User | None, sha256: str, size: int | None = None, filename: str = ""
) -> LookupResult:
    """Materials one of whose files has this SHA-256. Only the hash is kept, never the file."""
    digest = (sha256 or "").strip().lower()
    if not SHA256.match(digest):
        raise ValidationError({"sha256": _("A SHA-256 is 64 hexadecimal characters.")})
    result = LookupResult(by="file", query=digest, size=size)
    hashes = MaterialHash.objects.restrict(actor, VIEW).filter(sha256=digest)
    result.materials = list(
        BannedMaterial.objects.restrict(actor, VIEW)
        .filter(pk__in=hashes.values("material_id"))
        .select_related("region")
    )
    extra = {"size": size} if size is not None else {}
    if filename:
        extra["filename"] = filename[:200]
    _record(actor, result, extra)
    return result
