"""Every change to the knowledge centre's materials and topics."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit import services as audit
from reintegra.core.access import CHANGE, access_context, access_object
from reintegra.core.access.policies import KNOWLEDGE_WRITERS
from reintegra.core.errors import EditConflict
from reintegra.core.models import Organisation
from reintegra.core.roles import Role
from reintegra.knowledge import files, search
from reintegra.knowledge.models import (
    LANGUAGES,
    Attachment,
    Audience,
    Material,
    MaterialKind,
    MaterialStatus,
    MaterialText,
    QuestionAnswer,
    Topic,
)

if TYPE_CHECKING:
    from reintegra.accounts.models import User


@dataclass(frozen=True)
class TextInput:
    """One language version: a title, and optionally a summary and the text."""

    title: str = ""
    summary: str = ""
    body: str = ""

    def cleaned(self) -> TextInput:
        return TextInput(self.title.strip(), self.summary.strip(), self.body.strip())

    @property
    def is_empty(self) -> bool:
        return not (self.title or self.summary or self.body)


def _clean_texts(texts: Mapping[str, TextInput]) -> dict[str, TextInput]:
    """Languages with content; each needs a title, and at least one language is given."""
    errors: dict[str, Any] = {}
    cleaned: dict[str, TextInput] = {}
    for language, text in texts.items():
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        text = text.cleaned()
        if text.is_empty:
            continue
        if not text.title:
            errors[f"title_{language}"] = _("A language version needs its title.")
        cleaned[language] = text
    if not cleaned and not errors:
        errors["title_ru"] = _(
            "Write the material in at least one language: Kazakh, Russian or English."
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _writer_organisations(actor: User) -> set[int]:
    context = access_context(actor)
    return {g.organisation_id for g in context.grants_for(KNOWLEDGE_WRITERS)}


def _check_fields(*, kind: str, audience: str, errors: dict[str, Any]) -> None:
    if kind not in MaterialKind.values:
        errors["kind"] = _("Choose the kind of material.")
    if audience not in Audience.values:
        errors["audience"] = _("Choose who the material is for.")


def _write_texts(material: Material, texts: dict[str, TextInput], actor: User | None) -> None:
    MaterialText.objects.bulk_create(
        [
            MaterialText(
                material=material,
                revision=material.revision,
                language=language,
                title=text.title,
                summary=text.summary,
                body=text.body,
                written_by=actor,
            )
            for language, text in texts.items()
        ]
    )


def _confirm_anonymised(material: Material, actor: User | None, anonymised: bool) -> None:
    if material.kind != MaterialKind.CASE_STUDY:
        return
    if not anonymised:
        raise ValidationError(
            {
                "anonymised": _(
                    "Confirm that the case study is anonymised: no name, place, date or detail "
                    "by which a person could be recognised."
                )
            }
        )
    material.anonymised_confirmed_by = actor
    material.anonymised_confirmed_at = timezone.now()


@transaction.atomic
def material_create(
    *,
    actor: User | None,
    kind: str,
    audience: str,
    texts: Mapping[str, TextInput],
    organisation: Organisation | None = None,
    topics: Iterable[Topic] = (),
    is_public: bool = False,
    author: str = "",
    issued_on=None,
    anonymised: bool = False,
) -> Material:
    """A new material, as a draft, in version 1."""
    errors: dict[str, Any] = {}
    _check_fields(kind=kind, audience=audience, errors=errors)
    if actor is not None:
        allowed = _writer_organisations(actor)
        if not allowed:
            raise PermissionDenied(_("You may not write materials."))
        if organisation is None and len(allowed) == 1:
            organisation = Organisation.objects.get(pk=next(iter(allowed)))
        if organisation is not None and organisation.pk not in allowed:
            errors["organisation"] = _("Materials are kept by your own organisation.")
    if organisation is None:
        errors.setdefault("organisation", _("Choose the organisation that keeps the material."))
    try:
        cleaned = _clean_texts(texts)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    material = Material(
        kind=kind,
        audience=audience,
        is_public=is_public,
        organisation=organisation,
        author=author.strip(),
        issued_on=issued_on,
        created_by=actor,
    )
    _confirm_anonymised(material, actor, anonymised)
    material.save()
    material.topics.set(list(topics))
    _write_texts(material, cleaned, actor)
    search.index_material(material)
    audit.record(
        actor=actor,
        action="material.created",
        obj=material,
        changes={
            "kind": kind,
            "audience": audience,
            "public": is_public,
            "languages": sorted(cleaned),
            "topics": sorted(t.code for t in topics),
            "anonymised_confirmed": bool(material.anonymised_confirmed_at),
        },
    )
    return material


MATERIAL_FIELDS = ("kind", "audience", "is_public", "author", "issued_on")


@transaction.atomic
def material_update(
    *,
    actor: User | None,
    material: Material,
    expected_version: int,
    texts: Mapping[str, TextInput] | None = None,
    topics: Iterable[Topic] | None = None,
    anonymised: bool = False,
    **fields: Any,
) -> Material:
    """Change a material. Changed texts make a new version; the earlier one stays readable.
    EditConflict if somebody saved it since ``expected_version``."""
    if actor is not None:
        access_object(Material, actor, material.pk, CHANGE)
    unknown = set(fields) - set(MATERIAL_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = Material.objects.select_for_update().get(pk=material.pk)
    if current.version != expected_version:
        raise EditConflict()
    errors: dict[str, Any] = {}
    _check_fields(
        kind=fields.get("kind", current.kind),
        audience=fields.get("audience", current.audience),
        errors=errors,
    )
    cleaned = None
    if texts is not None:
        try:
            cleaned = _clean_texts(texts)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        old = getattr(current, name)
        if old != value:
            changes[name] = [old, value]
            setattr(current, name, value)
    old_texts = {t.language: t for t in current.texts.filter(revision=current.revision)}
    new_revision = cleaned is not None and cleaned != {
        lang: TextInput(t.title, t.summary, t.body) for lang, t in old_texts.items()
    }
    if new_revision or "kind" in changes:
        _confirm_anonymised(current, actor, anonymised)
    if new_revision:
        current.revision += 1
        changes["revision"] = [current.revision - 1, current.revision]
        changes["languages"] = sorted(cleaned)
    topic_codes = None
    if topics is not None:
        topics = list(topics)
        before = sorted(current.topics.values_list("code", flat=True))
        topic_codes = sorted(t.code for t in topics)
        if before != topic_codes:
            changes["topics"] = [before, topic_codes]
    if not changes:
        return current
    current.version = F("version") + 1
    current.save(
        update_fields=[
            *(name for name in fields if name in changes),
            *("revision", "version", "updated_at"),
            *("anonymised_confirmed_by", "anonymised_confirmed_at"),
        ]
    )
    current.refresh_from_db()
    if new_revision:
        _write_texts(current, cleaned, actor)
    if topic_codes is not None and "topics" in changes:
        current.topics.set(topics)
    search.index_material(current)
    audit.record(actor=actor, action="material.updated", obj=current, changes=changes)
    return current


@transaction.atomic
def material_publish(*, actor: User | None, material: Material) -> Material:
    """Publish a draft: every reader sees it, and partners too if it is public."""
    if actor is not None:
        material = access_object(Material, actor, material.pk, CHANGE)
    if material.status == MaterialStatus.PUBLISHED:
        raise ValidationError(_("The material is already published."))
    if material.kind == MaterialKind.CASE_STUDY and material.anonymised_confirmed_at is None:
        raise ValidationError(_("A case study is published only once confirmed anonymised."))
    material.status = MaterialStatus.PUBLISHED
    material.published_at = timezone.now()
    material.version = F("version") + 1
    material.save(update_fields=["status", "published_at", "version", "updated_at"])
    material.refresh_from_db()
    audit.record(
        actor=actor,
        action="material.published",
        obj=material,
        changes={"revision": material.revision, "public": material.is_public},
    )
    return material


@transaction.atomic
def qa_pair_add(
    *,
    actor: User | None,
    material: Material,
    topic: Topic,
    questions: Mapping[str, str],
    answers: Mapping[str, str],
    position: int | None = None,
) -> QuestionAnswer:
    """A question (or a recruiter's claim) and its answer, in any of kk/ru/en, under a topic."""
    if actor is not None:
        material = access_object(Material, actor, material.pk, CHANGE)
    errors: dict[str, Any] = {}
    if material.kind != MaterialKind.QA:
        raise ValidationError(
            _("Questions and answers belong to a questions-and-answers material.")
        )
    values: dict[str, str] = {}
    for language in LANGUAGES:
        question = (questions.get(language) or "").strip()
        answer = (answers.get(language) or "").strip()
        if question and not answer:
            errors[f"answer_{language}"] = _("Write the answer to this question.")
        if answer and not question:
            errors[f"question_{language}"] = _("Write the question this answers.")
        values[f"question_{language}"], values[f"answer_{language}"] = question, answer
    if not any(values.values()) and not errors:
        errors["question_ru"] = _("Write the question and its answer in at least one language.")
    if errors:
        raise ValidationError(errors)
    if position is None:
        position = material.pairs.count() + 1
    pair = QuestionAnswer.objects.create(
        material=material, topic=topic, position=position, **values
    )
    Material.objects.filter(pk=material.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    search.index_material(material)
    audit.record(
        actor=actor,
        action="material.qa_added",
        obj=material,
        changes={"pair": pair.pk, "topic": topic.code},
    )
    return pair


@transaction.atomic
def attachment_add(
    *, actor: User | None, material: Material, upload: UploadedFile | None, language: str = ""
) -> Attachment:
    """Attach a checked file (type, content, size) with its SHA-256."""
    if actor is not None:
        material = access_object(Material, actor, material.pk, CHANGE)
    if language and language not in LANGUAGES:
        raise ValidationError({"language": _("Choose a language.")})
    checked = files.check_upload(upload)
    attachment = Attachment(
        material=material,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        language=language,
        uploaded_by=actor,
    )
    attachment.file.save(checked.filename, upload, save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="material.attachment_added",
        obj=material,
        changes={"file": checked.filename, "size": checked.size, "sha256": checked.sha256},
    )
    return attachment


def _require_administrator(actor: User | None) -> None:
    if actor is not None and not access_context(actor).has_role(Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only administrators change reference data."))


TOPIC_FIELDS = ("code", "name_kk", "name_ru", "name_en")


@transaction.atomic
def topic_save(*, actor: User | None, topic: Topic, changed: Iterable[str] = ()) -> Topic:
    """Create or change a topic (the administration site and the demo)."""
    _require_administrator(actor)
    errors = {
        name: _("This field is required.")
        for name in TOPIC_FIELDS
        if not str(getattr(topic, name) or "").strip()
    }
    duplicate = Topic.objects.filter(code=topic.code).exclude(pk=topic.pk).exists()
    if duplicate:
        errors["code"] = _("Another topic has this code.")
    if errors:
        raise ValidationError(errors)
    created = topic.pk is None
    topic.save()
    audit.record(
        actor=actor,
        action="topic.created" if created else "topic.changed",
        obj=topic,
        changes={name: getattr(topic, name) for name in TOPIC_FIELDS if created or name in changed},
    )
    return topic
