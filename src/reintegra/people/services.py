"""Every change to people, their names, documents and relationships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, PERSON_EDITORS, access_context, access_object
from reintegra.core.dates import ADULT_AGE, PartialDate, add_years, may_be_a_child
from reintegra.core.errors import EditConflict
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import SensitivePermission
from reintegra.identity.normalise import search_key
from reintegra.people.alphabet import sort_key
from reintegra.people.iin import InvalidIIN, parse_iin
from reintegra.people.models import (
    INVERSE_KIND,
    DocumentKind,
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    Relationship,
    RelationshipKind,
    Script,
    Sex,
    Verification,
)
from reintegra.people.name_keys import match_keys
from reintegra.people.selectors import person_who_stays

if TYPE_CHECKING:
    from reintegra.accounts.models import User

IIN_ERRORS = {
    "format": gettext_lazy("An IIN has exactly 12 digits."),
    "century": gettext_lazy("The 7th digit of an IIN (century and sex) must be 1 to 6."),
    "date": gettext_lazy("The first six digits of an IIN must be a real date of birth (YYMMDD)."),
    "checksum": gettext_lazy("The IIN's check digit is wrong: the number was probably mistyped."),
}


@dataclass(frozen=True)
class NameInput:
    script: str
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    full_name: str = ""
    kind: str = NameKind.OFFICIAL
    source: str = ""

    def written(self) -> str:
        return self.full_name.strip() or " ".join(
            p.strip() for p in (self.surname, self.given_name, self.patronymic) if p.strip()
        )


def _require_person_editor(actor: User | None, organisation: Organisation) -> None:
    if actor is None:
        return
    context = access_context(actor)
    if not context.has_role(*PERSON_EDITORS):
        raise PermissionDenied(_("Your role does not register people."))
    if not any(
        organisation.pk in g.organisation_ids or g.scope in ("region", "national")
        for g in context.grants_for(PERSON_EDITORS)
    ):
        raise PermissionDenied(_("You may register people only for your own organisation."))


def refuse_if_merged(*people: Person | None) -> None:
    """Refuse a change to a duplicate merged into another person, or a row added about one.

    A merged duplicate is read-only until the merge is undone: what would be recorded on it
    belongs to the person who stays (and undoing the merge moves back only what the merge
    moved). Raises ValidationError naming that person. Every service that changes a person or
    adds a row pointing at one calls this; the merge and its undo move rows themselves.

    The people's rows are locked, so that a merge running at the same time either finishes
    first (and this is refused) or waits for this change and moves it with the rest."""
    pks = sorted({p.pk for p in people if p is not None})
    if not pks:
        return
    # Every one of them is locked (not only those merged already), in one order.
    locked = Person.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    merged = {pk: into for pk, into in locked.values_list("pk", "merged_into") if into}
    if not merged:
        return
    raise ValidationError(merged_refusal(next(iter(merged.values()))), code="merged")


def merged_refusal(merged_into: int) -> str:
    """Why a duplicate merged into the person ``merged_into`` cannot be changed, naming the
    person who finally stays (``selectors.person_who_stays``)."""
    return _(
        "This record is a duplicate merged into %(name)s; change %(name)s instead, "
        "or undo the merge."
    ) % {"name": person_who_stays(merged_into)}


def adult_on(birth: PartialDate | None) -> dt.date | None:
    return add_years(birth.latest(), ADULT_AGE) if birth else None


def _clean_name(name: NameInput) -> PersonName:
    if name.script not in Script.values:
        raise ValidationError({"script": _("Unknown script.")})
    if name.kind not in NameKind.values:
        raise ValidationError({"kind": _("Unknown kind of name.")})
    written = name.written()
    if not written:
        raise ValidationError(
            {"names": _("A name needs at least a surname, a given name or a full name.")}
        )
    return PersonName(
        surname=name.surname.strip(),
        given_name=name.given_name.strip(),
        patronymic=name.patronymic.strip(),
        full_name=name.full_name.strip(),
        script=name.script,
        kind=name.kind,
        source=name.source.strip(),
        search_key=search_key(written),
        match_keys=match_keys(written),
    )


def validate_iin(number: str, *, birth: PartialDate | None, sex: str) -> str:
    """The IIN without spaces, if valid and consistent with the person; else ValidationError."""
    digits = (number or "").replace(" ", "")
    try:
        facts = parse_iin(digits)
    except InvalidIIN as exc:
        raise ValidationError({"iin": IIN_ERRORS[exc.code]}) from exc
    if facts.sex != sex:
        raise ValidationError(
            {"iin": _("The IIN's 7th digit says the person is of the other sex.")}
        )
    if birth is not None and not (birth.earliest() <= facts.birth_date <= birth.latest()):
        raise ValidationError(
            {"iin": _("The IIN's first six digits do not match the date of birth.")}
        )
    clash = IdentityDocument.objects.filter(kind=DocumentKind.IIN, number=digits).first()
    if clash is not None:
        raise ValidationError({"iin": _("This IIN is already recorded for another person.")})
    return digits


@transaction.atomic
def person_register(
    *,
    actor: User | None,
    organisation: Organisation,
    sex: str,
    names: list[NameInput],
    birth: PartialDate | None = None,
    birth_place: str = "",
    citizenship: str = "KZ",
    region: Region | None = None,
    iin: str = "",
    duplicates_shown: Sequence[int] | None = None,
) -> Person:
    """Register a person with one or more names (the first is the display name) and an IIN.

    ``duplicates_shown``: the people shown to the user as likely the same, whom the user
    confirmed this is not (kept in the audit event). They must still be exactly the likely
    duplicates: if another was registered since they were shown (or one went), the registration
    is refused, for the user to look again."""
    _require_person_editor(actor, organisation)
    if duplicates_shown is not None and actor is not None:
        # Tracing builds on people: imported here, not at the top, so that it loads after.
        from reintegra.tracing.duplicates import check_still_shown, new_person_of

        duplicates_shown = check_still_shown(
            user=actor, new=new_person_of(names=names, sex=sex, birth=birth), shown=duplicates_shown
        )
    errors: dict[str, Any] = {}
    if sex not in Sex.values:
        errors["sex"] = _("Choose the person's sex.")
    if not names:
        errors["names"] = _("A person needs at least one name.")
    if birth is not None and birth.value > dt.date.today():
        errors["birth_date"] = _("The date of birth is in the future.")
    citizenship = (citizenship or "").strip().upper()
    if len(citizenship) != 2 or not citizenship.isalpha():
        errors["citizenship"] = _("Give the citizenship as a two-letter country code, e.g. KZ.")
    if errors:
        raise ValidationError(errors)
    if (
        actor is not None
        and may_be_a_child(birth, dt.date.today())
        and not access_context(actor).has_permission(
            SensitivePermission.CHILDREN, roles=PERSON_EDITORS
        )
    ):
        raise PermissionDenied(_("Registering a child needs the children permission."))
    name_rows = [_clean_name(n) for n in names]
    iin_digits = validate_iin(iin, birth=birth, sex=sex) if iin.strip() else ""
    display_name = name_rows[0].written()
    person = Person.objects.create(
        display_name=display_name,
        sort_name=sort_key(display_name),
        sex=sex,
        birth_date=birth.value if birth else None,
        birth_date_precision=birth.precision if birth else "day",
        adult_on=adult_on(birth),
        birth_place=birth_place.strip(),
        citizenship=citizenship,
        organisation=organisation,
        region=region or organisation.region,
    )
    for row in name_rows:
        row.person = person
    PersonName.objects.bulk_create(name_rows)
    if iin_digits:
        IdentityDocument.objects.create(person=person, kind=DocumentKind.IIN, number=iin_digits)
    audit.record(
        actor=actor,
        action="person.registered",
        obj=person,
        changes={
            "names": [r.written() for r in name_rows],
            "sex": sex,
            "birth": str(birth) if birth else None,
            "iin": bool(iin_digits),
            **(
                {"duplicates_shown": duplicates_shown, "confirmed_different": True}
                if duplicates_shown
                else {}
            ),
        },
    )
    return person


PERSON_FIELDS = ("sex", "birth_place", "citizenship", "vital_status", "region")
UNCHANGED = object()


def _shown(value: Any) -> str | None:
    return None if value is None else str(value)


@transaction.atomic
def person_update(
    *,
    actor: User | None,
    person: Person,
    expected_version: int,
    birth: PartialDate | object | None = UNCHANGED,
    **fields: Any,
) -> Person:
    """Change a person's details. ``expected_version`` is the version the user edited: if the
    record has moved on since, nothing is saved and EditConflict is raised."""
    if actor is not None:
        access_object(Person, actor, person.pk, CHANGE)
    refuse_if_merged(person)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != expected_version:
        raise EditConflict()
    changes: dict[str, list] = {}
    update_fields: list[str] = []
    for field, value in fields.items():
        if getattr(current, field) != value:
            changes[field] = [_shown(getattr(current, field)), _shown(value)]
            setattr(current, field, value)
            update_fields.append(field)
    if birth is not UNCHANGED:
        value = birth.value if birth else None
        precision = birth.precision if birth else "day"
        if (current.birth_date, current.birth_date_precision) != (value, precision):
            changes["birth"] = [_shown(current.birth), _shown(birth)]
            current.birth_date, current.birth_date_precision = value, precision
            current.adult_on = adult_on(birth)
            update_fields += ["birth_date", "birth_date_precision", "adult_on"]
    if not changes:
        return current
    current.version = F("version") + 1
    current.save(update_fields=[*update_fields, "version", "updated_at"])
    if "adult_on" in update_fields:
        from reintegra.cases import tallies

        tallies.person_age_copied(current.pk)  # their cases count them by age
    current.refresh_from_db()
    audit.record(actor=actor, action="person.updated", obj=current, changes=changes)
    return current


@transaction.atomic
def person_name_add(*, actor: User | None, person: Person, name: NameInput) -> PersonName:
    if actor is not None:
        person = access_object(Person, actor, person.pk, CHANGE)
    refuse_if_merged(person)
    row = _clean_name(name)
    row.person = person
    row.save()
    audit.record(
        actor=actor,
        action="person.name_added",
        obj=person,
        changes={"name": row.written(), "script": row.script, "kind": row.kind},
    )
    return row


@transaction.atomic
def identity_document_add(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    number: str,
    issuer: str = "",
    issued_on: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> IdentityDocument:
    if actor is not None:
        person = access_object(Person, actor, person.pk, CHANGE)
    refuse_if_merged(person)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Unknown kind of document.")})
    number = number.strip()
    if kind == DocumentKind.IIN:
        number = validate_iin(number, birth=person.birth, sex=person.sex)
    elif not number:
        raise ValidationError({"number": _("The document number is required.")})
    if issued_on and valid_until and valid_until < issued_on:
        raise ValidationError({"valid_until": _("The document expires before it was issued.")})
    document = IdentityDocument.objects.create(
        person=person,
        kind=kind,
        number=number,
        issuer=issuer.strip(),
        issued_on=issued_on,
        valid_until=valid_until,
    )
    # The number itself is not written to the trail: the trail is read by auditors, who do not
    # hold the identity-number permission.
    audit.record(
        actor=actor,
        action="person.document_added",
        obj=person,
        changes={"kind": kind, "number_ends": number[-4:]},
    )
    return document


def inverse_kind(kind: str, person: Person) -> str:
    """How ``person`` relates to a relative who is their ``kind``: the mother's child is the
    child; a child's parent is the mother or the father, by the parent's sex."""
    if kind == RelationshipKind.CHILD:
        return RelationshipKind.MOTHER if person.sex == Sex.FEMALE else RelationshipKind.FATHER
    return INVERSE_KIND[kind]


@transaction.atomic
def person_register_as_relative(
    *, actor: User | None, relative: Person, kind: str, verification: str, **person: Any
) -> Person:
    """Register a person (``person``: the arguments of ``person_register``) and their
    relationship to ``relative`` (a mother, father or guardian) as one change: both or
    neither, so that a refused relationship leaves no child registered without it."""
    registered = person_register(actor=actor, **person)
    relationship_record(
        actor=actor, person=registered, relative=relative, kind=kind, verification=verification
    )
    return registered


@transaction.atomic
def relationship_record(
    *,
    actor: User | None,
    person: Person,
    relative: Person,
    kind: str,
    verification: str = Verification.DECLARED,
    note: str = "",
) -> Relationship:
    """Record that ``relative`` is the ``kind`` of ``person``, and the inverse row."""
    if actor is not None:
        person = access_object(Person, actor, person.pk, CHANGE)
        relative = access_object(Person, actor, relative.pk, CHANGE)
    refuse_if_merged(person, relative)
    if kind not in RelationshipKind.values:
        raise ValidationError({"kind": _("Unknown relationship.")})
    if verification not in Verification.values:
        raise ValidationError({"verification": _("Unknown way of verification.")})
    if person.pk == relative.pk:
        raise ValidationError({"relative": _("A person cannot be their own relative.")})
    if kind in (RelationshipKind.MOTHER, RelationshipKind.FATHER):
        expected_sex = Sex.FEMALE if kind == RelationshipKind.MOTHER else Sex.MALE
        if relative.sex != expected_sex:
            raise ValidationError(
                {"kind": _("The sex of the relative does not fit this relationship.")}
            )
        if (
            Relationship.objects.filter(person=person, kind=kind)
            .exclude(relative=relative)
            .exists()
        ):
            raise ValidationError(
                {
                    "kind": _("This person already has a recorded %(kind)s.")
                    % {"kind": RelationshipKind(kind).label}
                }
            )
    if Relationship.objects.filter(person=person, relative=relative, kind=kind).exists():
        raise ValidationError({"relative": _("This relationship is already recorded.")})
    forward = Relationship.objects.create(
        person=person,
        relative=relative,
        kind=kind,
        verification=verification,
        note=note.strip(),
        recorded_by=actor,
    )
    Relationship.objects.get_or_create(
        person=relative,
        relative=person,
        kind=inverse_kind(kind, person),
        defaults={"verification": verification, "note": note.strip(), "recorded_by": actor},
    )
    audit.record(
        actor=actor,
        action="person.relationship_recorded",
        obj=person,
        changes={"relative": relative.pk, "kind": kind, "verification": verification},
    )
    return forward
