from django.conf import settings

from reintegra.core.access import access_context
from reintegra.web.navigation import visible_sections


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "nav_roles": []}
    return {
        "nav_sections": visible_sections(user),
        "nav_roles": access_context(user).grants,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
