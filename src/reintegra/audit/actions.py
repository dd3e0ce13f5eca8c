"""Words for the audit trail: what an entry's action code and object type mean.

Services record what they did as a short code (``person.registered``, ``case.opened``): stable,
in English, what analysts filter by and the API returns. Auditors read the trail in their own
language, so the pages show each code's label, with the code beside it.

Every code the code base records has a label here: the literal codes passed to
``audit.record``, and the families built while recording:

- ``<model>.viewed`` (``audit.viewed``): any personal record, named by its model;
- ``<what>.exported`` (``audit.exported``): lists of people and of cases;
- ``approval.<status>`` (``cases.services.approval_decide``): approved or returned;
- ``<instrument part>.created`` / ``.changed`` (``cases.assessments.instrument_part_save``);
- ``tracing.row_<status>`` (``tracing.services``): a row of a list decided;
- ``registry.lookup_<by>`` (``registry.lookups``): a check by name, web address or file;
- ``registry.<what>_imported`` / ``_import_refused`` (``registry.imports``).

A code without a label (an entry older than its label, a code added without one) is shown as it
is: a page never fails on it. ``tests/audit/test_labels.py`` finds the codes in the source and
fails on one without a label.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: Mapping[str, Promise] = {
    # Sign-in and accounts
    "auth.signed_in": _("Signed in"),
    "auth.signed_out": _("Signed out"),
    "auth.sign_in_failed": _("Sign-in failed"),
    "user.created": _("Account created"),
    "user.updated": _("Account changed"),
    "user.password_changed": _("Password changed"),
    "user.activated": _("Account switched on"),
    "user.deactivated": _("Account switched off"),
    "membership.granted": _("Membership granted"),
    "membership.revoked": _("Membership revoked"),
    # Reference data and the demo
    "reference_data.loaded": _("Reference data loaded"),
    "operations.loaded": _("Operations and waves loaded"),
    "demo_data.loaded": _("Demo data loaded"),
    "demo_activities.loaded": _("Demo activities loaded"),
    # People
    "person.registered": _("Person registered"),
    "person.updated": _("Person's details changed"),
    "person.name_added": _("Name added"),
    "person.document_added": _("Identity document added"),
    "person.relationship_recorded": _("Relationship recorded"),
    "person.return_recorded": _("Return recorded"),
    "person.merged": _("Duplicate merged"),
    "person.merge_undone": _("Merge undone"),
    "person.exported": _("List of people exported"),
    # People abroad
    "abroad.recorded": _("Person recorded as abroad"),
    "abroad.status_recorded": _("Status abroad recorded"),
    "abroad.evidence_recorded": _("Evidence recorded"),
    # Cases
    "case.opened": _("Case opened"),
    "case.updated": _("Case changed"),
    "case.closure_requested": _("Case closure requested"),
    "case.team_member_added": _("Team member added"),
    "case.team_member_removed": _("Team member removed"),
    "case.service_recorded": _("Service recorded"),
    "case.emergency_access": _("Emergency access opened"),
    "case.emergency_access_ended": _("Emergency access ended"),
    "case.exported": _("List of cases exported"),
    "approval.approved": _("Request approved"),
    "approval.returned": _("Request returned with a comment"),
    "task.done": _("Task done"),
    "observation.recorded": _("Observation recorded"),
    "consent.recorded": _("Consent given"),
    "consent.withdrawn": _("Consent withdrawn"),
    # Assessments, and the instruments administrators edit
    "assessment.started": _("Assessment started"),
    "assessment.answered": _("Assessment answers saved"),
    "assessment.completed": _("Assessment completed"),
    "assessment.discarded": _("Assessment draft discarded"),
    "assessment.need_level_decided": _("Level of need decided"),
    "instrument.created": _("Assessment instrument created"),
    "instrument.changed": _("Assessment instrument changed"),
    "instrumentdomain.created": _("Instrument domain created"),
    "instrumentdomain.changed": _("Instrument domain changed"),
    "instrumentitem.created": _("Instrument item created"),
    "instrumentitem.changed": _("Instrument item changed"),
    "answerscale.created": _("Answer scale created"),
    "answerscale.changed": _("Answer scale changed"),
    "scaleoption.created": _("Scale option created"),
    "scaleoption.changed": _("Scale option changed"),
    # Plans
    "plan.created": _("Individual plan started"),
    "plan.goal_added": _("Goal added"),
    "plan.goal_status": _("Progress on a goal recorded"),
    "plan.submitted": _("Plan sent for approval"),
    # Referrals and transfers
    "referral.requested": _("Referral made"),
    "referral.accepted": _("Referral accepted"),
    "referral.declined": _("Referral declined"),
    "referral.completed": _("Referral completed"),
    "transfer.requested": _("Transfer requested"),
    "transfer.accepted": _("Transfer accepted"),
    "transfer.declined": _("Transfer declined"),
    "transfer.cancelled": _("Transfer cancelled"),
    # Activities and targets
    "activity.recorded": _("Activity recorded"),
    "activity.updated": _("Activity changed"),
    "activity.team_added": _("Tournament team added"),
    "activity.team_removed": _("Tournament team removed"),
    "activity.attendance_added": _("Participant added"),
    "activity.attendance_removed": _("Participant removed"),
    "target.set": _("Annual target set"),
    "target.removed": _("Annual target removed"),
    # Knowledge centre
    "material.created": _("Material created"),
    "material.updated": _("Material changed"),
    "material.published": _("Material published"),
    "material.qa_added": _("Question and answer added"),
    "material.attachment_added": _("File attached"),
    "topic.created": _("Topic created"),
    "topic.changed": _("Topic changed"),
    "specialist.created": _("Specialist profile created"),
    "specialist.updated": _("Specialist profile changed"),
    "specialist.certificate_added": _("Certificate or training added"),
    "qualification_category.created": _("Qualification category created"),
    "qualification_category.changed": _("Qualification category changed"),
    # Register of banned organisations and materials
    "registry.organisation_added": _("Banned organisation added"),
    "registry.organisation_changed": _("Banned organisation changed"),
    "registry.material_added": _("Banned material added"),
    "registry.material_changed": _("Banned material changed"),
    "registry.keys_rebuilt": _("Matching keys recomputed"),
    "registry.lookup_name": _("Name checked against the register"),
    "registry.lookup_address": _("Web address checked against the register"),
    "registry.lookup_file": _("File checked against the register"),
    "registry.organisations_imported": _("Banned organisations imported"),
    "registry.materials_imported": _("Banned materials imported"),
    "registry.organisations_import_refused": _("Import of banned organisations refused"),
    "registry.materials_import_refused": _("Import of banned materials refused"),
    # Tracing: lists of people matched against the records
    "tracing.list_uploaded": _("List uploaded"),
    "tracing.list_mapped": _("Columns of a list mapped"),
    "tracing.list_matched": _("List of people matched"),
    "tracing.list_failed": _("Matching of a list failed"),
    "tracing.list_discarded": _("List discarded"),
    "tracing.row_linked": _("List row linked to a person"),
    "tracing.row_created": _("List row registered as a new person"),
    "tracing.row_not_found": _("List row marked not found"),
    # Exports and published figures
    "export.requested": _("Export requested"),
    "export.done": _("Export ready"),
    "export.failed": _("Export failed"),
    "export.downloaded": _("Export downloaded"),
    "export.expired": _("Export file deleted"),
    "figures.published": _("Figures published to a partner"),
}
"""The label of each code recorded as it is (the families included, value by value)."""

OBJECT_TYPE_LABELS: Mapping[str, Promise] = {
    "registry.Lookup": _("Check against the register"),
    "registry.Import": _("Import into the register"),
}
"""Object types recorded that are not models: what they mean."""


@functools.cache
def _models_by_name() -> dict[str, type[models.Model]]:
    """Every installed model by its ``model_name``, the project's own first."""
    found: dict[str, type[models.Model]] = {}
    everything = sorted(
        apps.get_models(), key=lambda model: not model.__module__.startswith("reintegra.")
    )
    for model in everything:
        found.setdefault(model._meta.model_name, model)
    return found


def action_label(code: str) -> str:
    """What the action ``code`` of an entry means, in the active language.

    ``person.registered`` is "Person registered"; ``case.viewed`` is "Viewed: case" (any
    model's access entry, named by the model); an unknown code is returned as it is.
    """
    label = ACTION_LABELS.get(code)
    if label is not None:
        return str(label)
    subject, dot, verb = code.rpartition(".")
    model = _models_by_name().get(subject) if dot else None
    if model is not None and verb == "viewed":
        return gettext("Viewed: %(object)s") % {"object": model._meta.verbose_name}
    return code


def object_type_label(label: str) -> str:
    """The name of an entry's object type, in the active language: ``people.Person`` is
    "Person" (the model's verbose name); an unknown type is returned as it is."""
    if label in OBJECT_TYPE_LABELS:
        return str(OBJECT_TYPE_LABELS[label])
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return label
    return capfirst(str(model._meta.verbose_name))
