"""The access matrix applied to API routes (the same table as for pages)."""

from rest_framework import permissions

from reintegra.core.routes import PUBLIC, may_open, roles_allowed


class RouteMatrixPermission(permissions.BasePermission):
    """The access matrix for API routes (the same table as for pages)."""

    message = "Your role does not give access to this route."

    def has_permission(self, request, view) -> bool:
        match = request.resolver_match
        view_name = match.view_name if match else None
        if roles_allowed(view_name) == PUBLIC:
            return True
        return may_open(request.user, view_name)
