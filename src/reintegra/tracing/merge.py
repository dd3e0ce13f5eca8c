"""Merging a duplicate into the person who stays, and undoing it, exactly.

Every row of every model that points at the duplicate is moved to the person who stays. The
models are discovered from the app registry (every concrete foreign key, one-to-one and
many-to-many table to ``people.Person``, hidden ones included, which
``Person._meta.related_objects`` leaves out), so that a model added later is not forgotten.
Rows are moved with ``QuerySet.update`` (no ``save()``: timestamps stay as they were) and each
move is written down in the ``PersonMerge`` record; undoing it moves exactly those rows back.

A row that would break a unique constraint stops the merge with a message naming what both
people have, except for rows that would only repeat what the person who stays already has (a
relationship recorded for both, a candidate of the same imported row), or point them to
themselves: those are dropped and kept, serialised, in the record, and undoing restores them.
The duplicate's own row is kept and marked ``merged_into``; lists hide it.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from django.apps import apps
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.cases import tallies
from reintegra.core.access import CHANGE, access_context, access_object, grants_reaching
from reintegra.core.roles import Role
from reintegra.people.models import Person
from reintegra.tracing.models import PersonMerge

if TYPE_CHECKING:
    from reintegra.accounts.models import User

MERGERS = (Role.REGIONAL_COORDINATOR, Role.TRACING_OFFICER)
# Rows that only repeat what the person who stays already has are dropped, not refused.
DROP_REPEATS = frozenset({"people.Relationship", "tracing.Candidate"})
# The foreign keys that record merges themselves, never moved.
NOT_MOVED = frozenset({("people.Person", "merged_into"), ("tracing.PersonMerge", "survivor"),
                       ("tracing.PersonMerge", "merged")})  # fmt: skip


def person_references() -> list[tuple[type[models.Model], models.ForeignKey]]:
    """Every (model, field) whose rows point at a person: foreign keys and one-to-one fields,
    including the tables of many-to-many fields."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not ((field.is_relation and field.many_to_one) or field.one_to_one):
                continue
            if field.related_model is not Person:
                continue
            if (model._meta.label, field.name) in NOT_MOVED:
                continue
            found.append((model, field))
    return sorted(found, key=lambda mf: (mf[0]._meta.label, mf[1].name))


def _person_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is Person]


def _unique_sets(model: type[models.Model]) -> list[tuple[tuple[str, ...], Q | None]]:
    """The model's unique field sets, each with its condition."""
    sets: list[tuple[tuple[str, ...], Q | None]] = []
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            sets.append(((field.name,), None))
    for together in model._meta.unique_together:
        sets.append((tuple(together), None))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition))
    return sets


def _kind(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural)


def _is_self_pointing(model: type[models.Model], values: dict) -> bool:
    """Two person fields of one row naming one person (a relationship to oneself)."""
    people = [values[f.attname] for f in _person_fields(model) if values[f.attname] is not None]
    return model._meta.label in DROP_REPEATS and len(people) != len(set(people))


def merge_preview(*, survivor: Person, merged: Person) -> list[dict]:
    """What would move: per kind of row, how many."""
    counts: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for model, field in person_references():
        n = model._base_manager.filter(**{field.name: merged}).count()
        if n:
            counts[model._meta.label] += n
            kinds[model._meta.label] = _kind(model)
    return [{"label": label, "kind": kinds[label], "count": n} for label, n in counts.items()]


def differences(survivor: Person, merged: Person) -> dict[str, bool]:
    """Which of the two people's own details disagree: the survivor's are kept as they are,
    so a reviewer should look at these before merging."""
    return {
        field: getattr(survivor, field) != getattr(merged, field)
        for field in ("sex", "birth", "birth_place", "citizenship")
    }


def access_merge(actor: User, survivor: Person, merged: Person) -> None:
    """Whether ``actor`` may merge (or unmerge) these two people; raises PermissionDenied.

    The merging role and the right to change both people must come from one membership: a
    tracing officer of one organisation who is also a case worker elsewhere may not merge the
    other organisation's people, though each membership alone gives half of what is needed."""
    if not access_context(actor).has_role(*MERGERS):
        raise PermissionDenied(_("Only coordinators and tracing officers merge duplicates."))
    # Both must be the actor's to change (children: the children permission).
    access_object(Person, actor, survivor.pk, CHANGE)
    access_object(Person, actor, merged.pk, CHANGE)
    if not grants_reaching(Person, actor, {survivor.pk, merged.pk}, CHANGE, roles=MERGERS):
        raise PermissionDenied(
            _(
                "None of your memberships both lets you merge duplicates and reaches both "
                "people: you may change them only through another role."
            )
        )


