from django.conf import settings

from reintegra.cases.emergency import emergency_access_overseen
from reintegra.cases.selectors import work_counts
from reintegra.core.access import access_context
from reintegra.web.navigation import visible_sections


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "nav_roles": []}
    sections = visible_sections(user)
    routes = {section["route"] for section in sections}
    if routes & {"cases:task_list", "cases:approval_list"}:
        counts = work_counts(user)
        badges = {"cases:task_list": counts.waiting, "cases:approval_list": counts.approvals}
        for section in sections:
            section["count"] = badges.get(section["route"], 0)
            section["overdue"] = counts.overdue if section["route"] == "cases:task_list" else 0
    if "cases:emergency_list" in routes:
        in_force = emergency_access_overseen(user).in_force().count()
        for section in sections:
            if section["route"] == "cases:emergency_list":
                section["count"], section["overdue"] = in_force, in_force
    # Reference pages go under "More" only when the bar has enough of the user's own work.
    main = [s for s in sections if not s["more"] and s["route"] != "home"]
    more = [s for s in sections if s["more"]] if len(main) >= 4 else []
    return {
        "nav_sections": sections,
        "nav_more": more,
        "nav_roles": access_context(user).grants,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
