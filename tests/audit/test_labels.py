"""Auditors read the trail in words: every action code recorded has a label, and so has every
object type; the code stays on the page for those who filter by it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

import reintegra
from reintegra.audit.actions import ACTION_LABELS, action_label, object_type_label
from reintegra.audit.models import Event
from reintegra.audit.services import record
from reintegra.cases.assessments import INSTRUMENT_MODELS
from reintegra.cases.models import ApprovalStatus
from reintegra.core.dates import PartialDate
from reintegra.core.models import Organisation
from reintegra.people.services import NameInput, person_register
from reintegra.registry.imports import COLUMNS
from reintegra.tracing.models import RowStatus
from tests.conftest import client_for

SOURCE = Path(reintegra.__file__).resolve().parent

# The argument given as ``action=``: a string, or a choice of two (`"a" if x else "b"`).
ACTION_ARGUMENT = re.compile(r'\baction=(f?"[^"\n]*"(?:\s+if\s+[^\n]+?\s+else\s+f?"[^"\n]*")?)')
CODE = re.compile(r'(?<!f)"([a-z_]+\.[a-z_]+)"')
TEMPLATE = re.compile(r'\bf"([^"\n]*)"')
# The what= of audit.exported(actor=..., what=...), a string or a choice of two.
EXPORTED_WHAT = re.compile(
    r'\bexported\(\s*actor=[^,]+,\s*what=("[^"]+"(?:\s+if\s+\w+\s+else\s+"[^"]+")?)'
)

# The codes built while recording, as written in the source; each is labelled value by value
# below. A new family fails test_the_families_of_codes_built_while_recording_are_known.
FAMILIES = {
    "{obj._meta.model_name}.viewed",  # audit/services.py: viewed
    "{what}.exported",  # audit/services.py: exported
    "approval.{approval.status}",  # cases/services.py: approval_decide
    "{obj._meta.model_name}.{'created' if created else 'changed'}",  # cases/assessments.py
    "tracing.row_{status}",  # tracing/services.py: _decided
    "registry.lookup_{result.by}",  # registry/lookups.py: _record
    "registry.{report.what}_import_refused",  # registry/imports.py: _refused
    "registry.{what}_imported",  # registry/imports.py: registry_import
}


@pytest.fixture(autouse=True)
def in_english():
    """The labels in the source language, whatever an earlier request left active."""
    with translation.override("en"):
        yield


def source_files() -> list[tuple[Path, str]]:
    return [(path, path.read_text(encoding="utf-8")) for path in sorted(SOURCE.rglob("*.py"))]


def action_arguments() -> list[tuple[Path, str]]:
    return [
        (path, argument)
        for path, text in source_files()
        for argument in ACTION_ARGUMENT.findall(text)
    ]


def literal_codes() -> set[str]:
    return {code for _path, argument in action_arguments() for code in CODE.findall(argument)}


def test_every_action_code_in_the_source_has_a_label():
    # Given every action= of the source written where the scan reads it: a string on the line
    # (audit.record passes on its own argument to the entry)
    elsewhere = [
        f"{path.relative_to(SOURCE)}: action={rest}"
        for path, text in source_files()
        for rest in re.findall(r"\baction=(?!f?\")(.*)", text)
        if (path.relative_to(SOURCE).as_posix(), rest) != ("audit/services.py", "action,")
    ]
    assert elsewhere == [], "write the code as a string after action=, for this scan"
    # And every code it passes (a literal, or either side of a choice)
    codes = literal_codes()
    assert len(codes) > 80, "the scan found too few codes: has the way of recording changed?"
    assert {"person.registered", "topic.changed", "user.deactivated"} <= codes
    # When each is labelled
    labels = {code: action_label(code) for code in codes}
    # Then none is left as its code
    assert [code for code, label in labels.items() if label == code] == []


def test_the_families_of_codes_built_while_recording_are_known():
    # Given the codes the source builds with an f-string as action=
    templates = {
        template
        for _path, argument in action_arguments()
        for template in TEMPLATE.findall(argument)
    }
    # Then each is a family this test labels value by value
    assert templates == FAMILIES


def test_a_view_of_any_record_names_the_record():
    # Given the models of the project, each of which a view may record (audit.viewed)
    models = [m for m in apps.get_models() if m.__module__.startswith("reintegra.")]
    for model in models:
        # When its access entry is labelled
        label = action_label(f"{model._meta.model_name}.viewed")
        # Then the label names it in words
        assert label == f"Viewed: {model._meta.verbose_name}"


def test_exports_of_each_kind_have_a_label():
    # Given what the source exports (the what= of audit.exported)
    found = [
        what
        for _path, text in source_files()
        for argument in EXPORTED_WHAT.findall(text)
        for what in re.findall(r'"(\w+)"', argument)
    ]
    assert set(found) == {"person", "case"}
    # Then each has a label of its own
    assert action_label("person.exported") == "List of people exported"
    assert action_label("case.exported") == "List of cases exported"
    assert all(f"{what}.exported" in ACTION_LABELS for what in found)


def test_the_families_of_codes_have_a_label_for_each_value():
    # Given the values each family takes in the code
    lookups = re.findall(
        r'LookupResult\(by="(\w+)"', (SOURCE / "registry" / "lookups.py").read_text()
    )
    assert set(lookups) == {"name", "address", "file"}
    codes = [
        # approval_decide sets approved or returned; pending is never recorded
        *(f"approval.{s}" for s in ApprovalStatus.values if s != ApprovalStatus.PENDING),
        *(
            f"{model._meta.model_name}.{verb}"
            for model in INSTRUMENT_MODELS
            for verb in ("created", "changed")
        ),
        # a row is recorded when decided: never as undecided
        *(f"tracing.row_{s}" for s in RowStatus.values if s != RowStatus.UNDECIDED),
        *(f"registry.lookup_{by}" for by in lookups),
        *(f"registry.{what}_imported" for what in COLUMNS),
        *(f"registry.{what}_import_refused" for what in COLUMNS),
    ]
    # When they are labelled
    unlabelled = [code for code in codes if code not in ACTION_LABELS]
    # Then each value has a phrase of its own
    assert unlabelled == []
    assert action_label("approval.returned") == "Request returned with a comment"
    assert action_label("tracing.row_not_found") == "List row marked not found"
    assert action_label("registry.lookup_file") == "File checked against the register"


def test_an_unknown_code_or_object_type_is_shown_as_it_is():
    assert action_label("test.changed") == "test.changed"
    assert action_label("no-dot") == "no-dot"
    assert action_label("") == ""
    assert object_type_label("nowhere.Nothing") == "nowhere.Nothing"
    assert object_type_label("no-dot") == "no-dot"
    assert object_type_label("") == ""


def test_an_object_type_is_named_by_its_model():
    assert object_type_label("people.Person") == "Person"
    assert object_type_label("tracing.ImportBatch") == "Imported list"
    assert object_type_label("registry.Lookup") == "Check against the register"


def test_the_labels_are_in_the_readers_language():
    # Given a reader of Russian (labels are looked up when shown, not when imported)
    with translation.override("ru"):
        # Then the action and the object type are in Russian
        assert action_label("case.opened") == "Случай открыт"
        assert object_type_label("people.Person") == "Человек"


@pytest.fixture
def registered(case_worker):
    return person_register(
        actor=case_worker,
        organisation=Organisation.objects.get(code="aqniet-aktau"),
        sex="female",
        birth=PartialDate.of(1990, 5, 1),
        names=[NameInput(script="kk-Cyrl", surname="Сейітова", given_name="Інкәр")],
    )


@pytest.mark.django_db
def test_the_audit_list_says_what_happened_and_keeps_the_code(auditor, registered):
    # Given a person registered, and an entry whose code has no label
    record(actor=None, action="test.changed", actor_username="system")
    # When the auditor opens the audit trail
    response = client_for(auditor).get("/audit/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    # Then the registration is said in words, with its code under it
    assert "Person registered<br><small><code>person.registered</code></small>" in page
    # And the object's type is the model's name, with the type as recorded
    assert f"(Person {registered.pk})" in page
    assert "<code>people.Person</code>" in page
    # And the entry without a label shows its code
    assert "test.changed<br><small><code>test.changed</code></small>" in page


@pytest.mark.django_db
def test_an_audit_entry_says_what_happened_and_keeps_the_code(auditor, registered):
    # Given the entry of a registration
    event = Event.objects.get(action="person.registered", object_id=str(registered.pk))
    # When the auditor opens it
    response = client_for(auditor).get(f"/audit/{event.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    # Then the action and the object's type are in words, the codes beside them
    assert "Person registered<br><small><code>person.registered</code></small>" in page
    assert f"Person {registered.pk} {registered.display_name}" in page
    assert "<code>people.Person</code>" in page


@pytest.mark.django_db
def test_the_filter_still_takes_the_code(auditor, registered):
    # Given a registration among other entries
    client = client_for(auditor)
    # When the auditor filters by the code
    page = client.get("/audit/", {"action": "person.registered"}).context["page"]
    # Then only registrations are listed
    assert [event.action for event in page] == ["person.registered"]
