from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.audit.models import EventKind
from reintegra.web.forms import DateInput


class EventFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor's login"), required=False, max_length=150)
    action = forms.CharField(label=_("Action"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=100)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data
