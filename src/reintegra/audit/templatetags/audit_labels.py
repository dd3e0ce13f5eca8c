"""An audit entry's action and object type in words (``reintegra.audit.actions``)."""

from django import template

from reintegra.audit import actions

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """``person.registered`` as "Person registered"; an unknown code as it is."""
    return actions.action_label(code)


@register.filter
def object_type_label(label: str) -> str:
    """``people.Person`` as "Person"; an unknown type as it is."""
    return actions.object_type_label(label)
