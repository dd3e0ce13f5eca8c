from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import services as audit
from reintegra.core.access import (
    CHANGE,
    PERSON_EDITORS,
    VIEW,
    access_context,
    access_object,
    grants_reaching,
)
from reintegra.core.models import Organisation, Region
from reintegra.core.roles import Role
from reintegra.people import selectors, services
from reintegra.people.forms import (
    DocumentForm,
    NameForm,
    PersonCreateForm,
    PersonEditForm,
    PersonFilterForm,
    RelationshipForm,
    ReturnForm,
)
from reintegra.people.models import NameKind, Person, RelationshipKind, Script
from reintegra.people.selectors import PersonFilters
from reintegra.reports import lists
from reintegra.returns import services as return_services
from reintegra.returns.models import Operation, Wave
from reintegra.web.exports import csv_response
from reintegra.web.forms import apply_edit_refusal, apply_service_errors, submit
from reintegra.web.lists import paginate, query_without, sort_queryset

PERSON_SORTS = {
    "name": ("sort_name",),
    "birth": ("birth_date", "sort_name"),
    "region": ("region__sort_order", "sort_name"),
    "registered": ("created_at",),
}


def filter_form(request: HttpRequest) -> PersonFilterForm:
    user = request.user
    organisations = {g.organisation_id for g in access_context(user).grants}
    return PersonFilterForm(
        request.GET or None,
        regions=Region.objects.restrict(user, VIEW),
        operations=Operation.objects.restrict(user, VIEW),
        waves=Wave.objects.restrict(user, VIEW).select_related("operation"),
        case_workers=User.objects.filter(
            memberships__organisation_id__in=organisations,
            memberships__role=Role.CASE_WORKER,
        ).distinct(),
    )


def filters_from(form: PersonFilterForm) -> PersonFilters:
    data = form.cleaned_data if form.is_valid() else {}
    pk = lambda name: data[name].pk if data.get(name) else None  # noqa: E731
    return PersonFilters(
        search=data.get("q", ""),
        region_id=pk("region"),
        sex=data.get("sex", ""),
        age_group=data.get("age_group", ""),
        operation_id=pk("operation"),
        wave_id=pk("wave"),
        program=data.get("program", ""),
        status=data.get("status", ""),
        case_worker_id=pk("case_worker"),
        returned_as=data.get("returned_as", ""),
    )


def person_list(request: HttpRequest) -> HttpResponse:
    form = filter_form(request)
    found, filters = selectors.with_similar_spellings(
        selectors.person_list, user=request.user, filters=filters_from(form)
    )
    qs, current_sort = sort_queryset(request, found, PERSON_SORTS, "name")
    page = paginate(request, qs)
    return render(
        request,
        "people/person_list.html",
        {
            "form": form,
            "page": page,
            "page_query": query_without(request, "page"),
            "sort_query": query_without(request, "page", "sort"),
            "current_sort": current_sort,
            "filtered": any(vars(filters).values()),
            "by_consonants": filters.by_consonants,
            "export_query": query_without(request, "page"),
            "may_register": access_context(request.user).has_role(*PERSON_EDITORS),
        },
    )


def person_export(request: HttpRequest) -> HttpResponse:
    found, filters = selectors.with_similar_spellings(
        selectors.person_export, user=request.user, filters=filters_from(filter_form(request))
    )
    people = found.order_by("pk")
    audit.exported(
        actor=request.user,
        what="person",
        count=people.count(),
        parameters={k: v for k, v in vars(filters).items() if v},
    )
    header, rows = (
        lists.person_header(),
        (lists.person_row(p) for p in people.iterator(chunk_size=2000)),
    )
    return csv_response(f"people-{timezone.localdate():%Y%m%d}.csv", [str(h) for h in header], rows)


def _editor_organisations(user) -> list[int]:
    return [g.organisation_id for g in access_context(user).grants_for(PERSON_EDITORS)]


