"""The sweep's HTML report: the tornado (sensitivity) chart and the grid's points.

One self-contained offline page, like ``report.html``: inline CSS and SVG, autoescaped text.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from simulator.experiment import SweepResult
from simulator.report import format as fmt
from simulator.report.templates import CSS
from simulator.report.tornado import tornado_svg

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sensitivity — {{ result.scenario }}</title>
<style>{{ css }}</style></head>
<body><header class="top"><div class="wrap">
<p class="eyebrow">sovsim · sensitivity sweep</p><h1>{{ result.scenario }}</h1>
<p class="meta">seed {{ result.parameters.seed }} · {{ result.parameters.replications }} replications per point ·
{{ points|length }} points · metric {{ metric_label }} · sovsim {{ result.parameters.sovsim_version }}</p>
</div></header>
<main class="wrap">
<section id="tornado" class="card"><h2>Which assumption moves the result most</h2>
<p class="lead">Each parameter is moved alone from the baseline to its lowest and highest value, on the
same random numbers; bars show the metric at both ends with 95 % confidence intervals.</p>
{{ chart }}</section>
<section id="points" class="card"><h2>Every point of the grid</h2>
<table><thead><tr>{% for p in result.params %}<th>{{ p.path }}</th>{% endfor %}<th>{{ metric_label }}</th></tr></thead>
<tbody>{% for row in points %}<tr>{% for value in row.cells %}<td><code>{{ value }}</code></td>{% endfor %}
<td class="num">{{ row.metric }}</td></tr>{% endfor %}</tbody></table></section>
<section id="parameters" class="card"><h2>Parameters</h2>
<p>Baseline scenario hash <code>{{ result.scenario_hash }}</code>. Swept values are assumptions the
report varies; see each scenario's assumptions in its own run report.</p></section>
</main></body></html>
"""
_TEMPLATE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(_PAGE)


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
