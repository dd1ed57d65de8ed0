"""Inline SVG charts of a result: heatmap, stacked bars, timeline, transfers, intervals.

Each function takes result objects (or rows already in them) and returns SVG markup. They
place and colour what the result holds; they derive no new figure (bar lengths add up the
cells they stack, which is geometry, and every label quotes a value of the result).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.experiment.result import DesignResult, ExposureCell, Interval, TimelineSeries
from simulator.model.catalog import STATES
from simulator.report import format as fmt
from simulator.report.svg import (
    EMPTY,
    GRID,
    HEAT_HIGH,
    HEAT_LOW,
    MUTED,
    STATE_COLOURS,
    STATE_DASHES,
    STATE_LABELS,
    TEXT,
    ZONE_COLOURS,
    Axis,
    Legend,
    Svg,
    compact,
    esc,
    fit_labels,
    ink_on,
    log_fraction,
    mix,
    nice_ticks,
    symmetric_ticks,
    text_width,
    truncate,
)

PROTECTED = "#e3f1e6"
PROTECTED_INK = "#2d6a3e"
SPECIAL_CELLS = {
    "readable": ("#fff4ec", "#8c1d04", "readable, 0", "readable, not used in this run"),
    "protected": (PROTECTED, PROTECTED_INK, "protected", "holder reached, ciphertext only"),
    "unreachable": (EMPTY, MUTED, "–", "not reachable"),
}
"""Heatmap cells without record-hours: fill, ink, the cell's text and the legend's words."""


def _regime_names(result: DesignResult) -> dict[str, str]:
    return {regime.id: regime.name for regime in result.design.regimes}


def _empty(chart_id: str, title: str, message: str, width: float = 640) -> str:
    svg = Svg(chart_id, width, 64, title, message)
    svg.add("rect", x=0.5, y=0.5, width=width - 1, height=63, rx=6, fill=EMPTY, stroke=GRID)
    svg.text(width / 2, 37, message, size=14, anchor="middle", fill=MUTED)
    return svg.render()


def _state_legend(svg: Svg, x: float, y: float, states: Sequence[str], lines: bool = False) -> None:
    """The states drawn, as swatches, or as the line styles of a chart drawn in lines."""
    legend = Legend(svg, x, y, svg.width)
    for state in states:
        if lines:
            legend.line(STATE_LABELS[state], STATE_COLOURS[state], STATE_DASHES[state])
        else:
            legend.item(STATE_LABELS[state], STATE_COLOURS[state])


def _label_margin(labels: Sequence[str], size: float = 12.5, floor: float = 120) -> float:
    """Room left of a plot for right-aligned labels, so none loses its first letters."""
    return max([floor] + [text_width(label, size) + 22 for label in labels])


def heat_range(results: Sequence[DesignResult]) -> tuple[float, float]:
    """Smallest and largest positive record-hours of all ``results``: one colour scale for all."""
    values = [c.record_hours.mean for r in results for c in r.exposure if c.record_hours.mean > 0]
    return (min(values), max(values)) if values else (0.0, 0.0)


# --------------------------------------------------------------------------- heatmap


def exposure_heatmap(result: DesignResult, chart_id: str, scale: tuple[float, float] | None = None) -> str:
    """Rows data class · node, columns regime · state; colour = exposed record-hours (log scale).

    Cells where a regime reaches the holder but only sees ciphertext say "protected".
    ``scale`` (see :func:`heat_range`) gives compared designs one colour scale, so the same
    shade means the same record-hours in every design's heatmap.
    """
    names = _regime_names(result)
    regime_order = [regime.id for regime in result.design.regimes]
    cells = {(c.regime, c.state, c.data, c.node): c for c in result.exposure}
    protected = {(v.regime, v.state, v.data, v.node) for v in result.static.protections}
    readable = {(v.regime, v.state, v.data, v.node) for v in result.static.exposures}
    keys = set(cells) | protected | readable
    if not keys:
        return _empty(
            chart_id,
            f"Exposure heatmap — {result.scenario}",
            "No regime reaches any holder of the data: nothing to show.",
        )
    columns = sorted(
        {(k[0], k[1]) for k in keys},
        key=lambda c: (regime_order.index(c[0]) if c[0] in regime_order else 99, STATES.index(c[1])),
    )
    rows = sorted({(k[2], k[3]) for k in keys})
    low, high = scale or heat_range([result])
    row_labels = fit_labels([f"{data} · {node}" for data, node in rows], 34)

    left, top, cell_w, cell_h = _label_margin(row_labels + ["record-hours (log scale)"]), 74, 104, 38
    width = max(left + cell_w * len(columns) + 20, left + 560)
    height = top + cell_h * len(rows) + 70
    svg = Svg(
        chart_id,
        width,
        height,
        f"Exposure heatmap — {result.scenario}",
        "Exposed record-hours by data class and node (rows) and by regime and state (columns); "
        "darker is more record-hours, on a logarithmic scale.",
    )
    _heat_headers(svg, columns, names, left, cell_w)
    drawn: set[str] = set()
    for j, (data, node) in enumerate(rows):
        y = top + j * cell_h
        svg.text(left - 12, y + cell_h / 2 + 4, row_labels[j], size=12.5, anchor="end")
        for i, (regime, state) in enumerate(columns):
            x = left + i * cell_w
            key = (regime, state, data, node)
            cell = cells.get(key)
            who, what = names.get(regime, regime), f"{data} {STATE_LABELS[state]} at {node}"
            if cell is not None and cell.record_hours.mean > 0:
                shade = log_fraction(min(max(cell.record_hours.mean, low), high), low, high)
                fill = mix(HEAT_LOW, HEAT_HIGH, 0.15 + 0.85 * shade)
                label, ink = compact(cell.record_hours.mean), ink_on(fill)
                tip = f"{who}, {what}: {fmt.interval(cell.record_hours)} record-hours"
            else:
                kind = "readable" if key in readable else "protected" if key in protected else "unreachable"
                fill, ink, label, _ = SPECIAL_CELLS[kind]
                drawn.add(kind)
                tip = f"{who}: {what} — {SPECIAL_CELLS[kind][3]}"
            svg.tooltip_rect(tip, x=x + 1.5, y=y + 1.5, width=cell_w - 3, height=cell_h - 3, rx=4, fill=fill)
            svg.text(
                x + cell_w / 2,
                y + cell_h / 2 + 4.5,
                label,
                size=12.5,
                anchor="middle",
                fill=ink,
                weight="600" if cell is not None else None,
            )
    bottom = _heat_legend(svg, left, top + cell_h * len(rows) + 24, (low, high), drawn)
    svg.height = max(height, bottom + 12)
    return svg.render()


def _heat_headers(
    svg: Svg, columns: Sequence[tuple[str, str]], names: dict[str, str], left: float, cell_w: float
) -> None:
    """Column headers: each regime spanning its states, then each state under a grey bar."""
    col = 0
    while col < len(columns):
        regime = columns[col][0]
        span = sum(1 for c in columns if c[0] == regime)
        x = left + col * cell_w
        svg.add("rect", x=x + 2, y=8, width=span * cell_w - 4, height=26, rx=4, fill="#eef2f7")
        svg.text(
            x + span * cell_w / 2,
            26,
            truncate(names.get(regime, regime), int((span * cell_w - 8) / text_width("x", 12.5))),
            size=12.5,
            anchor="middle",
            weight="600",
        )
        col += span
    for i, (_, state) in enumerate(columns):
        x = left + i * cell_w + cell_w / 2
        svg.add(
            "rect",
            x=left + i * cell_w + cell_w / 2 - 40,
            y=44,
            width=80,
            height=4,
            rx=2,
            fill=STATE_COLOURS[state],
        )
        svg.text(x, 64, STATE_LABELS[state], size=12, anchor="middle", fill=MUTED)


def _heat_legend(svg: Svg, left: float, ly: float, scale: tuple[float, float], drawn: set[str]) -> float:
    """The gradient from the smallest to the largest record-hours, then the kinds of cell without
    record-hours that the chart shows; returns the legend's bottom."""
    low, high = scale
    svg.raw(
        f'<defs><linearGradient id="{svg.chart_id}-grad" x1="0" x2="1" y1="0" y2="0">'
        f'<stop offset="0" stop-color="{mix(HEAT_LOW, HEAT_HIGH, 0.15)}"/>'
        f'<stop offset="1" stop-color="{HEAT_HIGH}"/></linearGradient></defs>'
    )
    svg.text(left - 12, ly + 12, "record-hours (log scale)", size=12, anchor="end", fill=MUTED)
    if high > 0:
        svg.add("rect", x=left, y=ly, width=160, height=14, rx=3, fill=f"url(#{svg.chart_id}-grad)")
        svg.text(left, ly + 30, compact(low), size=11, fill=MUTED)
        svg.text(left + 160, ly + 30, compact(high), size=11, anchor="end", fill=MUTED)
    legend = Legend(svg, left + 190, ly + 12, svg.width)
    for kind, (fill, ink, _, meaning) in SPECIAL_CELLS.items():
        if kind in drawn:
            legend.item(meaning, fill, ink, stroke=GRID)
    return legend.bottom