def person_create(request: HttpRequest) -> HttpResponse:
    from reintegra.tracing.duplicates import (
        NewPerson,
        likely_duplicates,
        shown_people,
        shown_token,
    )

    user = request.user
    relative, relation = None, ""
    for kind in (RelationshipKind.MOTHER, RelationshipKind.FATHER, RelationshipKind.GUARDIAN):
        if request.GET.get(kind):
            relative, relation = access_object(Person, user, request.GET[kind], CHANGE), kind
    organisations = Organisation.objects.restrict(user, VIEW).filter(
        pk__in=_editor_organisations(user)
    )
    form = PersonCreateForm(
        request.POST or None,
        organisations=organisations,
        regions=Region.objects.restrict(user, VIEW),
        with_relative=relative is not None,
        initial={"region": relative.region_id if relative else None, "verification": "documents"},
    )
    duplicates: list[dict] = []
    shown: list[int] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = likely_duplicates(
            user=user,
            new=NewPerson(
                surname=data["surname"],
                given_name=data["given_name"],
                patronymic=data["patronymic"],
                sex=data["sex"],
                birth=data["birth"],
                latin_name=data["latin_name"],
            ),
        )
        # The confirmation counts only with the people it was given about (signed by the page
        # that showed them); the service checks they are still the likely duplicates.
        if data.get("different_person"):
            shown = shown_people(user=user, token=request.POST.get("duplicates_shown", ""))
            if shown is None and duplicates:
                form.add_error(
                    "different_person",
                    _("Look at the people shown below, then confirm again."),
                )
        confirmed = shown is not None
        for found in duplicates:
            # Shown side by side with the new person: a view of their record.
            audit.viewed(actor=user, obj=found["person"], reason="likely duplicate")
    if request.method == "POST" and form.is_valid() and (not duplicates or confirmed):
        names = [
            services.NameInput(
                script=data["script"],
                surname=data["surname"],
                given_name=data["given_name"],
                patronymic=data["patronymic"],
            )
        ]
        if data["latin_name"].strip():
            names.append(
                services.NameInput(
                    script=Script.LATIN,
                    full_name=data["latin_name"],
                    kind=NameKind.AS_REPORTED,
                    source=_("passport"),
                )
            )
        person_values = {
            "actor": user,
            "organisation": data["organisation"],
            "sex": data["sex"],
            "names": names,
            "birth": data["birth"],
            "birth_place": data["birth_place"],
            "citizenship": data["citizenship"],
            "region": data["region"],
            "iin": data["iin"],
            # Nobody is a likely duplicate any more: nothing is left to confirm.
            "duplicates_shown": shown if duplicates else None,
        }
        try:
            if relative is None:
                person = services.person_register(**person_values)
            else:
                person = services.person_register_as_relative(
                    **person_values,
                    relative=relative,
                    kind=relation,
                    verification=data["verification"],
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            if "different_person" in getattr(exc, "error_dict", {}):
                # The people shown changed: ``duplicates`` are the current ones, shown instead,
                # to be confirmed afresh.
                form.data = form.data.copy()
                form.data.pop("different_person", None)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": person})
            return redirect("people:person_detail", pk=person.pk)
    if not duplicates:
        form.fields.pop("different_person", None)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "relative": relative,
            "relation": RelationshipKind(relation).label if relation else "",
            "duplicates": duplicates,
            # What was shown, signed: a confirmation is about these people only.
            "duplicates_token": shown_token(user=user, duplicates=duplicates) if duplicates else "",
        },
    )


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_object(Person, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=person)
    context = selectors.person_detail(user=request.user, person=person)
    from reintegra.cases.selectors import consents_of, observation_history
    from reintegra.tracing.merge import MERGERS
    from reintegra.tracing.selectors import abroad_of_person, merges_of, undoable_merge_of

    # A duplicate merged into another person is read-only until the merge is undone
    # (``services.refuse_if_merged``): nothing that would change it is offered.
    merged = person.merged_into_id is not None
    may_change = not merged and Person.objects.restrict(request.user, CHANGE).filter(pk=pk).exists()
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            **context,
            "observations": observation_history(user=request.user, person=person),
            "consents": consents_of(user=request.user, person=person),
            "may_edit": may_change,
            "is_child": person.is_child_on(timezone.localdate()),
            "abroad": abroad_of_person(user=request.user, person=person),
            "may_record_abroad": may_change
            and access_context(request.user).has_role(Role.TRACING_OFFICER),
            # The merging role and the reach over the person from one membership, as the merge.
            "may_merge": not merged
            and bool(grants_reaching(Person, request.user, {pk}, CHANGE, roles=MERGERS)),
            "merges": merges_of(user=request.user, person=person),
            "undoable_merge": undoable_merge_of(user=request.user, person=person),
        },
    )


