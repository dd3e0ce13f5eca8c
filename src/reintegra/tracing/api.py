"""Read-only JSON API of tracing: people abroad (with statuses, evidence and the declaration
date) and imported lists with their rows; the same restrictions as the pages."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from reintegra.audit import services as audit
from reintegra.core.api import RestrictedViewSetMixin
from reintegra.returns.models import AbroadRecord, AbroadStatusEntry, Evidence
from reintegra.tracing.models import ImportBatch, ImportRow
from reintegra.tracing.selectors import declaration_for


class AbroadStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = AbroadStatusEntry
        fields = ["status", "since", "note"]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["kind", "date", "description", "source", "confidence"]


class AbroadRecordSerializer(serializers.ModelSerializer):
    statuses = AbroadStatusSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    declaration_date = serializers.SerializerMethodField()

    class Meta:
        model = AbroadRecord
        fields = [
            *("id", "person", "country", "last_news_on", "in_military_action"),
            *("statuses", "evidence", "declaration_date"),
        ]

    def get_declaration_date(self, record) -> str | None:
        current = record.current
        day = declaration_for(record, current.status if current else "").day
        return day.isoformat() if day else None


class AbroadRecordViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = AbroadRecord.objects.prefetch_related("statuses", "evidence")
    serializer_class = AbroadRecordSerializer
    filterset_fields = ["person", "country"]

    def retrieve(self, request, *args, **kwargs):
        audit.viewed(actor=request.user, obj=self.get_object().person, reason="abroad")
        return super().retrieve(request, *args, **kwargs)


class ImportBatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportBatch
        fields = [
            *("id", "source", "file_name", "columns", "mapping", "status", "progress"),
            *("row_count", "created_at", "matched_at"),
        ]


class ImportRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportRow
        fields = [
            *(
                "id",
                "batch",
                "line",
                "external_id",
                "family",
                "surname",
                "given_name",
                "patronymic",
            ),
            *("full_name", "sex", "birth_date", "script", "decision", "score", "status"),
            "person",
        ]


class ImportBatchViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = ImportBatch.objects.all()
    serializer_class = ImportBatchSerializer
    filterset_fields = ["status"]


class ImportRowViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = ImportRow.objects.all()
    serializer_class = ImportRowSerializer
    filterset_fields = ["batch", "decision", "status"]
