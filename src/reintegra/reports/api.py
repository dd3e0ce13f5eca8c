"""The indicators over the JSON API: the same functions as the dashboards and the exports."""

from __future__ import annotations

from django.core.exceptions import BadRequest, PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from reintegra.reports import selectors
from reintegra.reports.indicators import REGISTRY, BadQuery, Query, UnknownIndicator, get
from reintegra.reports.suppression import suppress

DEFINITION_FIELDS = {
    "code": serializers.CharField(),
    "title": serializers.CharField(),
    "description": serializers.CharField(),
    "unit": serializers.ChoiceField(choices=["count", "percent"]),
    "kind": serializers.ChoiceField(choices=["stock", "flow"]),
    "disaggregations": serializers.ListField(child=serializers.CharField()),
}
IndicatorTable = inline_serializer(
    "IndicatorTable",
    {
        "indicator": serializers.CharField(),
        "unit": serializers.CharField(),
        "query": serializers.DictField(),
        "total": serializers.DictField(),
        "rows": serializers.ListField(child=serializers.DictField()),
    },
)


def _definition(code: str) -> dict:
    indicator = REGISTRY[code]
    return {
        "code": code,
        "title": str(indicator.title),
        "description": indicator.description,
        "unit": indicator.unit,
        "kind": indicator.kind,
        "disaggregations": list(indicator.disaggregations),
    }


class IndicatorViewSet(viewsets.ViewSet):
    """The program's indicators. A figure is the same here, on the dashboards and in exports."""

    lookup_value_regex = r"[a-z_]+\.[a-z_]+"

    @extend_schema(responses=inline_serializer("IndicatorDefinition", DEFINITION_FIELDS, many=True))
    def list(self, request):
        if not selectors.allowed_scopes(request.user):
            raise PermissionDenied(_("You do not see aggregate figures."))
        return Response([_definition(code) for code in REGISTRY])

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "scope",
                OpenApiTypes.STR,
                description="national, region:<code> or organisation:<code>",
            ),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="the day (default today)"),
            OpenApiParameter("from", OpenApiTypes.DATE, description="first day of the period"),
            OpenApiParameter(
                "by", OpenApiTypes.STR, description="disaggregations, comma-separated"
            ),
        ],
        responses=IndicatorTable,
    )
    def retrieve(self, request, pk=None):
        try:
            indicator = get(pk)
        except UnknownIndicator:
            raise NotFound(f"no indicator {pk}") from None
        try:
            scope = selectors.scope_from_request(request)
        except BadRequest as exc:
            raise ValidationError({"scope": str(exc)}) from exc
        params = {"from": request.query_params.get("from"), "to": request.query_params.get("as_of")}
        start, as_of, errors = selectors.period_from(params)
        if errors:
            raise ValidationError({("as_of" if k == "to" else k): v for k, v in errors.items()})
        by = tuple(d for d in (request.query_params.get("by") or "").split(",") if d)
        query = Query(
            as_of=as_of, start=start, by=by, region=scope.region, organisation=scope.organisation
        )
        try:
            table = indicator.evaluate(query)
        except BadQuery as exc:
            raise ValidationError({"by": str(exc)}) from exc
        if selectors.suppressed_only(request.user):
            if len(by) > 2:
                raise ValidationError({"by": _("Partners receive at most two disaggregations.")})
            return Response({"query": query.as_dict(), **suppress(table).as_published()})
        return Response(table.as_dict())