# --------------------------------------------------------------------------- stacked bars


@dataclass(frozen=True)
class _Bar:
    design: str
    label: str
    cells: list[ExposureCell]


_BAR_H, _BAR_GAP, _GROUP_H = 26, 14, 24


def _bars(designs: Sequence[tuple[str, DesignResult]]) -> list[_Bar]:
    bars = []
    for label, result in designs:
        names = _regime_names(result)
        for regime in result.design.regimes:
            if not regime.foreign:  # the controller's own law is listed apart, for information
                continue
            cells = [c for c in result.exposure if c.regime == regime.id and c.record_hours.mean > 0]
            cells.sort(key=lambda c: (STATES.index(c.state), c.data, c.node))
            if cells:
                bars.append(_Bar(label, names.get(regime.id, regime.id), cells))
    return bars


def _grouped_rows(
    groups: Sequence[str], top: float, row_h: float
) -> tuple[list[float], list[tuple[float, str]]]:
    """The top y of each row, and a heading (y, name) above each run of rows of one group.

    Rows of several designs are grouped under each design's name instead of repeating it in
    every label, where it would crowd out what tells the rows apart. One group: no heading.
    """
    grouped = len(set(groups)) > 1
    ys, headings, y = [], [], top
    for i, group in enumerate(groups):
        if grouped and (i == 0 or groups[i - 1] != group):
            headings.append((y + 16, group))
            y += _GROUP_H
        ys.append(y)
        y += row_h
    return ys, headings


