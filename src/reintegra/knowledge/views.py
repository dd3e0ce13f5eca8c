"""Pages of the knowledge centre: materials, their versions, questions and answers by topic, and
what partners and visiting delegations see."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra.core.access import CHANGE, VIEW, access_context, access_object
from reintegra.core.access.policies import KNOWLEDGE_WRITERS
from reintegra.core.models import Organisation
from reintegra.knowledge import selectors, services
from reintegra.knowledge.forms import (
    AttachmentForm,
    MaterialFilterForm,
    MaterialForm,
    QuestionAnswerForm,
)
from reintegra.knowledge.models import LANGUAGES, Attachment, Material, MaterialKind, Topic
from reintegra.web.forms import apply_edit_refusal, submit
from reintegra.web.lists import paginate, query_without, sort_queryset

MATERIAL_SORTS = {
    "relevance": ("rank",),
    "title": ("title",),
    "kind": ("kind",),
    "issued": ("issued_on",),
    "updated": ("updated_at",),
}


def _filters(form: MaterialFilterForm) -> selectors.MaterialFilters:
    if not form.is_valid():
        return selectors.MaterialFilters()
    data = form.cleaned_data
    return selectors.MaterialFilters(
        query=data.get("q") or "",
        kind=data.get("kind") or "",
        topic=data["topic"].pk if data.get("topic") else None,
        language=data.get("language") or "",
        audience=data.get("audience") or "",
        status=data.get("status") or "",
    )


def _list_page(request: HttpRequest, *, public: bool) -> HttpResponse:
    form = MaterialFilterForm(request.GET or None, public=public)
    filters = _filters(form)
    qs = selectors.material_list(user=request.user, filters=filters, public_only=public)
    sorts = dict(MATERIAL_SORTS)
    default = "relevance" if filters.query.strip() else "-updated"
    if not filters.query.strip():
        del sorts["relevance"]
    qs, current_sort = sort_queryset(request, qs, sorts, default)
    return render(
        request,
        "knowledge/material_list.html",
        {
            "form": form,
            "page": paginate(request, qs),
            "page_query": query_without(request, "page"),
            "sort_query": query_without(request, "page", "sort"),
            "current_sort": current_sort,
            "searching": bool(filters.query.strip()),
            "filtered": any(v for v in vars(filters).values()),
            "public": public,
            "may_write": not public and access_context(request.user).has_role(*KNOWLEDGE_WRITERS),
            "language": (get_language() or "ru")[:2],
        },
    )


def material_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, public=False)


def public_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, public=True)


def _detail_context(request: HttpRequest, material: Material) -> dict:
    versions = selectors.material_texts(material)
    try:
        revision = int(request.GET.get("version", material.revision))
    except ValueError:
        revision = material.revision
    if revision not in versions:
        revision = material.revision
    texts = {t.language: t for t in versions.get(revision, [])}
    wanted = request.GET.get("lang") or (get_language() or "ru")[:2]
    shown = next((texts[c] for c in (wanted, "ru", "kk", "en") if c in texts), None)
    return {
        "material": material,
        "text": shown,
        "text_languages": [code for code in LANGUAGES if code in texts],
        "revision": revision,
        "revisions": sorted(versions, reverse=True),
        "is_current": revision == material.revision,
        "pairs": material.pairs.select_related("topic"),
        "attachments": material.attachments.all(),
        "topics": material.topics.all(),
    }


def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_object(Material, request.user, pk, VIEW)
    context = _detail_context(request, material)
    context["may_edit"] = Material.objects.restrict(request.user, CHANGE).filter(pk=pk).exists()
    return render(request, "knowledge/material_detail.html", context)


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(selectors.public_materials(request.user), pk=pk)
    context = _detail_context(request, material)
    context.update({"public": True, "revisions": [material.revision]})
    return render(request, "knowledge/material_detail.html", context)


def _writer_organisations(request: HttpRequest):
    ids = {g.organisation_id for g in access_context(request.user).grants_for(KNOWLEDGE_WRITERS)}
    return Organisation.objects.filter(pk__in=ids)


def material_create(request: HttpRequest) -> HttpResponse:
    organisations = _writer_organisations(request)
    form = MaterialForm(
        request.POST or None,
        organisations=organisations,
        initial={"organisation": organisations.first(), "kind": request.GET.get("kind")},
    )

    def perform(data):
        return services.material_create(
            actor=request.user,
            kind=data["kind"],
            audience=data["audience"],
            texts=form.texts(),
            organisation=data["organisation"],
            topics=data["topics"],
            is_public=data["is_public"],
            author=data["author"],
            issued_on=data["issued_on"],
            anonymised=data["anonymised"],
        )

    done = submit(
        request,
        form,
        perform,
        success=_("The material is saved as a draft."),
        then=lambda material: redirect("knowledge:material_detail", pk=material.pk),
    )
    return done or render(request, "knowledge/material_form.html", {"form": form})


def _initial(material: Material) -> dict:
    initial = {
        "version": material.version,
        "kind": material.kind,
        "audience": material.audience,
        "is_public": material.is_public,
        "topics": list(material.topics.all()),
        "author": material.author,
        "issued_on": material.issued_on,
    }
    for text in material.texts.filter(revision=material.revision):
        for part in ("title", "summary", "body"):
            initial[f"{part}_{text.language}"] = getattr(text, part)
    return initial


def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_object(Material, request.user, pk, CHANGE)
    form = MaterialForm(request.POST or None, initial=_initial(material), editing=True)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.material_update(
                actor=request.user,
                material=material,
                expected_version=data["version"] or 0,
                texts=form.texts(),
                topics=data["topics"],
                anonymised=data["anonymised"],
                kind=data["kind"],
                audience=data["audience"],
                is_public=data["is_public"],
                author=data["author"].strip(),
                issued_on=data["issued_on"],
            )
        except ValidationError as exc:
            conflict = apply_edit_refusal(form, exc, material)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("knowledge:material_detail", pk=material.pk)
    return render(
        request,
        "knowledge/material_form.html",
        {"form": form, "material": material, "conflict": conflict},
    )


@require_POST
def material_publish(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_object(Material, request.user, pk, CHANGE)
    try:
        services.material_publish(actor=request.user, material=material)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The material is published."))
    return redirect("knowledge:material_detail", pk=material.pk)


def qa_add(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_object(Material, request.user, pk, CHANGE)
    if material.kind != MaterialKind.QA:
        raise Http404(_("Only a questions-and-answers material holds questions."))
    form = QuestionAnswerForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.qa_pair_add(
            actor=request.user,
            material=material,
            topic=data["topic"],
            questions=form.texts("question"),
            answers=form.texts("answer"),
        ),
        success=_("The question and its answer are added."),
        then=lambda _pair: redirect("knowledge:material_detail", pk=material.pk),
    )
    return done or render(request, "knowledge/qa_form.html", {"form": form, "material": material})


def qa_browse(request: HttpRequest) -> HttpResponse:
    topics = Topic.objects.restrict(request.user, VIEW)
    try:
        chosen = int(request.GET.get("topic") or 0) or None
    except ValueError:
        chosen = None
    pairs = selectors.qa_by_topic(user=request.user, topic=chosen)
    groups: dict = {}
    for pair in pairs:
        groups.setdefault(pair.topic, []).append(pair)
    return render(
        request,
        "knowledge/qa_browse.html",
        {"topics": topics, "chosen": chosen, "groups": list(groups.items())},
    )


def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_object(Material, request.user, pk, CHANGE)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.attachment_add(
            actor=request.user,
            material=material,
            upload=data["file"],
            language=data["language"],
        ),
        success=_("The file is attached."),
        then=lambda _attachment: redirect("knowledge:material_detail", pk=material.pk),
    )
    return done or render(
        request, "knowledge/attachment_form.html", {"form": form, "material": material}
    )


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access_object(Attachment, request.user, pk, VIEW)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing from the server.")) from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
