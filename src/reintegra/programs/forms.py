from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import Organisation, OrganisationKind, Region
from reintegra.programs.models import (
    AGE_GROUPS,
    ActivityKind,
    Channel,
    ParticipantSex,
    TargetGroup,
    TargetMetric,
)
from reintegra.web.forms import DateInput

# Upper bounds that no real figure reaches, so a typo is refused rather than stored.
MAX_PEOPLE = 10_000_000
MAX_TEAM = 1_000
MAX_REACH = 1_000_000_000


def count_field_name(sex: str, age_group: str) -> str:
    return f"count_{sex}_{age_group.replace('-', '_').replace('+', '_plus')}"


COUNT_FIELDS = [(sex, age, count_field_name(sex, age)) for sex in ParticipantSex.values
                for age in AGE_GROUPS]  # fmt: skip

# Fields shown only for one kind of activity: the page hides the others (the service refuses
# them anyway).
KIND_FIELDSETS = {
    ActivityKind.PENAL_MEETING: ("institution",),
    ActivityKind.PUBLICATION: ("channel", "reach"),
    ActivityKind.STUDENTS_ABROAD: ("students_reached", "students_returned", "students_gave_up"),
    ActivityKind.EXCHANGE_VISIT: ("delegation", "country"),
}


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by title"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ActivityKind.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All organisations"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.none(),
        empty_label=_("All regions"),
    )

    def __init__(self, *args, years, organisations, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(y, y) for y in years]]
        self.fields["organisation"].queryset = organisations
        self.fields["region"].queryset = regions


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *ActivityKind.choices])
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_on = forms.DateField(
        label=_("Date"), widget=DateInput(), help_text=_("The day, or the first day of a period.")
    )
    ends_on = forms.DateField(
        label=_("Until"),
        widget=DateInput(),
        required=False,
        help_text=_("The last day, for an activity over a period."),
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("Empty: the organisation's region."),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", "—"), *TargetGroup.choices], required=False
    )
    participants = forms.IntegerField(
        label=_("Participants in all"),
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
        help_text=_(
            "Empty: the sum of the counts by sex and age. For a tournament with teams: the "
            "players of its teams."
        ),
    )
    institution = forms.ModelChoiceField(
        label=_("Penal institution"), queryset=Organisation.objects.none(), required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", "—"), *Channel.choices], required=False
    )
    reach = forms.IntegerField(label=_("Reach"), min_value=0, max_value=MAX_REACH, required=False)
    students_reached = forms.IntegerField(
        label=_("Students reached"), min_value=0, max_value=MAX_PEOPLE, required=False
    )
    students_returned = forms.IntegerField(
        label=_("Students who returned"), min_value=0, max_value=MAX_PEOPLE, required=False
    )
    students_gave_up = forms.IntegerField(
        label=_("Students who gave up their plans"),
        min_value=0,
        max_value=MAX_PEOPLE,
        required=False,
    )
    delegation = forms.CharField(label=_("Delegation"), max_length=300, required=False)
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["institution"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.PENAL_INSTITUTION, is_active=True
        )
        for sex, age, name in COUNT_FIELDS:
            self.fields[name] = forms.IntegerField(
                label=f"{ParticipantSex(sex).label}, {age}",
                min_value=0,
                max_value=MAX_PEOPLE,
                required=False,
            )
        for kind, names in KIND_FIELDSETS.items():
            for name in names:
                self.fields[name].widget.attrs["data-kind"] = kind

    @property
    def main_fields(self):
        names = ("kind", "title", "starts_on", "ends_on", "organisation", "region", "place",
                 "target_group")  # fmt: skip
        return [self[name] for name in names]

    @property
    def kind_fields(self):
        return [
            {"kind": kind, "label": ActivityKind(kind).label, "fields": [self[n] for n in names]}
            for kind, names in KIND_FIELDSETS.items()
        ]

    age_groups = AGE_GROUPS

    @property
    def count_rows(self):
        """The participant counts as a grid: one row per sex, one column per age group."""
        return [
            {
                "label": ParticipantSex(sex).label,
                "fields": [self[count_field_name(sex, age)] for age in AGE_GROUPS],
            }
            for sex in ParticipantSex.values
        ]

    @staticmethod
    def initial_from(activity) -> dict:
        initial = {name: getattr(activity, name) for name in (
            "kind", "title", "starts_on", "ends_on", "place", "target_group",
            "participants", "channel", "reach", "students_reached", "students_returned",
            "students_gave_up", "delegation", "country", "notes", "version")}  # fmt: skip
        initial |= {
            "organisation": activity.organisation_id,
            "region": activity.region_id,
            "institution": activity.institution_id,
        }
        for count in activity.counts.all():
            initial[count_field_name(count.sex, count.age_group)] = count.count
        return initial

    def service_data(self) -> dict:
        """The cleaned data as the service takes it: counts by (sex, age group)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        counts = {}
        for sex, age, name in COUNT_FIELDS:
            value = data.pop(name, None)
            if value:
                counts[(sex, age)] = value
        data["counts"] = counts
        return data


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team"), max_length=200)
    mosque = forms.CharField(label=_("Mosque"), max_length=200, required=False)
    players = forms.IntegerField(label=_("Players"), min_value=1, max_value=MAX_TEAM)
    adherents = forms.IntegerField(
        label=_("Adherents among them"),
        min_value=0,
        max_value=MAX_TEAM,
        initial=0,
        help_text=_("Players who are adherents of destructive movements."),
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a person by name"), max_length=100)


class TargetForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    metric = forms.ChoiceField(label=_("Measured by"), choices=TargetMetric.choices)
    activity_kind = forms.ChoiceField(
        label=_("Kind of activity"),
        choices=[("", _("every kind")), *ActivityKind.choices],
        required=False,
        help_text=_("For activities and participants only."),
    )
    value = forms.IntegerField(label=_("Target"), min_value=1, max_value=MAX_REACH)

    def __init__(self, *args, organisations, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("year", timezone.localdate().year)
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
