"""API building blocks shared by every app, and the reference-data endpoints."""

from rest_framework import serializers, viewsets

from reintegra.core.models import Organisation, Region


class RestrictedViewSetMixin:
    """Viewsets list and fetch only what ``restrict(user, action)`` lets the user see."""

    restrict_action = "view"

    def get_queryset(self):
        return self.queryset.restrict(self.request.user, self.restrict_action)


class RegionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Region
        fields = ["id", "code", "kind", "name", "name_kk", "name_ru", "name_en"]


class OrganisationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            *("id", "code", "kind", "name", "name_kk", "name_ru", "name_en"),
            *("region", "parent", "is_active"),
        ]


class RegionViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    ordering_fields = ["sort_order", "code"]
    filterset_fields = ["kind"]


class OrganisationViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Organisation.objects.select_related("region", "parent")
    serializer_class = OrganisationSerializer
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    ordering_fields = ["code", "name_en"]
    filterset_fields = ["kind", "region", "is_active"]
