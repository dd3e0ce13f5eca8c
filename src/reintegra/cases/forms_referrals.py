"""Forms of referrals and transfers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.cases.models import ReferralStatus, ServiceKind
from reintegra.web.forms import DateInput


class ReferralForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Refer to"),
        queryset=None,
        help_text=_("A consent of the person must cover this kind of organisation."),
    )
    service_kind = forms.ChoiceField(label=_("Service needed"), choices=ServiceKind.choices)
    need = forms.CharField(
        label=_("What is needed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Written for the receiving organisation, which sees only this note, the person's "
            "name, sex and age, and who referred them."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = organisations


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ReferralStatus.choices],
    )


class ReferralDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the referral is declined.")},
    )


class ReferralCompleteForm(forms.Form):
    service_given_on = forms.DateField(
        label=_("Service given on"), required=False, widget=DateInput()
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done; the sender reads it on the case."),
        error_messages={"required": _("Say what came of the referral.")},
    )


class TransferForm(forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("Transfer to"), queryset=None)
    to_region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=None,
        required=False,
        empty_label=_("The organisation's region"),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The receiver sees the person's name, age, program and this reason."),
        error_messages={"required": _("Say why the case is transferred.")},
    )

    def __init__(self, *args, organisations, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = organisations
        self.fields["to_region"].queryset = regions


class TransferDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the transfer is declined.")},
    )


class TransferCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
