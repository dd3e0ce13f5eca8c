from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from reintegra.audit.models import Event
from reintegra.audit.selectors import verify_chain
from reintegra.core.api import RestrictedViewSetMixin


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = [
            *("id", "seq", "at", "kind", "action", "actor", "actor_username"),
            *("actor_organisation", "object_type", "object_id", "object_repr", "changes"),
            *("reason", "ip_address", "prev_hash", "hash"),
        ]


class EventViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Event.objects.select_related("actor_organisation")
    serializer_class = EventSerializer
    filterset_fields = ["kind", "action", "actor_username", "object_type", "object_id"]
    search_fields = ["action", "actor_username", "object_repr"]
    ordering_fields = ["seq", "at"]
    ordering = ["-seq"]


@extend_schema(
    responses=inline_serializer(
        "ChainReport",
        {
            "ok": serializers.BooleanField(),
            "checked": serializers.IntegerField(),
            "head_hash": serializers.CharField(),
            "bad_seq": serializers.IntegerField(allow_null=True),
            "problem": serializers.CharField(),
        },
    )
)
@api_view(["GET"])
def audit_verify(request):
    """Check the hash chain of the whole audit trail."""
    report = verify_chain()
    return Response(
        {
            "ok": report.ok,
            "checked": report.checked,
            "head_hash": report.head_hash,
            "bad_seq": report.bad_seq,
            "problem": report.problem,
        }
    )
