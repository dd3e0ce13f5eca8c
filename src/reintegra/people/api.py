"""JSON API for people: the same restrictions as the pages; identity numbers masked unless the
user's membership carries the permission; a read of one person is an access entry."""

from rest_framework import serializers, viewsets

from reintegra.audit import services as audit
from reintegra.core.api import RestrictedViewSetMixin
from reintegra.people.models import IdentityDocument, Person, PersonName, Relationship
from reintegra.people.selectors import may_see_identity_numbers
from reintegra.returns.models import Return


class PersonSerializer(serializers.ModelSerializer):
    birth = serializers.SerializerMethodField()
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Person
        fields = [
            *("id", "display_name", "sex", "birth", "birth_date", "birth_date_precision"),
            *("birth_place", "citizenship", "vital_status", "region", "organisation"),
            *("version", "created_at", "updated_at"),
        ]

    def get_birth(self, person) -> str | None:
        return str(person.birth) if person.birth else None


class PersonNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonName
        fields = [
            *("id", "person", "surname", "given_name", "patronymic", "full_name"),
            *("script", "kind", "source"),
        ]


class IdentityDocumentSerializer(serializers.ModelSerializer):
    number = serializers.SerializerMethodField()

    class Meta:
        model = IdentityDocument
        fields = ["id", "person", "kind", "number", "issuer", "issued_on", "valid_until"]

    def get_number(self, document) -> str:
        request = self.context.get("request")
        if request is not None and may_see_identity_numbers(request.user):
            return document.number
        return document.masked_number


class RelationshipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Relationship
        fields = ["id", "person", "relative", "kind", "verification", "note"]


class ReturnSerializer(serializers.ModelSerializer):
    operation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    wave = serializers.IntegerField(source="wave.number", read_only=True, allow_null=True)

    class Meta:
        model = Return
        fields = [
            *("id", "person", "operation", "wave", "arrival_date", "arrival_point"),
            "origin_country",
        ]


class PersonViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Person.objects.select_related("region", "organisation")
    serializer_class = PersonSerializer
    filterset_fields = ["sex", "region", "vital_status", "citizenship"]
    ordering_fields = ["display_name", "birth_date", "created_at"]
    ordering_aliases = {"display_name": "sort_name"}  # the order of the Kazakh alphabet
    ordering = ["sort_name", "pk"]

    def retrieve(self, request, *args, **kwargs):
        audit.viewed(actor=request.user, obj=self.get_object())
        return super().retrieve(request, *args, **kwargs)


class PersonNameViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = PersonName.objects.all()
    serializer_class = PersonNameSerializer
    filterset_fields = ["person", "script", "kind"]


class IdentityDocumentViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = IdentityDocument.objects.all()
    serializer_class = IdentityDocumentSerializer
    filterset_fields = ["person", "kind"]


class RelationshipViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Relationship.objects.all()
    serializer_class = RelationshipSerializer
    filterset_fields = ["person", "relative", "kind", "verification"]


class ReturnViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Return.objects.select_related("operation", "wave")
    serializer_class = ReturnSerializer
    filterset_fields = ["person", "operation", "wave"]
    ordering_fields = ["arrival_date"]