def _headings(svg: Svg, headings: Sequence[tuple[float, str]]) -> None:
    room = int(svg.width / text_width("x", 13)) - 2
    for y, name in headings:
        svg.add("rect", x=0, y=y - 16, width=svg.width, height=22, fill="#ffffff")
        svg.text(10, y, truncate(name, room), size=13, weight="600")


def stacked_bars(designs: Sequence[tuple[str, DesignResult]], chart_id: str) -> str:
    """One bar per regime (grouped under each design's name); each segment is an exposure cell
    coloured by its state."""
    bars = _bars(designs)
    title = "Exposed record-hours per state" + (" per design" if len(designs) > 1 else "")
    if not bars:
        return _empty(chart_id, title, "No exposed record-hours in any design.")
    totals = [sum(c.record_hours.mean for c in bar.cells) for bar in bars]  # bar lengths (layout)
    labels = fit_labels([bar.label for bar in bars], 48)
    left, top, plot_w = _label_margin(labels), 46, 640
    axis = Axis(totals, plot_w)
    ys, headings = _grouped_rows([bar.design for bar in bars], top, _BAR_H + _BAR_GAP)
    axis_y = ys[-1] + _BAR_H + _BAR_GAP
    svg = Svg(
        chart_id,
        left + plot_w + 90,
        axis_y + 40,
        title,
        "Horizontal bars of exposed record-hours; each bar is one regime (per design), "
        "split into segments by data state"
        + ("; on a log axis, segments split a bar in proportion." if axis.log else "."),
    )
    _state_legend(svg, left, 20, [s for s in STATES if any(c.state == s for b in bars for c in b.cells)])
    for tick in axis.ticks:
        x = left + axis.px(tick)
        svg.add("line", x1=x, x2=x, y1=top - 6, y2=axis_y, stroke=GRID)
        svg.text(x, axis_y + 16, compact(tick), size=11, anchor="middle", fill=MUTED)
    svg.text(
        left + plot_w / 2,
        axis_y + 34,
        "exposed record-hours over the horizon" + axis.note,
        size=12,
        anchor="middle",
        fill=MUTED,
    )
    _headings(svg, headings)
    for bar, label, total, y in zip(bars, labels, totals, ys, strict=True):
        svg.text(left - 10, y + _BAR_H / 2 + 4, label, size=12.5, anchor="end")
        x, per_unit = left, axis.px(total) / total
        for cell in bar.cells:
            w = cell.record_hours.mean * per_unit
            tip = (
                f"{bar.design} — {bar.label}: {cell.data} {STATE_LABELS[cell.state]} at {cell.node} — "
                f"{fmt.interval(cell.record_hours)} record-hours"
            )
            svg.tooltip_rect(
                tip,
                x=x,
                y=y,
                width=max(w, 0.5),
                height=_BAR_H,
                fill=STATE_COLOURS[cell.state],
                stroke="#ffffff",
                stroke_width=0.6,
            )
            x += w
        svg.text(x + 6, y + _BAR_H / 2 + 4, compact(total), size=11.5, fill=MUTED)
    return svg.render()


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class _TimeAxis:
    """The shared horizontal axis of the timeline panels: where a bin lands, in hours or days."""

    left: float
    width: float
    height: float
    bin_hours: float
    ticks: list[float]
    in_days: bool

    @property
    def max_hours(self) -> float:
        return self.ticks[-1] * (24 if self.in_days else 1)

    def x(self, hours: float) -> float:
        return self.left + hours / self.max_hours * self.width