@transaction.atomic
def person_merge(*, actor: User, survivor: Person, merged: Person) -> PersonMerge:
    """Merge ``merged`` (a duplicate) into ``survivor``: move every row pointing at the
    duplicate, mark it merged. Refuses, changing nothing, when a row may exist only once."""
    access_merge(actor, survivor, merged)
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    merged = Person.objects.select_for_update().get(pk=merged.pk)
    if survivor.pk == merged.pk:
        raise ValidationError(_("A person cannot be merged into themselves."))
    if merged.merged_into_id or survivor.merged_into_id:
        raise ValidationError(_("One of them is already merged into another person."))
    if hasattr(survivor, "abroad_record") and hasattr(merged, "abroad_record"):
        raise ValidationError(
            _(
                "Both people have a record abroad: keep one (record its statuses and evidence "
                "on the other) before merging."
            )
        )
    moved: list[dict] = []
    dropped: list[dict] = []
    counts: Counter[str] = Counter()
    for model, field in person_references():
        for row in model._base_manager.filter(**{field.name: merged}).order_by("pk"):
            fields = [f for f in _person_fields(model) if getattr(row, f.attname) == merged.pk]
            values = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
            for f in fields:
                values[f.attname] = survivor.pk
            label = model._meta.label
            if _is_self_pointing(model, values) or _repeats(model, row, values, fields):
                dropped.append({"model": label, "pk": row.pk, "row": _serialise(row)})
                model._base_manager.filter(pk=row.pk).delete()
                counts[label] += 1
                continue
            model._base_manager.filter(pk=row.pk).update(**{f.name: survivor for f in fields})
            moved.append({"model": label, "pk": row.pk, "fields": [f.name for f in fields]})
            counts[label] += 1
    tallies.person_age_copied(survivor.pk)  # the cases moved count by the survivor's age
    merged.merged_into = survivor
    merged.version = F("version") + 1
    merged.save(update_fields=["merged_into", "version"])
    record = PersonMerge.objects.create(
        survivor=survivor,
        merged=merged,
        moved=moved,
        dropped=dropped,
        counts=dict(counts),
        merged_by=actor,
    )
    audit.record(
        actor=actor,
        action="person.merged",
        obj=survivor,
        changes={
            "merged": merged.pk,
            "merged_name": str(merged),
            "merge": record.pk,
            "moved": dict(counts),
            "dropped": [(d["model"], d["pk"]) for d in dropped],
        },
    )
    return record


def _repeats(model, row, values: dict, fields: list) -> bool:
    """Whether the moved row would break a unique constraint: True when it only repeats a row
    the person who stays has (dropped); a ValidationError when it is a real conflict."""
    names = {f.name for f in fields}
    for unique, condition in _unique_sets(model):
        if not names & set(unique):
            continue
        lookup = {}
        for name in unique:
            field = model._meta.get_field(name)
            lookup[field.attname] = values[field.attname]
        others = model._base_manager.filter(**lookup).exclude(pk=row.pk)
        if condition is not None:
            if not model._base_manager.filter(condition, pk=row.pk).exists():
                continue
            others = others.filter(condition)
        if not others.exists():
            continue
        if model._meta.label in DROP_REPEATS:
            return True
        raise ValidationError(
            _(
                "Both people have %(kind)s that may be recorded only once (%(fields)s): "
                "resolve it on one of them before merging."
            )
            % {"kind": _kind(model), "fields": ", ".join(unique)}
        )
    return False


def _serialise(row: models.Model) -> str:
    return serializers.serialize("json", [row])


@transaction.atomic
def person_merge_undo(*, actor: User, merge: PersonMerge) -> PersonMerge:
    """Undo a merge: move back exactly the rows it moved, restore the rows it dropped, and
    the duplicate is a person of its own again."""
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    access_merge(actor, merge.survivor, merge.merged)
    if merge.undone_at is not None:
        raise ValidationError(_("This merge is already undone."))
    later = PersonMerge.objects.filter(
        Q(survivor=merge.merged) | Q(merged=merge.survivor) | Q(merged=merge.merged),
        undone_at__isnull=True,
        pk__gt=merge.pk,
    )
    if later.exists():
        raise ValidationError(_("Undo the later merges of these people first."))
    for entry in reversed(merge.moved):
        model = apps.get_model(entry["model"])
        rows = model._base_manager.filter(pk=entry["pk"])
        if not rows.exists():
            raise ValidationError(
                _("A moved row (%(kind)s) was deleted since the merge: it cannot be undone.")
                % {"kind": _kind(model)}
            )
        rows.update(**{name: merge.merged for name in entry["fields"]})
    for entry in merge.dropped:
        for restored in serializers.deserialize("json", entry["row"]):
            restored.save()
    merged = merge.merged
    tallies.person_age_copied(merged.pk)  # the cases moved back count by their person's age
    merged.merged_into = None
    merged.version = F("version") + 1
    merged.save(update_fields=["merged_into", "version"])
    merge.undone_at, merge.undone_by = timezone.now(), actor
    merge.save(update_fields=["undone_at", "undone_by"])
    audit.record(
        actor=actor,
        action="person.merge_undone",
        obj=merge.survivor,
        changes={"merged": merged.pk, "merge": merge.pk, "moved": merge.counts},
    )
    return merge
