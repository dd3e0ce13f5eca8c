"""JSON API for cases, observations and consents, restricted like the pages."""

from django.db.models import Prefetch
from django.utils import timezone
from rest_framework import serializers, viewsets

from reintegra.audit import services as audit
from reintegra.cases.models import (
    Approval,
    Case,
    Consent,
    EmergencyAccess,
    Goal,
    Observation,
    Plan,
    Service,
    Task,
)
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


class GoalSerializer(serializers.ModelSerializer):
    responsible = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "domain", "description", "actions", "responsible", "due_on", "status"]


class PlanSerializer(serializers.ModelSerializer):
    goals = GoalSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "case", "status", "review_on", "approved_on", "created_at", "goals"]


class PlanViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Plan.objects.prefetch_related(
        Prefetch("goals", queryset=Goal.objects.select_related("responsible"))
    )
    serializer_class = PlanSerializer
    filterset_fields = ["case", "status"]
    ordering = ["-created_at", "-pk"]


class ApprovalSerializer(serializers.ModelSerializer):
    requested_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Approval
        fields = [
            *("id", "case", "kind", "subject_id", "status", "requested_by", "requested_at"),
            *("request_note", "follow_ups", "decided_by", "decided_at", "comment"),
        ]


class ApprovalViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Approval.objects.select_related("requested_by", "decided_by")
    serializer_class = ApprovalSerializer
    filterset_fields = ["case", "kind", "status"]
    ordering = ["-requested_at", "-pk"]


class TaskSerializer(serializers.ModelSerializer):
    assigned_to = serializers.SlugRelatedField(slug_field="username", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            *("id", "case", "kind", "title", "due_on", "assigned_to", "done_at", "overdue"),
        ]

    def get_overdue(self, task) -> bool:
        return task.done_at is None and task.due_on < timezone.localdate()


class TaskViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Task.objects.select_related("assigned_to")
    serializer_class = TaskSerializer
    filterset_fields = ["case", "kind", "assigned_to"]
    ordering = ["due_on", "pk"]


class EmergencyAccessSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    in_force = serializers.BooleanField(read_only=True)

    class Meta:
        model = EmergencyAccess
        fields = ["id", "case", "user", "reason", "granted_at", "expires_at", "ended_at"]
        fields += ["in_force"]


class EmergencyAccessViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Grants the user holds, and those a coordinator or an auditor oversees."""

    queryset = EmergencyAccess.objects.select_related("user")
    serializer_class = EmergencyAccessSerializer
    filterset_fields = ["case", "user"]
    ordering = ["-granted_at", "-pk"]
