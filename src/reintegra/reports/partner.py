"""What partners receive: the national dashboard's tables, and two cross-tables, every one of
them suppressed (``suppression.suppress``) and each kept as a PublishedFigure."""

from __future__ import annotations

from reintegra.reports.dashboards import PANELS, Panel

PARTNER_PANELS: tuple[Panel, ...] = (
    *PANELS,
    Panel("returns.returned", ("region", "category")),
    Panel("cases.open", ("region", "program")),
)
