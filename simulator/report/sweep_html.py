"""The sweep's HTML report: the tornado (sensitivity) chart and the grid's points.

One self-contained offline page, like ``report.html``: inline CSS and SVG, autoescaped text.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from simulator.experiment import SweepResult
from simulator.report import format as fmt
from simulator.report.templates import CSS, SWEEP_PAGE
from simulator.report.tornado import tornado_svg
from simulator.text import visible_value

_TEMPLATE = jinja2.Environment(
    autoescape=True, undefined=jinja2.StrictUndefined, finalize=visible_value
).from_string(SWEEP_PAGE)


def render_sweep_html(result: SweepResult) -> str:
    """The sweep report as one HTML page."""
    metric = result.parameters.metric
    points = [
        {
            "cells": [_shown(point.settings.get(p.path, "(baseline)")) for p in result.params],
            "metric": fmt.interval(point.headline(metric).value),
        }
        for point in result.points
    ]
    return _TEMPLATE.render(
        result=result,
        css=Markup(CSS),
        chart=Markup(tornado_svg(result)),
        points=points,
        metric_label=result.tornado.label,
    )


def _shown(value: object) -> object:
    return "unset" if value is None else value
