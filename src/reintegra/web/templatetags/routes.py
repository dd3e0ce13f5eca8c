"""Whether the signed-in user may open a page: templates link only to pages they may open."""

from django import template

from reintegra.core.routes import may_open as route_may_open

register = template.Library()


@register.filter
def may_open(user, view_name: str) -> bool:
    """``{% if user|may_open:"tracing:batch_list" %}``: the access matrix's answer for ``user``."""
    return route_may_open(user, view_name)
