"""Contributions each domain app makes to shared pages, found by module name.

An app adds a home-page widget by defining `home_widgets(*, actor)` in `<app>/widgets.py`, its
periodic jobs as `PERIODIC_JOBS` in `<app>/periodic.py`, its demo data with `seed(bodies)` in
`<app>/demo.py`, and its rows of the access walk in `<app>/tests/walk.py`; nothing shared has to
be edited to add an app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps


def app_modules(name: str) -> list[ModuleType]:
    """The module `<app>.<name>` of every installed Phối Hợp app that has one, in
    INSTALLED_APPS order (so a later app's demo can use an earlier app's data)."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("phoihop."):
            continue
        dotted = f"{config.name}.{name}"
        try:
            found.append(import_module(dotted))
        except ModuleNotFoundError as exc:
            # Only a missing module of that name is "no contribution"; a broken import is a bug.
            if exc.name is None or not dotted.startswith(exc.name):
                raise
    return found


@dataclass(frozen=True)
class HomeWidget:
    """A card on the home page: `template` is rendered with `context` as `widget`.

    `order` places it: counts first (programmes 10, organisations 15), then the queues of each
    app (20–59), the site's roles and everyday links (60), then longer lists (70 and up).
    """

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


def home_widgets(*, actor) -> list[HomeWidget]:
    widgets = [w for module in app_modules("widgets") for w in module.home_widgets(actor=actor)]
    return sorted(widgets, key=lambda widget: widget.order)


@dataclass(frozen=True)
class ReportFigure:
    """One statistic a capability contributes to reports (RPT) for a body and a period.

    `section` places it in the seed report: "regular" (I.1.1, the regular contents) or "issue"
    (I.1.2, the handling of prominent issues). `sentence` is the Vietnamese sentence the
    pre-filled report uses; `label` and `value` fill the statistics table.
    """

    key: str
    label: str
    value: int | float | str
    sentence: str
    section: str = "regular"


def report_figures(*, path: str, start, end) -> list[ReportFigure]:
    """Every app's figures (`<app>/statistics.py: report_figures(*, path, start, end)`) for the
    bodies whose tree path starts with `path`, over the dates `start`..`end` inclusive."""
    return [
        figure
        for module in app_modules("statistics")
        for figure in module.report_figures(path=path, start=start, end=end)
    ]


NO_BODY = "-"  # no tree path starts with it (paths are digits)


def figure_catalogue() -> dict[str, str]:
    """Every figure key the installed apps produce, with its label: what evaluation criteria
    may name. The figures every app gives even over no body at all, and those an app declares
    it gives only when there is data (`CONDITIONAL_FIGURES` of its statistics module)."""
    today = date.today()
    catalogue = {f.key: f.label for f in report_figures(path=NO_BODY, start=today, end=today)}
    for module in app_modules("statistics"):
        catalogue.update(getattr(module, "CONDITIONAL_FIGURES", {}))
    return catalogue
