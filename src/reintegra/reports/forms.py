from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import Organisation


class PartnerExportForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("For the partner organisation"), queryset=Organisation.objects.none()
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        help_text=_("The first day of the period (empty: the program's start)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    as_of = forms.DateField(
        label=_("To"),
        required=False,
        help_text=_("The day the figures are for (empty: today)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", "XLSX"), ("csv", _("CSV (one file per table, zipped)"))],
        initial="xlsx",
    )

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners
            if partners.count() == 1:
                self.fields["partner"].initial = partners.first()

    def clean(self):
        data = super().clean()
        start, as_of = data.get("start"), data.get("as_of")
        if start and as_of and start > as_of:
            raise forms.ValidationError(_("The period starts after it ends."))
        return data
