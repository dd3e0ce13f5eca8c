"""Read-only JSON API of referrals and transfers.

Both sides read the same few fields; the case is named only to users who reach it anyway.
"""

from rest_framework import serializers, viewsets

from reintegra.cases.models import Referral, Transfer
from reintegra.cases.referral_selectors import (
    REFERRAL_RELATED,
    TRANSFER_RELATED,
    age_of,
    with_case_visible,
)
from reintegra.core.api import RestrictedViewSetMixin


class ReferredPersonSerializer(serializers.Serializer):
    """What a receiver needs of the person: no identifiers, no case."""

    display_name = serializers.CharField()
    sex = serializers.CharField()
    birth_year = serializers.SerializerMethodField()
    age = serializers.SerializerMethodField()

    def get_birth_year(self, person) -> int | None:
        return person.birth_date.year if person.birth_date else None

    def get_age(self, person) -> int | None:
        return age_of(person)


def case_if_visible(row) -> int | None:
    """The case id for users who reach the case (the sender); null for the receiver."""
    return row.case_id if getattr(row, "case_visible", False) else None


class ReferralSerializer(serializers.ModelSerializer):
    case = serializers.SerializerMethodField()
    person = ReferredPersonSerializer(source="case.person", read_only=True)
    from_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    to_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    requested_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    def get_case(self, referral) -> int | None:
        return case_if_visible(referral)

    class Meta:
        model = Referral
        fields = [
            *("id", "case", "person", "service_kind", "need", "status"),
            *("from_organisation", "to_organisation", "requested_by", "requested_at"),
            *("decided_at", "decline_reason", "completed_at", "service_given_on", "outcome"),
        ]


class TransferSerializer(serializers.ModelSerializer):
    case = serializers.SerializerMethodField()
    person = ReferredPersonSerializer(source="case.person", read_only=True)
    program = serializers.CharField(source="case.program", read_only=True)
    from_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    from_region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    to_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    to_region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    requested_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    def get_case(self, transfer) -> int | None:
        return case_if_visible(transfer)

    class Meta:
        model = Transfer
        fields = [
            *("id", "case", "person", "program", "status", "reason"),
            *("from_organisation", "from_region", "to_organisation", "to_region"),
            *("requested_by", "requested_at", "decided_by", "decided_at", "decision_note"),
        ]


class ReferralViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Referral.objects.select_related(*REFERRAL_RELATED)
    serializer_class = ReferralSerializer
    filterset_fields = ["status", "service_kind", "to_organisation", "from_organisation"]
    ordering_fields = ["requested_at"]
    ordering = ["-requested_at", "-pk"]

    def get_queryset(self):
        return with_case_visible(super().get_queryset(), self.request.user)


class TransferViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Transfer.objects.select_related(*TRANSFER_RELATED)
    serializer_class = TransferSerializer
    filterset_fields = ["status", "to_organisation", "from_organisation"]
    ordering_fields = ["requested_at"]
    ordering = ["-requested_at", "-pk"]

    def get_queryset(self):
        return with_case_visible(super().get_queryset(), self.request.user)
