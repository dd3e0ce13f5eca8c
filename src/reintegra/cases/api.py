"""JSON API for cases, observations and consents, restricted like the pages."""

from rest_framework import serializers, viewsets

from reintegra.audit import services as audit
from reintegra.cases.models import Case, Consent, Observation, Service
from reintegra.cases.selectors import may_read_note, readable_note_cases
from reintegra.core.api import RestrictedViewSetMixin


class CaseSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    case_worker = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Case
        fields = [
            *("id", "person", "program", "status", "organisation", "region", "case_worker"),
            *("opened_on", "closed_on", "closure_reason", "version"),
        ]


class ObservationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Observation
        fields = ["id", "person", "case", "dimension", "value", "valid_from", "valid_to", "source"]


class ConsentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Consent
        fields = [
            *("id", "person", "recipient_kinds", "purpose", "given_on", "withdrawn_on"),
            "given_by",
        ]


class CaseViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Case.objects.select_related("organisation", "region", "case_worker")
    serializer_class = CaseSerializer
    filterset_fields = ["person", "program", "status", "region", "organisation", "case_worker"]
    ordering_fields = ["opened_on", "closed_on"]
    ordering = ["-opened_on", "pk"]

    def retrieve(self, request, *args, **kwargs):
        audit.viewed(actor=request.user, obj=self.get_object())
        return super().retrieve(request, *args, **kwargs)


class ObservationViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Observation.objects.all()
    serializer_class = ObservationSerializer
    filterset_fields = ["person", "case", "dimension", "value"]
    ordering_fields = ["valid_from"]
    ordering = ["person", "dimension", "valid_from"]


class ConsentViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Consent.objects.all()
    serializer_class = ConsentSerializer
    filterset_fields = ["person"]


class ServiceSerializer(serializers.ModelSerializer):
    confidential_note = serializers.SerializerMethodField()
    provider = serializers.SlugRelatedField(slug_field="username", read_only=True)
    provider_organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Service
        fields = [
            *("id", "case", "kind", "date", "duration_minutes", "provider"),
            *("provider_organisation", "outcome", "confidential_note", "note_profession"),
        ]

    def get_confidential_note(self, service) -> str | None:
        """The note only for team members of its profession; null for everybody else."""
        note_access = self.context.get("note_access")
        if note_access is None:
            note_access = readable_note_cases(self.context["request"].user)
        return service.confidential_note if may_read_note(note_access, service) else None


class ServiceViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Service.objects.select_related("provider", "provider_organisation")
    serializer_class = ServiceSerializer
    filterset_fields = ["case", "kind", "date"]
    ordering_fields = ["date"]
    ordering = ["-date", "-pk"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["note_access"] = readable_note_cases(self.request.user)
        return context
