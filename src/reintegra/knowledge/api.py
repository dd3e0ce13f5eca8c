"""JSON API of the knowledge centre: materials and topics, read only, restricted like the pages."""

from django.db.models import F, Prefetch
from rest_framework import serializers, viewsets

from reintegra.core.api import RestrictedViewSetMixin
from reintegra.knowledge.models import Material, MaterialText, QuestionAnswer, Topic


class TopicSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Topic
        fields = ["id", "code", "name", "name_kk", "name_ru", "name_en"]


class MaterialTextSerializer(serializers.ModelSerializer):
    class Meta:
        model = MaterialText
        fields = ["language", "title", "summary", "body"]


class QuestionAnswerSerializer(serializers.ModelSerializer):
    topic = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = QuestionAnswer
        fields = [
            *("id", "topic", "position", "question_kk", "question_ru", "question_en"),
            *("answer_kk", "answer_ru", "answer_en"),
        ]


class MaterialSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    texts = MaterialTextSerializer(source="current", many=True, read_only=True)
    pairs = QuestionAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Material
        fields = [
            *("id", "kind", "audience", "is_public", "status", "topics", "organisation"),
            *("author", "issued_on", "published_at", "revision", "texts", "pairs"),
        ]


class MaterialViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Material.objects.select_related("organisation").prefetch_related(
        "topics",
        Prefetch(
            "texts",
            queryset=MaterialText.objects.filter(revision=F("material__revision")),
            to_attr="current",
        ),
        Prefetch("pairs", queryset=QuestionAnswer.objects.select_related("topic")),
    )
    serializer_class = MaterialSerializer
    filterset_fields = ["kind", "audience", "status", "is_public", "topics"]
    ordering_fields = ["updated_at", "issued_on"]
    ordering = ["-updated_at", "pk"]


class TopicViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
