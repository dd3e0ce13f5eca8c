"""Forms of the tracing pages. They check input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from reintegra.core.countries import abroad_country_choices
from reintegra.people.models import Sex
from reintegra.returns.models import AbroadStatus, Confidence, EvidenceKind
from reintegra.tracing.models import DECISION_LABELS, ImportField
from reintegra.web.forms import DateInput


class UploadForm(forms.Form):
    source = forms.CharField(
        label=_("Source of the list"),
        max_length=200,
        help_text=_("Who sent the list and when, e.g. “ICRC, camp al-Hol, March 2024”."),
    )
    file = forms.FileField(label=_("File (CSV or XLSX)"))


class MappingForm(forms.Form):
    """One choice per column of the file: which field it holds, if any."""

    def __init__(self, *args, columns: list[str], samples: list[list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not imported —")), *ImportField.choices]
        for index, column in enumerate(columns):
            self.fields[str(index)] = forms.ChoiceField(
                label=column,
                required=False,
                choices=choices,
                help_text=column_samples([s[index] for s in samples if s[index]]),
            )


def column_samples(values: list[str], room: int = 80) -> str:
    """A column's first values, as many as fit in ``room`` characters, each isolated (``bdi``)
    so that Arabic and Latin values side by side keep their order (أحمدوف, Zhumabaev)."""
    shown, used = [], 0
    for value in values:
        if shown and used + len(value) > room:
            break
        shown.append(value[:room])
        used += len(value) + 2
    return format_html_join(", ", '<bdi dir="auto">{}</bdi>', ((value,) for value in shown))


class RowFilterForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Matching"),
        required=False,
        choices=[("", _("Any")), *DECISION_LABELS.items()],
    )
    undecided = forms.BooleanField(label=_("Undecided only"), required=False)


class RegisterRowForm(forms.Form):
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)


class AbroadForm(forms.Form):
    # Choices built per form, so the names follow the reader's language.
    country = forms.ChoiceField(label=_("Country"), choices=abroad_country_choices, initial="SY")
    status = forms.ChoiceField(label=_("Status"), choices=AbroadStatus.choices)
    since = forms.DateField(label=_("Since"), widget=DateInput())
    last_news_on = forms.DateField(label=_("Last news"), required=False, widget=DateInput())
    in_military_action = forms.BooleanField(
        label=_("Went missing in military action"), required=False
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AbroadStatus.choices)
    since = forms.DateField(label=_("Since"), widget=DateInput())
    last_news_on = forms.DateField(label=_("Last news"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    description = forms.CharField(label=_("Description"), widget=forms.Textarea)
    source = forms.CharField(label=_("Source"), required=False, max_length=200)
    confidence = forms.ChoiceField(
        label=_("Confidence"),
        choices=Confidence.choices,
        help_text=_("Your judgement of how far this evidence can be trusted."),
    )
