from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.roles import Profession
from reintegra.knowledge.models import (
    LANGUAGES,
    Audience,
    CertificateKind,
    Language,
    MaterialKind,
    MaterialStatus,
    QualificationCategory,
    Topic,
)
from reintegra.knowledge.services import TextInput
from reintegra.web.forms import DateInput

LANGUAGE_NAMES = {
    "kk": _("Kazakh"),
    "ru": _("Russian"),
    "en": _("English"),
}


def _blank(choices, label):
    return [("", label), *choices]


class MaterialFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False, empty_label=_("Any topic")
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, public: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _blank(MaterialKind.choices, _("Any kind"))
        self.fields["language"].choices = _blank(Language.choices, _("Any language"))
        self.fields["audience"].choices = _blank(Audience.choices, _("Any audience"))
        self.fields["status"].choices = _blank(MaterialStatus.choices, _("Any status"))
        if public:
            del self.fields["status"]


class MaterialForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    is_public = forms.BooleanField(
        label=_("Public: shown to partners and visiting delegations once published"),
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    author = forms.CharField(label=_("Author"), max_length=200, required=False)
    issued_on = forms.DateField(label=_("Date of the material"), required=False, widget=DateInput())
    anonymised = forms.BooleanField(
        label=_(
            "For a case study: I confirm it is anonymised, with no name, place, date or detail "
            "by which a person could be recognised"
        ),
        required=False,
    )

    def __init__(self, *args, organisations=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            name = LANGUAGE_NAMES[language]
            self.fields[f"title_{language}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=300,
                required=False,
            )
            self.fields[f"summary_{language}"] = forms.CharField(
                label=_("Summary (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"body_{language}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 10}),
            )
        if editing:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations

    def texts(self) -> dict[str, TextInput]:
        data = self.cleaned_data
        return {
            language: TextInput(
                data.get(f"title_{language}", ""),
                data.get(f"summary_{language}", ""),
                data.get(f"body_{language}", ""),
            )
            for language in LANGUAGES
        }

    def language_fields(self):
        return [
            (
                LANGUAGE_NAMES[language],
                language,
                [self[f"{part}_{language}"] for part in ("title", "summary", "body")],
            )
            for language in LANGUAGES
        ]


class QuestionAnswerForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            name = LANGUAGE_NAMES[language]
            self.fields[f"question_{language}"] = forms.CharField(
                label=_("Question or claim (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"answer_{language}"] = forms.CharField(
                label=_("Answer (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def texts(self, prefix: str) -> dict[str, str]:
        return {lang: self.cleaned_data.get(f"{prefix}_{lang}", "") for lang in LANGUAGES}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, PPTX, ODT or TXT."))
    language = forms.ChoiceField(
        label=_("Language of the file"),
        required=False,
        choices=_blank(Language.choices, _("Several or none")),
    )


class SpecialistFilterForm(forms.Form):
    profession = forms.ChoiceField(label=_("Profession"), required=False)
    category = forms.ModelChoiceField(
        label=_("Qualification category"),
        queryset=QualificationCategory.objects.all(),
        required=False,
        empty_label=_("Any category"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profession"].choices = _blank(Profession.choices, _("Any profession"))


class SpecialistForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    user = forms.ModelChoiceField(label=_("Account"), queryset=None)
    category = forms.ModelChoiceField(
        label=_("Qualification category"),
        queryset=QualificationCategory.objects.filter(is_active=True),
        required=False,
        empty_label=_("No category"),
    )
    category_since = forms.DateField(label=_("Category since"), required=False, widget=DateInput())
    years_experience = forms.IntegerField(label=_("Years of experience"), min_value=0, max_value=70)
    education = forms.CharField(label=_("Education"), max_length=300, required=False)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        if users is None:
            del self.fields["user"]
        else:
            self.fields["user"].queryset = users
            self.fields["user"].label_from_instance = lambda user: (
                f"{user.get_full_name() or user.username} · {user.get_profession_display()}"
            )


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CertificateKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    issuer = forms.CharField(label=_("Issued by"), max_length=300, required=False)
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DateInput())
    hours = forms.IntegerField(label=_("Hours"), required=False, min_value=1, max_value=5000)
    file = forms.FileField(
        label=_("File"), required=False, help_text=_("Optional: PDF, DOCX, PPTX, ODT or TXT.")
    )


class ExpiringForm(forms.Form):
    days = forms.IntegerField(label=_("Within days"), min_value=0, max_value=3650, required=False)
