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
    bar, more = split_bar(sections)
    return {
        "nav_sections": sections,
        "nav_bar": bar,
        "nav_more": more,
        "nav_roles": access_context(user).grants,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }


# The bar's room, in characters of its labels: a bar of 1,280 pixels holds some 95 characters
# of labels with their padding, less the "More" button; labels are measured in the user's
# language, since Kazakh and Russian labels run longer than English ones.
BAR_CHARACTERS = 84
ITEM_PADDING = 4  # characters' worth of space around each label
BADGE = 3  # a count beside a label


def split_bar(sections: list[dict]) -> tuple[list[dict], list[dict]]:
    """The sections on the bar, and those under "More": reference pages go under "More" once
    the bar has enough of the user's own work, and so does whatever of that work no longer fits
    on one line (a bar that wraps hides its second line under the page's heading). A section
    with work waiting (a count: approvals, tasks) keeps its room on the bar first, so that the
    count is seen in a language whose labels run long as in one whose labels are short."""
    main = [s for s in sections if not s["more"] and s["route"] != "home"]
    reference = [s for s in sections if s["more"]]
    if len(main) < 4:
        return main + reference, []

    def width(section: dict) -> int:
        return len(str(section["label"])) + ITEM_PADDING + (BADGE if section.get("count") else 0)

    waiting = [s for s in main if s.get("count")]
    used = sum(width(s) for s in waiting)
    kept = {id(s) for s in waiting}
    for section in main:
        if id(section) in kept:
            continue
        if used + width(section) > BAR_CHARACTERS:
            break  # the rest of the bar's sections, in their order, go under "More"
        kept.add(id(section))
        used += width(section)
    bar = [s for s in main if id(s) in kept]
    return bar, [s for s in main if id(s) not in kept] + reference
