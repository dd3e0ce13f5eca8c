"""Read-only JSON API of the legal register, restricted like the pages."""

from rest_framework import serializers, viewsets

from reintegra.core.api import RestrictedViewSetMixin
from reintegra.registry.models import BannedMaterial, BannedOrganisation


class BannedOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = BannedOrganisation
        fields = [
            *("id", "name_kk", "name_ru", "name_en", "aliases", "kind"),
            *("court", "decision_number", "decision_date", "in_force_from", "in_force_to"),
            *("source", "notes", "version"),
        ]


class BannedMaterialSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sha256 = serializers.SlugRelatedField(
        source="hashes", slug_field="sha256", many=True, read_only=True
    )
    addresses = serializers.SlugRelatedField(slug_field="address", many=True, read_only=True)

    class Meta:
        model = BannedMaterial
        fields = [
            *("id", "title", "kind", "court", "decision_number", "decision_date", "region"),
            *("banned_on", "sha256", "addresses", "notes", "version"),
        ]


class BannedOrganisationViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = BannedOrganisation.objects.all()
    serializer_class = BannedOrganisationSerializer
    search_fields = ["name_kk", "name_ru", "name_en", "keys__key"]
    filterset_fields = ["kind"]
    ordering_fields = ["name_en", "name_ru", "decision_date"]

    def get_queryset(self):
        return super().get_queryset().distinct()


class BannedMaterialViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = BannedMaterial.objects.select_related("region").prefetch_related(
        "hashes", "addresses"
    )
    serializer_class = BannedMaterialSerializer
    search_fields = ["title", "court", "decision_number"]
    filterset_fields = ["kind", "region"]
    ordering_fields = ["banned_on", "title"]
