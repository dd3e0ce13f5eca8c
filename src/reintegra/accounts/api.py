from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from reintegra.accounts.models import Membership, User
from reintegra.accounts.selectors import membership_list


class MembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Membership
        fields = [
            *("id", "organisation", "role", "scope", "permissions"),
            *("valid_from", "valid_until", "revoked_at"),
        ]


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            *("id", "username", "first_name", "last_name", "email"),
            *("profession", "language", "memberships"),
        ]

    def get_memberships(self, user) -> list[dict]:
        memberships = membership_list(user=user, of_user=user)
        return MembershipSerializer(memberships, many=True).data


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request):
    """The signed-in user, with their memberships."""
    return Response(MeSerializer(request.user).data)
