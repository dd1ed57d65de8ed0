"""The tornado (sensitivity) chart of a sweep, as inline SVG.

One row per swept parameter, widest swing first. Each row is a bar from the headline metric
with the parameter alone at its lowest value to the metric at its highest value, drawn
around a dashed line at the baseline (the scenario as given); the two halves are coloured
by which end of the parameter they come from, and each end carries its value and a tooltip
with the paired difference against the baseline (95 % CI, common random numbers). Every
text goes through :func:`~simulator.report.svg.esc`. The chart only reads the
:class:`~simulator.experiment.sweep.SweepResult`; it computes nothing but positions.
"""

from __future__ import annotations

import json

from simulator.experiment import SweepResult, TornadoBar
from simulator.experiment.result import Interval
from simulator.report.svg import GRID, MUTED, Svg, compact, nice_ticks, symmetric_ticks, truncate

LOW_COLOUR = "#0072B2"
"""Parameter at its lowest value (Okabe–Ito blue)."""
HIGH_COLOUR = "#D55E00"
"""Parameter at its highest value (Okabe–Ito vermillion)."""


def _value(value: object) -> str:
    if value is None:
        return "unset"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _ci(interval: Interval) -> str:
    if interval.half_width is None:
        return compact(interval.mean)
    return f"{compact(interval.mean)} ± {compact(interval.half_width)}"


def _tip(bar: TornadoBar, end: str, unit: str) -> str:
    value = bar.low_value if end == "low" else bar.high_value
    level = bar.low if end == "low" else bar.high
    difference = bar.low_difference if end == "low" else bar.high_difference
    return (
        f"{bar.path} = {_value(value)}: {_ci(level)} {unit}; vs baseline {_ci(difference)} (paired, 95 % CI)"
    )


def tornado_svg(sweep_result: SweepResult, chart_id: str = "tornado") -> str:
    """Inline SVG of the sweep's tornado chart (empty-state message when nothing was swept)."""
    tornado = sweep_result.tornado
    title = f"Sensitivity of {tornado.label} to the swept parameters"
    description = (
        f"Tornado chart for {sweep_result.scenario}: for each parameter, moved alone from the baseline, "
        f"the {tornado.label} ({tornado.unit}) at its lowest and highest value; baseline "
        f"{_ci(tornado.baseline)}; {sweep_result.parameters.replications} replications, seed "
        f"{sweep_result.parameters.seed}."
    )
    bars = tornado.bars
    if not bars:
        svg = Svg(chart_id, 640, 60, title, description)
        svg.text(16, 34, "No parameter was swept.", fill=MUTED)
        return svg.render()

    base = tornado.baseline.mean
    values = [base] + [bar.low.mean for bar in bars] + [bar.high.mean for bar in bars]
    lo, hi = min(values), max(values)
    ticks = symmetric_ticks(lo, hi, 6) if lo < 0 else nice_ticks(hi, 6)
    if lo >= 0 and lo > 0.5 * hi:
        ticks = symmetric_ticks(lo, hi, 6)  # zoom in when every value sits far from zero
    lo, hi = ticks[0], ticks[-1]
    if hi == lo:
        hi = lo + 1

    left, top, row_h, plot_w, right = 280, 34, 36, 420, 40
    axis_y = top + len(bars) * row_h
    width = left + plot_w + right
    svg = Svg(chart_id, width, axis_y + 70, title, description)

    def px(value: float) -> float:
        return left + (value - lo) / (hi - lo) * plot_w

    # Legend.
    svg.add("rect", x=float(left), y=8.0, width=12.0, height=12.0, fill=LOW_COLOUR)
    svg.text(left + 18, 18, "lowest value", size=11.5, fill=MUTED)
    svg.add("rect", x=float(left + 120), y=8.0, width=12.0, height=12.0, fill=HIGH_COLOUR)
    svg.text(left + 138, 18, "highest value", size=11.5, fill=MUTED)

    for tick in ticks:
        svg.add("line", x1=px(tick), x2=px(tick), y1=top - 4, y2=axis_y, stroke=GRID)
        svg.text(px(tick), axis_y + 15, compact(tick), size=11, anchor="middle", fill=MUTED)
    svg.text(
        left + plot_w / 2,
        axis_y + 34,
        f"{tornado.label} ({tornado.unit})",
        size=12,
        anchor="middle",
        fill=MUTED,
    )
    svg.text(px(base), axis_y + 52, f"baseline {compact(base)}", size=11, anchor="middle", fill=MUTED)

    for i, bar in enumerate(bars):
        y = top + i * row_h + row_h / 2
        if i % 2 == 0:
            svg.add("rect", x=0.0, y=y - row_h / 2, width=float(width), height=float(row_h), fill="#f8fafc")
        svg.text(left - 12, y - 2, truncate(bar.path, 40), size=12.5, anchor="end")
        svg.text(
            left - 12,
            y + 12,
            truncate(f"{_value(bar.low_value)} → {_value(bar.high_value)}", 40),
            size=11,
            anchor="end",
            fill=MUTED,
        )
        for end, level, colour in (("low", bar.low.mean, LOW_COLOUR), ("high", bar.high.mean, HIGH_COLOUR)):
            x0, x1 = sorted((px(base), px(level)))
            svg.tooltip_rect(
                _tip(bar, end, tornado.unit),
                x=x0,
                y=y - 9,
                width=max(x1 - x0, 1.5),
                height=18.0,
                fill=colour,
                fill_opacity=0.85,
            )
    svg.add(
        "line",
        x1=px(base),
        x2=px(base),
        y1=top - 6,
        y2=axis_y,
        stroke="#1f2933",
        stroke_dasharray="4 3",
        stroke_width=1.5,
    )
    return svg.render()


__all__ = ["tornado_svg"]
