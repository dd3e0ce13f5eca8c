"""JSON API for assessment instruments and assessments with their answers, read-only and
restricted like the pages. Answers are given as the chosen options; no figure is derived."""

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from reintegra.audit import services as audit
from reintegra.cases.models import (
    Answer,
    Assessment,
    Instrument,
    InstrumentDomain,
    InstrumentItem,
    NeedDecision,
    ScaleOption,
)
from reintegra.core.api import RestrictedViewSetMixin


class ScaleOptionSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = ScaleOption
        fields = ["code", "label", "label_kk", "label_ru", "label_en"]


class ItemSerializer(serializers.ModelSerializer):
    text = serializers.CharField(read_only=True)
    guidance = serializers.CharField(read_only=True)
    scale = serializers.SlugRelatedField(slug_field="code", read_only=True)
    options = ScaleOptionSerializer(source="scale.options", many=True, read_only=True)

    class Meta:
        model = InstrumentItem
        fields = [
            *("id", "code", "text", "text_kk", "text_ru", "text_en"),
            *("guidance", "guidance_kk", "guidance_ru", "guidance_en", "scale", "options"),
        ]


class DomainSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    guidance = serializers.CharField(read_only=True)
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = InstrumentDomain
        fields = [
            *("code", "name", "name_kk", "name_ru", "name_en"),
            *("guidance", "guidance_kk", "guidance_ru", "guidance_en", "items"),
        ]


class InstrumentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    domains = DomainSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = [
            *("id", "code", "name", "name_kk", "name_ru", "name_en", "purpose", "is_active"),
            "domains",
        ]


class InstrumentViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Instrument.objects.prefetch_related(
        Prefetch(
            "domains__items",
            queryset=InstrumentItem.objects.select_related("scale").prefetch_related(
                "scale__options"
            ),
        )
    )
    serializer_class = InstrumentSerializer
    filterset_fields = ["purpose", "is_active"]


class AnswerSerializer(serializers.ModelSerializer):
    domain = serializers.CharField(source="item.domain.code", read_only=True)
    item = serializers.CharField(source="item.code", read_only=True)
    item_text = serializers.CharField(source="item.text", read_only=True)
    option = serializers.CharField(source="option.code", read_only=True)
    option_label = serializers.CharField(source="option.label", read_only=True)

    class Meta:
        model = Answer
        fields = ["domain", "item", "item_text", "option", "option_label", "comment"]


class NeedDecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = NeedDecision
        fields = ["id", "level", "decided_on", "decided_by", "rationale"]


class AssessmentSerializer(serializers.ModelSerializer):
    instrument = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assessor = serializers.SlugRelatedField(slug_field="username", read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)
    need_decisions = NeedDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = [
            *("id", "case", "instrument", "assessor", "assessed_on", "status", "judgement"),
            *("next_reassessment_on", "completed_at", "answers", "need_decisions"),
        ]


class AssessmentViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Assessment.objects.select_related("instrument", "assessor").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("item__domain", "option")),
        Prefetch("need_decisions", queryset=NeedDecision.objects.select_related("decided_by")),
    )
    serializer_class = AssessmentSerializer
    filterset_fields = ["case", "instrument", "status"]
    ordering_fields = ["assessed_on"]
    ordering = ["-assessed_on", "-pk"]

    def retrieve(self, request, *args, **kwargs):
        audit.viewed(actor=request.user, obj=self.get_object())
        return super().retrieve(request, *args, **kwargs)
