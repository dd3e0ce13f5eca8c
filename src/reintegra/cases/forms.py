from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.cases.models import ClosureReason, PlanDomain, Program, ServiceKind
from reintegra.cases.observations import VALUES, Dimension
from reintegra.core.models import OrganisationKind
from reintegra.web.forms import DateInput


def observation_choices() -> list:
    # Nothing chosen at first: a click on "Record" must not record a fact nobody picked.
    groups: list = [("", _("Choose what is observed"))]
    for dimension, choices in VALUES.items():
        if choices is None:
            continue
        groups.append(
            (
                Dimension(dimension).label,
                [(f"{dimension}:{value}", label) for value, label in choices.choices],
            )
        )
    groups.append(
        (Dimension.LOCATION.label, [(f"{Dimension.LOCATION}:", _("a place (write it below)"))])
    )
    return groups


class CaseCreateForm(forms.Form):
    program = forms.ChoiceField(label=_("Program"), choices=Program.choices)
    organisation = forms.ModelChoiceField(label=_("Organisation following the case"), queryset=None)
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"), queryset=None, required=False, empty_label=_("Not assigned yet")
    )
    opened_on = forms.DateField(
        label=_("Opened on"),
        initial=timezone.localdate,
        widget=DateInput(),
    )

    def __init__(self, *args, organisations, case_workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].initial = organisations.first()
        self.fields["case_worker"].queryset = case_workers


class CaseEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"), queryset=None, required=False, empty_label=_("Not assigned")
    )

    def __init__(self, *args, case_workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].queryset = case_workers


class ObservationForm(forms.Form):
    observation = forms.ChoiceField(
        label=_("What is observed"),
        choices=observation_choices,
        error_messages={"required": _("Choose what is observed.")},
    )
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("Only for a location.")
    )
    valid_from = forms.DateField(label=_("Since"), initial=timezone.localdate, widget=DateInput())
    source = forms.CharField(label=_("Source"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        choice = data.get("observation", "")
        dimension, _sep, value = choice.partition(":")
        if dimension == Dimension.LOCATION:
            value = (data.get("place") or "").strip()
            if not value:
                self.add_error("place", _("Write the place."))
        data["dimension"], data["value"] = dimension, value
        return data


class ConsentForm(forms.Form):
    recipient_kinds = forms.MultipleChoiceField(
        label=_("May be shared with"),
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    given_on = forms.DateField(
        label=_("Given on"),
        initial=timezone.localdate,
        widget=DateInput(),
    )
    given_by = forms.ModelChoiceField(
        label=_("Given by (parent or guardian)"),
        queryset=None,
        required=False,
        empty_label=_("The person themselves"),
    )

    def __init__(self, *args, carers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = carers


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"),
        initial=timezone.localdate,
        widget=DateInput(),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ServiceKind.choices)
    date = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DateInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration, minutes"), required=False, min_value=1, max_value=24 * 60
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done and agreed; seen by the whole team."),
    )
    confidential_note = forms.CharField(
        label=_("Confidential note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Read only by members of the case team of your profession."),
    )

    def __init__(self, *args, may_write_note: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_write_note:
            del self.fields["confidential_note"]


class ClosureRequestForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ClosureReason.choices)
    note = forms.CharField(
        label=_("Note for the coordinator"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_1 = forms.DateField(label=_("First follow-up"), required=False, widget=DateInput())
    follow_up_2 = forms.DateField(label=_("Second follow-up"), required=False, widget=DateInput())
    follow_up_3 = forms.DateField(label=_("Third follow-up"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        data["follow_ups"] = [
            data[name] for name in ("follow_up_1", "follow_up_2", "follow_up_3") if data.get(name)
        ]
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("approve", _("Approve")), ("return", _("Return with a comment"))],
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanForm(forms.Form):
    review_on = forms.DateField(
        label=_("Review date"),
        widget=DateInput(),
        help_text=_("A task reminds the case worker on that day."),
    )


class GoalForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domain"), choices=PlanDomain.choices)
    description = forms.CharField(label=_("Goal"), max_length=300)
    actions = forms.CharField(
        label=_("Actions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible"), queryset=None, required=False, empty_label=_("The case worker")
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = people


class SubmitPlanForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the coordinator"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
