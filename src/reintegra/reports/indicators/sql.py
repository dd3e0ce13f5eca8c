"""Grouped counts in SQL: one query per indicator and disaggregation, whatever the size."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.expressions import Combinable

from reintegra.reports.indicators.base import Query, Row

Expression = str | Combinable


def organisation_tree_ids(code: str) -> list[int]:
    """The organisation with this code and all its branches (any depth)."""
    from reintegra.core.models import Organisation

    parents = dict(Organisation.objects.values_list("pk", "parent_id"))
    codes = dict(Organisation.objects.values_list("code", "pk"))
    root = codes.get(code)
    if root is None:
        return []
    tree, changed = {root}, True
    while changed:
        grown = {pk for pk, parent in parents.items() if parent in tree} | tree
        changed, tree = grown != tree, grown
    return sorted(tree)


def scoped(qs: QuerySet, query: Query, *, region: str, organisation: str) -> QuerySet:
    """Narrow to the query's region and organisation, by the given ORM paths."""
    if query.region and region == "case__region":
        # From the region's cases to their rows (each case's index), not from every row of the
        # period to its case: the same rows, read in the region's proportion.
        from reintegra.cases.models import Case

        qs = qs.filter(case__in=Case.objects.filter(region__code=query.region).values("pk"))
    elif query.region:
        qs = qs.filter(**{f"{region}__code": query.region})
    if query.organisation:
        qs = qs.filter(**{f"{organisation}_id__in": organisation_tree_ids(query.organisation)})
    return qs


def grouped_counts(
    qs: QuerySet,
    query: Query,
    expressions: Mapping[str, Expression],
    *,
    distinct: str | None = None,
    base: Q | None = None,
) -> Iterator[Row]:
    """Count rows of ``qs`` (or distinct values of ``distinct``) per combination of the query's
    disaggregations. With ``base``, rows count as the base of a share and those matching ``base``
    as its part."""
    field = distinct or "pk"
    # COUNT(*) rather than COUNT(id) (the same, the id is never null): a covering index
    # without the id then answers the count alone.
    count = Count(field, distinct=True) if distinct else Count("*")
    annotations = {f"d_{name}": expressions[name] for name in query.by}
    aggregates = {"n": count}
    if base is not None:
        aggregates = {"n": Count(field, filter=base, distinct=bool(distinct)), "b": count}
    if not annotations:
        values = qs.aggregate(**aggregates)
        yield Row((), values["n"] or 0, values.get("b"))
        return
    rows = qs.annotate(**annotations).values(*annotations).annotate(**aggregates).order_by()
    for row in rows:
        key = tuple(str(row[f"d_{name}"] or "") for name in query.by)
        yield Row(key, row["n"], row.get("b"))


def grouped_sums(
    qs: QuerySet, query: Query, expressions: Mapping[str, Expression], field: str
) -> Iterator[Row]:
    """Sum ``field`` of ``qs`` (a summary table's counts) per combination of the query's
    disaggregations: the rows ``grouped_counts`` gives over the rows summarised."""
    annotations = {f"d_{name}": expressions[name] for name in query.by}
    if not annotations:
        yield Row((), qs.aggregate(n=Sum(field))["n"] or 0)
        return
    rows = qs.annotate(**annotations).values(*annotations).annotate(n=Sum(field)).order_by()
    for row in rows:
        if row["n"]:  # no group of nothing, as a count gives none
            yield Row(tuple(str(row[f"d_{name}"] or "") for name in query.by), row["n"])
