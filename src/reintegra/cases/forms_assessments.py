"""Forms of assessments: choose an instrument, answer its items, decide the level of need."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.cases.models import NeedLevel
from reintegra.web.forms import DateInput


class AssessmentStartForm(forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Instrument"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the instrument.")},
    )
    assessed_on = forms.DateField(
        label=_("Assessed on"),
        initial=timezone.localdate,
        widget=DateInput(),
        help_text=_("The day of the conversation or observation."),
    )

    def __init__(self, *args, instruments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instruments


class AnswerForm(forms.Form):
    """One choice and one comment per item, the judgement, and the next reassessment.

    Built from the assessment's sections (``selectors_assessments.assessment_sections``).
    """

    judgement = forms.CharField(
        label=_("Professional judgement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What you conclude from the conversation and the answers, and why. "
            "Needed to complete the assessment."
        ),
    )
    next_reassessment_on = forms.DateField(
        label=_("Next reassessment"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional: a task reminds the case worker on that day."),
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            for row in section.rows:
                self.fields[f"item_{row.item.pk}"] = forms.ChoiceField(
                    label=row.item.text,
                    required=False,
                    choices=[(option.code, option.label) for option in row.options],
                    widget=forms.RadioSelect,
                    initial=row.answer.option.code if row.answer else None,
                    help_text=row.item.guidance,
                    error_messages={
                        "invalid_choice": _("Choose one of the answers on the item's scale.")
                    },
                )
                self.fields[f"comment_{row.item.pk}"] = forms.CharField(
                    label=_("Comment"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=row.answer.comment if row.answer else "",
                )

    def grouped(self) -> list[tuple]:
        """(domain, [(item, answer field, comment field)]) in the instrument's order."""
        return [
            (
                section.domain,
                [
                    (row.item, self[f"item_{row.item.pk}"], self[f"comment_{row.item.pk}"])
                    for row in section.rows
                ],
            )
            for section in self.sections
        ]

    def answers(self) -> dict[int, str]:
        return {
            row.item.pk: self.cleaned_data.get(f"item_{row.item.pk}") or ""
            for section in self.sections
            for row in section.rows
        }

    def comments(self) -> dict[int, str]:
        return {
            row.item.pk: self.cleaned_data.get(f"comment_{row.item.pk}") or ""
            for section in self.sections
            for row in section.rows
        }


class NeedDecisionForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level of need decided by the team"),
        choices=NeedLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the level of need the team decided.")},
    )
    decided_on = forms.DateField(
        label=_("Decided on"), initial=timezone.localdate, widget=DateInput()
    )
    rationale = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the team decided this level: who took part, what weighed."),
        error_messages={"required": _("Write the reasons for the team's decision.")},
    )


class DiscardForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
