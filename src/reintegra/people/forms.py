"""Forms of the people pages. They check input; the services decide and write."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.cases.models import CaseStatus, Program
from reintegra.core.countries import HOME_COUNTRY, citizenship_choices
from reintegra.core.dates import PartialDate
from reintegra.people.models import (
    DocumentKind,
    NameKind,
    RelationshipKind,
    Script,
    Sex,
    Verification,
    VitalStatus,
)
from reintegra.people.selectors import AGE_GROUPS
from reintegra.tracing.files import detect_script
from reintegra.web.forms import DateInput

AGE_GROUP_LABELS = {
    "child": _("children (under 18)"),
    "adult": _("adults (18 and over)"),
    "0-4": _("0–4 years"),
    "5-9": _("5–9 years"),
    "10-14": _("10–14 years"),
    "15-17": _("15–17 years"),
}


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("any name, any spelling")}),
    )
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=None, empty_label=_("All regions")
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", _("Any sex")), *Sex.choices]
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        choices=[("", _("Any age")), *[(k, AGE_GROUP_LABELS[k]) for k in AGE_GROUPS]],
    )
    operation = forms.ModelChoiceField(
        label=_("Operation"), required=False, queryset=None, empty_label=_("Any operation")
    )
    wave = forms.ModelChoiceField(
        label=_("Wave"), required=False, queryset=None, empty_label=_("Any wave")
    )
    program = forms.ChoiceField(
        label=_("Program"), required=False, choices=[("", _("Any program")), *Program.choices]
    )
    status = forms.ChoiceField(
        label=_("Case status"),
        required=False,
        choices=[("", _("Any status")), ("active", _("not closed")), *CaseStatus.choices],
    )
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"), required=False, queryset=None, empty_label=_("Any case worker")
    )
    returned_as = forms.ChoiceField(
        label=_("Returned as"),
        required=False,
        choices=[
            ("", _("Anyone")),
            ("any", _("anyone who returned")),
            ("woman", _("a woman")),
            ("man", _("a man")),
            ("child", _("a child (under 18 on arriving)")),
        ],
    )

    def __init__(self, *args, regions, operations, waves, case_workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["operation"].queryset = operations
        self.fields["wave"].queryset = waves
        self.fields["case_worker"].queryset = case_workers


class BirthDateMixin(forms.Form):
    """A date of birth known to the day, the month, the year, or only about."""

    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100
    )
    birth_month = forms.IntegerField(label=_("Month"), required=False, min_value=1, max_value=12)
    birth_day = forms.IntegerField(label=_("Day"), required=False, min_value=1, max_value=31)
    birth_approximate = forms.BooleanField(label=_("The year is approximate"), required=False)

    def clean_birth(self) -> PartialDate | None:
        data = self.cleaned_data
        year, month, day = data.get("birth_year"), data.get("birth_month"), data.get("birth_day")
        if year is None:
            if month or day:
                self.add_error("birth_year", _("Give the year when the month or day is known."))
            return None
        if day and not month:
            self.add_error("birth_month", _("Give the month when the day is known."))
            return None
        try:
            birth = PartialDate.of(
                year, month, day, approximate=bool(data.get("birth_approximate"))
            )
        except ValueError:
            self.add_error("birth_day", _("There is no such day in that month."))
            return None
        if birth.value > timezone.localdate():
            self.add_error("birth_year", _("The date of birth is in the future."))
            return None
        return birth

    def clean(self):
        data = super().clean()
        data["birth"] = self.clean_birth()
        return data

    @staticmethod
    def initial_birth(birth: PartialDate | None) -> dict:
        if birth is None:
            return {}
        initial = {
            "birth_year": birth.value.year,
            "birth_approximate": birth.precision == "approximate",
        }
        if birth.precision in ("day", "month"):
            initial["birth_month"] = birth.value.month
        if birth.precision == "day":
            initial["birth_day"] = birth.value.day
        return initial


_SCRIPT_FAMILY = {
    Script.KAZAKH_CYRILLIC: "Cyrl", Script.RUSSIAN_CYRILLIC: "Cyrl", Script.LATIN: "Latn",
    Script.ARABIC: "Arab",
}  # fmt: skip


def check_script(form: forms.Form, *fields: str) -> None:
    """An error on the form's ``script`` when the name's letters are in another script than
    the one chosen: the script is what the name is searched and compared by."""
    data = form.cleaned_data
    chosen = data.get("script")
    text = " ".join(data.get(field) or "" for field in fields)
    found = _SCRIPT_FAMILY[detect_script(text)] if any(ch.isalpha() for ch in text) else None
    if chosen and found and _SCRIPT_FAMILY.get(chosen) != found:
        choice = {"Cyrl": _("Kazakh or Russian Cyrillic"), "Latn": _("Latin"), "Arab": _("Arabic")}
        form.add_error(
            "script",
            _("The name is written in %(script)s letters: choose that script.")
            % {"script": choice[found]},
        )


class PersonCreateForm(BirthDateMixin):
    surname = forms.CharField(
        label=_("Surname"), max_length=150, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    given_name = forms.CharField(
        label=_("Given name"), max_length=150, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    patronymic = forms.CharField(
        label=_("Patronymic"),
        max_length=150,
        required=False,
        help_text=_("As written: -ұлы/-қызы or -ович/-овна."),
    )
    script = forms.ChoiceField(label=_("The name is written in"), choices=Script.choices)
    latin_name = forms.CharField(
        label=_("Name in Latin letters (passport)"), max_length=300, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    birth_place = forms.CharField(label=_("Place of birth"), max_length=200, required=False)
    # Choices built per form, so the names follow the reader's language.
    citizenship = forms.ChoiceField(
        label=_("Citizenship"), choices=citizenship_choices, initial=HOME_COUNTRY
    )
    iin = forms.CharField(
        label=_("IIN"),
        max_length=14,
        required=False,
        help_text=_("12 digits; checked against the date of birth and sex."),
    )
    organisation = forms.ModelChoiceField(label=_("Registered by"), queryset=None)
    region = forms.ModelChoiceField(
        label=_("Region where the person lives"),
        queryset=None,
        required=False,
        empty_label=_("The organisation's region"),
    )
    verification = forms.ChoiceField(
        label=_("The relationship is verified by"), choices=Verification.choices, required=False
    )

    different_person = forms.BooleanField(
        label=_("This is a different person: register anyway"), required=False
    )

    field_order = [
        "surname", "given_name", "patronymic", "script", "latin_name", "sex", "birth_year",
        "birth_month", "birth_day", "birth_approximate", "birth_place", "citizenship", "iin",
        "organisation", "region", "verification",
    ]  # fmt: skip

    def __init__(self, *args, organisations, regions, with_relative: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].initial = organisations.first()
        self.fields["region"].queryset = regions
        if not with_relative:
            del self.fields["verification"]

    def clean(self):
        data = super().clean()
        check_script(self, "surname", "given_name", "patronymic")
        return data


class PersonEditForm(BirthDateMixin):
    version = forms.IntegerField(widget=forms.HiddenInput)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    birth_place = forms.CharField(label=_("Place of birth"), max_length=200, required=False)
    citizenship = forms.ChoiceField(label=_("Citizenship"))
    vital_status = forms.ChoiceField(label=_("Vital status"), choices=VitalStatus.choices)
    region = forms.ModelChoiceField(
        label=_("Region where the person lives"), queryset=None, required=False
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["citizenship"].choices = citizenship_choices(self.initial.get("citizenship"))


class RelationshipForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The other person is this person's"), choices=RelationshipKind.choices
    )
    relative = forms.ModelChoiceField(
        label=_("Other person"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    verification = forms.ChoiceField(label=_("Verified by"), choices=Verification.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relative"].queryset = candidates


class ReturnForm(forms.Form):
    operation = forms.ModelChoiceField(label=_("Operation"), queryset=None)
    wave = forms.ModelChoiceField(
        label=_("Wave"), queryset=None, required=False, empty_label=_("No wave (individual return)")
    )
    arrival_date = forms.DateField(label=_("Arrival date"), widget=DateInput())
    arrival_point = forms.CharField(label=_("Arrival point"), max_length=200, required=False)

    def __init__(self, *args, operations, waves, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operation"].queryset = operations
        self.fields["wave"].queryset = waves

    def clean_arrival_date(self) -> dt.date:
        value = self.cleaned_data["arrival_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The arrival date is in the future."))
        return value


class NameForm(forms.Form):
    surname = forms.CharField(label=_("Surname"), max_length=150, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=150, required=False)
    full_name = forms.CharField(
        label=_("Full name as written"),
        max_length=300,
        required=False,
        help_text=_("When the parts cannot be told apart."),
    )
    script = forms.ChoiceField(label=_("Script"), choices=Script.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=NameKind.choices)
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the name was written this way."),
    )

    def clean(self):
        data = super().clean()
        check_script(self, "surname", "given_name", "patronymic", "full_name")
        return data


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Number"), max_length=50)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())
