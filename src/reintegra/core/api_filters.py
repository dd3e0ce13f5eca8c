"""API filter backends. A module of its own: DRF imports its filter backends while its own
views module is loading, so this module may import nothing that imports the views."""

from rest_framework import filters


class OrderingFilter(filters.OrderingFilter):
    """DRF's ``?ordering=``, where a view may sort a field by another column that orders it
    better (``ordering_aliases``: a person's ``display_name`` by ``sort_name``, the order of the
    Kazakh alphabet, as the pages list people)."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        aliases = getattr(view, "ordering_aliases", {})
        if not ordering or not aliases:
            return ordering
        aliased = [
            ("-" if term.startswith("-") else "") + aliases.get(term.lstrip("-"), term.lstrip("-"))
            for term in ordering
        ]
        # People of one name are many: the key orders them, so that pages neither repeat nor
        # skip anyone.
        return aliased if {"pk", "-pk"} & set(aliased) else [*aliased, "pk"]
