"""Applies the access matrix to every page before its view runs."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from reintegra.core.routes import PUBLIC, may_open, roles_allowed


class RouteAccessMiddleware:
    """Pages follow ``routes.ACCESS_MATRIX``; API routes are checked by ``RouteMatrixPermission``,
    because token authentication happens inside the API views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        view_name = match.view_name if match else None
        if match is not None and "api" in match.namespaces:
            return None
        rule = roles_allowed(view_name)
        if rule == PUBLIC:
            return None
        if rule is not None and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if may_open(request.user, view_name):
            return None
        raise PermissionDenied
