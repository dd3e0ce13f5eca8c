from __future__ import annotations

from django.db.models import QuerySet

from reintegra.accounts.models import Membership, User


def membership_list(*, user: User, of_user: User | None = None) -> QuerySet[Membership]:
    qs = Membership.objects.restrict(user, "view").select_related("organisation", "user")
    if of_user is not None:
        qs = qs.filter(user=of_user)
    return qs.order_by("-valid_from", "pk")
