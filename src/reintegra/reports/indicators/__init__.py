"""The indicator registry; importing this package registers every indicator."""

# The order of import is the order in which reports list the indicators.
from reintegra.reports.indicators import returns  # noqa: F401, I001
from reintegra.reports.indicators import casework  # noqa: F401
from reintegra.reports.indicators import activities  # noqa: F401
from reintegra.reports.indicators import abroad  # noqa: F401
from reintegra.reports.indicators.base import (
    COUNT,
    FLOW,
    PERCENT,
    PROGRAM_START,
    REGISTRY,
    STOCK,
    BadQuery,
    Indicator,
    Query,
    Row,
    Table,
    UnknownIndicator,
    evaluate,
    get,
    percent,
)

__all__ = [
    "COUNT",
    "FLOW",
    "PERCENT",
    "PROGRAM_START",
    "REGISTRY",
    "STOCK",
    "BadQuery",
    "Indicator",
    "Query",
    "Row",
    "Table",
    "UnknownIndicator",
    "evaluate",
    "get",
    "percent",
]
