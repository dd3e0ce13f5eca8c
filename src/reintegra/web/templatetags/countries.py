"""A country's name, from the code a record keeps."""

from django import template

from reintegra.core.countries import country_name as _country_name

register = template.Library()


@register.filter
def country_name(code: str | None) -> str:
    return _country_name(code)
