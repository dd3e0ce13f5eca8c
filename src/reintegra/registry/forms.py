from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import Region
from reintegra.registry.models import BanKind, MaterialKind
from reintegra.registry.selectors import ENDED, IN_FORCE
from reintegra.web.forms import DateInput


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, in any script"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("any")), *BanKind.choices, ("unstated", _("not stated"))],
    )
    in_force = forms.ChoiceField(
        label=_("In force"),
        required=False,
        choices=[("", _("any")), (IN_FORCE, _("in force today")), (ENDED, _("not in force"))],
    )


class OrganisationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name_kk = forms.CharField(label=_("Name in Kazakh"), max_length=300, required=False)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=300, required=False)
    aliases = forms.CharField(
        label=_("Other names and spellings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: abbreviations, transliterations, former names."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("not stated")), *BanKind.choices]
    )
    court = forms.CharField(label=_("Court"), max_length=300, required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())
    in_force_from = forms.DateField(label=_("In force from"), required=False, widget=DateInput())
    in_force_to = forms.DateField(label=_("In force until"), required=False, widget=DateInput())
    source = forms.CharField(
        label=_("Source"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the entry comes from: a text or a web address."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_aliases(self) -> list[str]:
        return _lines(self.cleaned_data["aliases"])


class MaterialFilterForm(forms.Form):
    q = forms.CharField(label=_("Title, court or decision"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any")), *MaterialKind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("any")
    )


class MaterialForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    court = forms.CharField(label=_("Court"), max_length=300, required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("none")
    )
    banned_on = forms.DateField(label=_("Banned from"), required=False, widget=DateInput())
    hashes = forms.CharField(
        label=_("SHA-256 of its files"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, 64 hexadecimal characters each."),
    )
    addresses = forms.CharField(
        label=_("Blocked web addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: a full address or a host with a path."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_hashes(self) -> list[str]:
        return _lines(self.cleaned_data["hashes"])

    def clean_addresses(self) -> list[str]:
        return _lines(self.cleaned_data["addresses"])


class NameLookupForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=300,
        help_text=_("In Kazakh, Russian or any Latin spelling."),
    )


class AddressLookupForm(forms.Form):
    address = forms.CharField(
        label=_("Web address"),
        max_length=2000,
        help_text=_("A full address or a host, with or without a path."),
    )


class FileLookupForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("The file is hashed on the server and not kept; only its SHA-256 is recorded."),
    )


class ImportForm(forms.Form):
    what = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            ("organisations", _("banned organisations")),
            ("materials", _("banned materials")),
        ],
    )
    file = forms.FileField(label=_("CSV file (UTF-8)"))