def exposure_timeline(result: DesignResult, chart_id: str) -> str:
    """One panel per regime; a line per state: mean exposed record-hours in each time bin."""
    names = _regime_names(result)
    timeline = result.timeline
    series = [s for s in timeline.series if any(v > 0 for v in s.record_hours)]
    title = f"Exposure over time — {result.scenario}"
    foreign = {r.id for r in result.design.regimes if r.foreign}  # own law: listed apart
    series = [s for s in series if s.regime in foreign]
    if not series or timeline.bins == 0:
        return _empty(chart_id, title, "No exposure to a foreign regime at any time of the horizon.")
    regimes = [r.id for r in result.design.regimes if any(s.regime == r.id for s in series)]
    left, plot_w, plot_h, panel_gap, top = 76, 900, 160, 60, 40
    svg = Svg(
        chart_id,
        left + plot_w + 30,
        top + len(regimes) * (plot_h + panel_gap) + 10,
        title,
        f"Mean exposed record-hours per bin of {fmt.hours(timeline.bin_hours)}, one panel per regime, "
        "one line per data state.",
    )
    _state_legend(svg, left, 18, [s for s in STATES if any(x.state == s for x in series)], lines=True)
    span = timeline.bins * timeline.bin_hours
    in_days = span >= 72
    axis = _TimeAxis(
        left, plot_w, plot_h, timeline.bin_hours, nice_ticks(span / 24 if in_days else span, 6), in_days
    )
    for p, regime in enumerate(regimes):
        y0 = top + p * (plot_h + panel_gap) + 20
        _timeline_panel(svg, axis, y0, names.get(regime, regime), [s for s in series if s.regime == regime])
    return svg.render()


def _timeline_panel(svg: Svg, axis: _TimeAxis, y0: float, name: str, lines: list[TimelineSeries]) -> None:
    """One regime's panel: its title, both axes with their grid, and a line per state."""
    left, plot_h = axis.left, axis.height
    y_ticks = nice_ticks(max(max(s.record_hours) for s in lines), 4)
    y_scale = plot_h / y_ticks[-1]
    svg.text(left, y0 - 8, name, size=13, weight="600")
    svg.text(
        16,
        y0 + plot_h / 2,
        "record-hours per bin",
        size=11,
        anchor="middle",
        fill=MUTED,
        transform=f"rotate(-90 16 {y0 + plot_h / 2:.1f})",
    )
    for tick in y_ticks:
        y = y0 + plot_h - tick * y_scale
        svg.add("line", x1=left, x2=left + axis.width, y1=y, y2=y, stroke=GRID)
        svg.text(left - 8, y + 4, compact(tick), size=11, anchor="end", fill=MUTED)
    for tick in axis.ticks:
        x = axis.x(tick * (24 if axis.in_days else 1))
        svg.add("line", x1=x, x2=x, y1=y0 + plot_h, y2=y0 + plot_h + 4, stroke=MUTED)
        svg.text(x, y0 + plot_h + 17, compact(tick), size=11, anchor="middle", fill=MUTED)
    unit = "days" if axis.in_days else "hours"
    svg.text(left + axis.width / 2, y0 + plot_h + 33, unit, size=11, anchor="middle", fill=MUTED)
    svg.add("line", x1=left, x2=left + axis.width, y1=y0 + plot_h, y2=y0 + plot_h, stroke=MUTED)
    for line in lines:
        points = " ".join(
            f"{axis.x((i + 0.5) * axis.bin_hours):.1f},{y0 + plot_h - v * y_scale:.1f}"
            for i, v in enumerate(line.record_hours)
        )
        tip = f"{name} {STATE_LABELS[line.state]}"
        style = f'stroke="{STATE_COLOURS[line.state]}"{_dash(STATE_DASHES[line.state])}'
        svg.raw(
            f'<polyline points="{points}" fill="none" {style} stroke-width="2.2" stroke-linejoin="round">'
            f"<title>{esc(tip)}</title></polyline>"
        )