def unless_merged(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A form that changes a person does not open for a duplicate merged into another: saving
    would be refused (``services.refuse_if_merged``), so its page is shown instead, with why.
    A form sent from a page opened before the merge is refused by the service, on the form."""

    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "GET":
            pk = kwargs.get("pk", kwargs.get("person_pk"))
            person = access_object(Person, request.user, pk, VIEW)
            if person.merged_into_id is not None:
                messages.error(request, services.merged_refusal(person.merged_into_id))
                return redirect("people:person_detail", pk=person.pk)
        return view(request, *args, **kwargs)

    return checked


@unless_merged
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_object(Person, request.user, pk, CHANGE)
    initial = {
        "version": person.version,
        "sex": person.sex,
        "birth_place": person.birth_place,
        "citizenship": person.citizenship,
        "vital_status": person.vital_status,
        "region": person.region_id,
        **PersonEditForm.initial_birth(person.birth),
    }
    form = PersonEditForm(
        request.POST or None, initial=initial, regions=Region.objects.restrict(request.user, VIEW)
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_update(
                actor=request.user,
                person=person,
                expected_version=data["version"],
                birth=data["birth"],
                sex=data["sex"],
                birth_place=data["birth_place"].strip(),
                citizenship=data["citizenship"].strip().upper(),
                vital_status=data["vital_status"],
                region=data["region"],
            )
        except ValidationError as exc:
            conflict = apply_edit_refusal(form, exc, person)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("people:person_detail", pk=person.pk)
    return render(
        request, "people/person_edit.html", {"form": form, "person": person, "conflict": conflict}
    )


def family(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_object(Person, request.user, pk, VIEW)
    audit.viewed(actor=request.user, obj=person, reason="family")
    return render(
        request,
        "people/family.html",
        {"person": person, **selectors.family_of(user=request.user, person=person)},
    )


@unless_merged
def relationship_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_object(Person, request.user, pk, CHANGE)
    query = (request.POST.get("q") or request.GET.get("q") or "").strip()
    editable = (
        Person.objects.restrict(request.user, CHANGE)
        .filter(merged_into__isnull=True)  # a merged duplicate takes no new relatives
        .exclude(pk=person.pk)
    )
    found = (
        editable.filter(selectors.name_search_q(query))
        if query
        else editable.filter(organisation=person.organisation)
    )
    candidates = Person.objects.filter(pk__in=found.order_by("sort_name", "pk").values("pk")[:25])
    form = RelationshipForm(request.POST or None, candidates=candidates.order_by("sort_name", "pk"))
    done = submit(
        request,
        form,
        lambda data: services.relationship_record(actor=request.user, person=person, **data),
        success=_("The relationship is recorded."),
        then=lambda _result: redirect("people:person_detail", pk=person.pk),
    )
    return done or render(
        request, "people/relationship_form.html", {"form": form, "person": person, "q": query}
    )


def person_form_page(request, pk, form, perform, *, success, title) -> HttpResponse:
    """A small form about one person: a name, a document, a return, a consent."""
    person = access_object(Person, request.user, pk, CHANGE)
    done = submit(
        request,
        form,
        lambda data: perform(person, data),
        success=success,
        then=lambda _result: redirect("people:person_detail", pk=person.pk),
    )
    return done or render(
        request, "people/simple_form.html", {"form": form, "person": person, "title": title}
    )


@unless_merged
def return_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(
        request.POST or None,
        operations=Operation.objects.restrict(request.user, VIEW),
        waves=Wave.objects.restrict(request.user, VIEW).select_related("operation"),
    )
    return person_form_page(
        request,
        pk,
        form,
        lambda person, data: return_services.return_record(
            actor=request.user, person=person, **data
        ),
        success=_("The return is recorded."),
        title=_("Record a return"),
    )


@unless_merged
def name_add(request: HttpRequest, pk: int) -> HttpResponse:
    return person_form_page(
        request,
        pk,
        NameForm(request.POST or None),
        lambda person, data: services.person_name_add(
            actor=request.user, person=person, name=services.NameInput(**data)
        ),
        success=_("The name is added."),
        title=_("Add a name"),
    )


@unless_merged
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    return person_form_page(
        request,
        pk,
        DocumentForm(request.POST or None),
        lambda person, data: services.identity_document_add(
            actor=request.user, person=person, **data
        ),
        success=_("The document is recorded."),
        title=_("Record an identity document"),
    )