def _dash(pattern: str | None) -> str:
    return f' stroke-dasharray="{pattern}"' if pattern else ""


# --------------------------------------------------------------------------- transfers


def transfers_matrix(result: DesignResult, chart_id: str) -> str:
    """Rows: country the data was held in; columns: country it was accessed from or moved to."""
    title = f"Transfers — {result.scenario}"
    home = result.design.frame.home
    rows_data = result.transfers
    if not rows_data:
        return _empty(chart_id, title, "No access from or move to another country.")
    sources = sorted({t.source for t in rows_data})
    targets = sorted({t.to for t in rows_data})
    outside = {t.to for t in rows_data if t.abroad}
    by_pair = {(t.source, t.to): t for t in rows_data}
    values = [t.records.mean for t in rows_data if t.records.mean > 0]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    note = f"Mean per run; darker = more records (log scale). Red border: destination outside {home}."
    left, top, cell_w, cell_h = 130, 70, 130, 48
    width = max(left + cell_w * len(targets) + 30, left + text_width(note, 11.5) + 10)
    height = top + cell_h * len(sources) + 50
    svg = Svg(
        chart_id,
        width,
        height,
        title,
        "Matrix of transfer events and records, from the country the data was held in (rows) "
        f"to the country it was accessed from (columns); red headers are outside {home}.",
    )
    svg.text(
        left + cell_w * len(targets) / 2,
        18,
        "accessed from / moved to →",
        size=12,
        anchor="middle",
        fill=MUTED,
    )
    for i, target in enumerate(targets):
        colour = ZONE_COLOURS["third"] if target in outside else TEXT
        svg.text(
            left + i * cell_w + cell_w / 2,
            50,
            target + (f" (outside {home})" if target in outside else ""),
            size=12.5,
            anchor="middle",
            weight="600",
            fill=colour,
        )
    svg.text(18, top - 8, "held in ↓", size=12, fill=MUTED)
    for j, source in enumerate(sources):
        y = top + j * cell_h
        svg.text(left - 12, y + cell_h / 2 + 4, source, size=12.5, anchor="end", weight="600")
        for i, target in enumerate(targets):
            x = left + i * cell_w
            row = by_pair.get((source, target))
            if row is None or row.events.mean == 0:
                svg.tooltip_rect(
                    f"no transfer {source} → {target}",
                    x=x + 1.5,
                    y=y + 1.5,
                    width=cell_w - 3,
                    height=cell_h - 3,
                    rx=4,
                    fill=EMPTY,
                )
                svg.text(x + cell_w / 2, y + cell_h / 2 + 4, "–", size=12, anchor="middle", fill=MUTED)
                continue
            fill = (
                mix("#e8eef8", "#1d3f72", 0.1 + 0.9 * log_fraction(row.records.mean, low, high))
                if row.records.mean > 0
                else "#e8eef8"
            )
            ink = ink_on(fill)
            tip = (
                f"{source} → {target}: {fmt.interval(row.events)} events, {fmt.interval(row.records)} records"
            )
            svg.tooltip_rect(
                tip,
                x=x + 1.5,
                y=y + 1.5,
                width=cell_w - 3,
                height=cell_h - 3,
                rx=4,
                fill=fill,
                stroke=ZONE_COLOURS["third"] if row.abroad else None,
                stroke_width=2 if row.abroad else None,
            )
            svg.text(
                x + cell_w / 2,
                y + cell_h / 2 - 3,
                f"{compact(row.records.mean)} records",
                size=12,
                anchor="middle",
                fill=ink,
                weight="600",
            )
            svg.text(
                x + cell_w / 2,
                y + cell_h / 2 + 13,
                f"{compact(row.events.mean)} events",
                size=11,
                anchor="middle",
                fill=ink,
            )
    svg.text(left, top + cell_h * len(sources) + 26, note, size=11.5, fill=MUTED)
    return svg.render()


# --------------------------------------------------------------------------- intervals


@dataclass(frozen=True)
class IntervalRow:
    label: str
    value: Interval
    colour: str = MUTED
    note: str = ""
    group: str = ""
    """Rows of several groups (designs) are drawn under a heading per group."""


def interval_chart(
    rows: Sequence[IntervalRow],
    chart_id: str,
    title: str,
    description: str,
    axis_label: str,
    as_percent: bool = False,
    zero_line: bool = False,
) -> str:
    """A dot per row with its 95 % confidence interval as a whisker (a forest plot).

    Values that span decades go on a log axis (see :class:`~simulator.report.svg.Axis`);
    differences around zero and probabilities stay linear.
    """
    if not rows:
        return _empty(chart_id, title, "Nothing to compare.")
    labels = fit_labels([row.label for row in rows], 56)
    show = fmt.percent if as_percent else fmt.number
    values = [show(row.value.mean) + (f"  {row.note}" if row.note else "") for row in rows]
    left, top, row_h, plot_w = _label_margin(labels), 20, 30, 420
    right = 28 + max(text_width(v, 12) for v in values)
    px, ticks, note = _interval_axis(rows, left, plot_w, as_percent)
    ys, headings = _grouped_rows([row.group for row in rows], top, row_h)
    axis_y = ys[-1] + row_h
    svg = Svg(chart_id, left + plot_w + right, axis_y + 46, title, description)
    for tick in ticks:
        svg.add("line", x1=px(tick), x2=px(tick), y1=top - 4, y2=axis_y, stroke=GRID)
        svg.text(
            px(tick),
            axis_y + 15,
            fmt.percent(tick) if as_percent else compact(tick),
            size=11,
            anchor="middle",
            fill=MUTED,
        )
    if zero_line and ticks[0] < 0 < ticks[-1]:
        svg.add("line", x1=px(0), x2=px(0), y1=top - 4, y2=axis_y, stroke=MUTED, stroke_dasharray="4 3")
    room = int(min(plot_w / 2 + left, plot_w / 2 + right) * 2 / text_width("x", 12)) - 2
    svg.text(
        left + plot_w / 2,
        axis_y + 34,
        truncate(axis_label + note, room),
        size=12,
        anchor="middle",
        fill=MUTED,
    )
    _headings(svg, headings)
    for i, (row, label, text, row_top) in enumerate(zip(rows, labels, values, ys, strict=True)):
        y = row_top + row_h / 2
        if i % 2 == 0:
            svg.add("rect", x=0, y=y - row_h / 2, width=svg.width, height=row_h, fill="#f8fafc")
        svg.text(left - 12, y + 4, label, size=12.5, anchor="end")
        _whisker(svg, row, px, y, as_percent)
        svg.text(left + plot_w + 14, y + 4, text, size=12, weight="600")
    return svg.render()


def _interval_axis(
    rows: Sequence[IntervalRow], left: float, plot_w: float, as_percent: bool
) -> tuple[Callable[[float], float], list[float], str]:
    """The x of a value, the ticks and the axis note: linear around zero or for shares, log across decades."""
    lows = [r.value.low if r.value.low is not None else r.value.mean for r in rows]
    highs = [r.value.high if r.value.high is not None else r.value.mean for r in rows]
    lo, hi = min(lows + [0.0]), max(highs + [0.0])
    if not as_percent and lo >= 0:
        axis = Axis([r.value.mean for r in rows] + highs + lows, plot_w)
        if axis.log:
            return (lambda value: left + axis.px(value)), axis.ticks, axis.note
    if as_percent:
        lo, hi = min(lo, 0.0), max(hi, 1.0) if hi > 0.5 else max(hi * 1.1, 0.05)
    ticks = symmetric_ticks(lo, hi, 6) if lo < 0 else nice_ticks(hi, 6)
    low, high = ticks[0], ticks[-1] if ticks[-1] != ticks[0] else ticks[0] + 1
    return (lambda value: left + (value - low) / (high - low) * plot_w), ticks, ""


def _whisker(svg: Svg, row: IntervalRow, px: Callable[[float], float], y: float, as_percent: bool) -> None:
    """The confidence interval as a line with end caps, and the mean as a dot with a tooltip."""
    value = row.value
    if value.low is not None and value.high is not None:
        svg.add("line", x1=px(value.low), x2=px(value.high), y1=y, y2=y, stroke=row.colour, stroke_width=2.5)
        for end in (value.low, value.high):
            svg.add("line", x1=px(end), x2=px(end), y1=y - 6, y2=y + 6, stroke=row.colour, stroke_width=2)
    tip = esc(row.label + ": " + fmt.interval(value, as_percent))
    svg.raw(
        f'<circle cx="{px(value.mean):.1f}" cy="{y:.1f}" r="5" fill="{row.colour}" stroke="#ffffff" '
        f'stroke-width="1.5"><title>{tip}</title></circle>'
    )
