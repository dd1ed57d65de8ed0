"""Small helpers to write inline SVG by hand: escaping, elements, scales, ticks, colours.

Every text and attribute goes through :func:`esc`, so a scenario or node name such as
``<script>`` is written as text. A chart is an :class:`Svg` with a ``<title>`` and a
``<desc>`` referenced by ``aria-labelledby``, so screen readers announce it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from simulator.report import format as fmt
from simulator.text import visible

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT = "#1f2933"
MUTED = "#616e7c"
GRID = "#e4e7eb"
EMPTY = "#f5f7fa"

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def esc(value: object) -> str:
    """XML-escape text or an attribute value."""
    return "".join(_ESCAPES.get(char, char) for char in visible(str(value)))


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attrs: dict[str, object]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            value = _number(value)
        parts.append(f' {name}="{esc(value)}"')
    return "".join(parts)


def element(tag: str, text: str | None = None, /, **attrs: object) -> str:
    """``<tag attrs>escaped text</tag>``, or a self-closing tag when there is no text."""
    if text is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{esc(text)}</{tag}>"


class Svg:
    """An SVG document under construction; :meth:`render` returns its markup."""

    def __init__(self, chart_id: str, width: float, height: float, title: str, description: str) -> None:
        self.chart_id = chart_id
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self.parts: list[str] = []

    def add(self, tag: str, text: str | None = None, /, **attrs: object) -> None:
        self.parts.append(element(tag, text, **attrs))

    def raw(self, markup: str) -> None:
        """Append markup built with :func:`element` (already escaped)."""
        self.parts.append(markup)

    def open(self, tag: str, **attrs: object) -> None:
        self.parts.append(f"<{tag}{_attrs(attrs)}>")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = 12,
        anchor: str = "start",
        weight: str | None = None,
        fill: str = TEXT,
        **attrs: object,
    ) -> None:
        self.add(
            "text",
            text,
            x=float(x),
            y=float(y),
            font_size=float(size),
            text_anchor=anchor,
            font_weight=weight,
            fill=fill,
            **attrs,
        )

    def tooltip_rect(self, tip: str, **attrs: object) -> None:
        """A rectangle with a hover tooltip (an SVG ``<title>`` child)."""
        self.parts.append(f"<rect{_attrs(attrs)}>{element('title', tip)}</rect>")

    def render(self) -> str:
        cid = esc(self.chart_id)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{cid}" class="chart" role="img" '
            f'viewBox="0 0 {_number(self.width)} {_number(self.height)}" '
            f'width="{_number(self.width)}" height="{_number(self.height)}" '
            f'style="--natural-width: {_number(self.width)}px" '
            f'aria-labelledby="{cid}-title {cid}-desc" font-family="{esc(FONT)}">'
            f'<title id="{cid}-title">{esc(self.title)}</title>'
            f'<desc id="{cid}-desc">{esc(self.description)}</desc>'
        )
        return head + "".join(self.parts) + "</svg>"


# --------------------------------------------------------------------------- scales and ticks


def nice_ticks(high: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``high``."""
    if high <= 0 or not math.isfinite(high):
        return [0.0, 1.0]
    raw = high / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < high - 1e-12 * high:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


DECADES_FOR_LOG = 2
"""Positive values spanning this many powers of ten or more go on a logarithmic axis."""


class Axis:
    """Where a value falls along a horizontal axis of ``length`` px: linear from zero, or log.

    A log axis is chosen when positive values span :data:`DECADES_FOR_LOG` decades or more, so
    127 M does not look like nothing beside 1.09 T; zero, when present, gets its own tick at
    the start, apart from the first decade.
    """

    ZERO_ROOM = 0.08
    """Share of a log axis kept at its start for zero, which a log scale cannot place."""

    def __init__(self, values: list[float], length: float, ticks: int = 6) -> None:
        positive = [v for v in values if v > 0]
        self.length = length
        self.log = (
            bool(positive) and min(values) >= 0 and max(positive) / min(positive) >= 10**DECADES_FOR_LOG
        )
        self.zero = self.log and min(values) == 0
        if self.log:
            low, high = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
            decades = [10.0**k for k in range(low, max(high, low + 1) + 1)]
            self.low, self.high = decades[0], decades[-1]
            self.ticks = ([0.0] if self.zero else []) + decades
        else:
            self.ticks = nice_ticks(max(values, default=0.0), ticks)
            self.low, self.high = self.ticks[0], self.ticks[-1]

    def px(self, value: float) -> float:
        """Offset of ``value`` from the axis's start."""
        if not self.log:
            return value / self.high * self.length if self.high else 0.0
        if value <= 0:
            return 0.0
        start = self.ZERO_ROOM * self.length if self.zero else 0.0
        return start + log_fraction(max(value, self.low), self.low, self.high) * (self.length - start)

    @property
    def note(self) -> str:
        return " (log scale)" if self.log else ""


def symmetric_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round ticks covering [low, high] (which may straddle zero)."""
    span = high - low
    if span <= 0 or not math.isfinite(span):
        return [low - 1, low, low + 1]
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


def compact(value: float) -> str:
    """Short axis label: 950, 12.3 k, 3.4 M, 1.09 T, 0.25 (the reports' units, never an exponent)."""
    magnitude = abs(value)
    if magnitude >= 1e3:
        return fmt.short(value)
    if magnitude == 0:
        return "0"
    if magnitude >= 1:
        return f"{value:.3g}"
    return f"{value:.2g}"


# --------------------------------------------------------------------------- colours

# Okabe–Ito, safe for colour-blind readers; one colour per regime in catalogue order.
# Regimes are the only coloured things; data states are shades of grey (and dash patterns on
# lines), so a hue never means a regime in one chart and a state in another.
REGIME_COLOURS = ["#D55E00", "#0072B2", "#CC79A7", "#E69F00", "#009E73", "#56B4E9", "#8C564B", "#999933"]
STATE_COLOURS = {"rest": "#2b3340", "processing": "#5f6b7c", "transit": "#939dab", "support": "#c5ccd6"}
STATE_DASHES = {"rest": None, "processing": "7 3", "transit": "2 3", "support": "9 3 2 3"}
STATE_LABELS = {
    "rest": "at rest",
    "processing": "in processing",
    "transit": "in transit",
    "support": "under support",
}
ZONE_COLOURS = {"home": "#344054", "adequate": "#6b5b95", "third": "#8f1d1d"}
"""Site outlines: dark, muted tones no regime uses (a blue home site would read as a regime)."""
ZONE_LABELS = {"adequate": "adequacy decision", "third": "third country"}
"""Zone words; the ``home`` zone is shown with the controller's own label (``frame.home``)."""


def zone_label(zone: str, home: str) -> str:
    """'UK' for a UK controller's home sites, 'adequacy decision' or 'third country' otherwise."""
    return home if zone == "home" else ZONE_LABELS.get(zone, zone)


NOT_REACHED = "#9AA5B1"


def regime_colours(regimes: Iterable[str]) -> dict[str, str]:
    """A stable colour per regime id, in the order given (sorted ids in results)."""
    return {regime: REGIME_COLOURS[i % len(REGIME_COLOURS)] for i, regime in enumerate(regimes)}


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def mix(low: str, high: str, t: float) -> str:
    """Colour at fraction ``t`` between ``low`` and ``high``."""
    t = min(1.0, max(0.0, t))
    a, b = _rgb(low), _rgb(high)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def ink_on(background: str) -> str:
    """Black or white text, whichever reads better on ``background``."""
    r, g, b = _rgb(background)
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else TEXT


HEAT_LOW = "#fde8d7"
HEAT_HIGH = "#8c1d04"


def log_fraction(value: float, low: float, high: float) -> float:
    """Position of ``value`` on a log scale from ``low`` to ``high`` (0..1)."""
    if value <= 0 or high <= 0:
        return 0.0
    if high <= low or low <= 0:
        return 1.0
    return (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(1, limit - 1)] + "…"


CHAR_WIDTH = 0.6
"""Widest average advance of a character, in ems, of the system sans-serif fonts (layout estimate)."""


def text_width(text: str, size: float) -> float:
    """Width a text takes at ``size`` px, estimated on the generous side so labels never clip."""
    return len(text) * size * CHAR_WIDTH


def fit_labels(labels: list[str], limit: int) -> list[str]:
    """Labels of at most ``limit`` characters that stay as distinct as the originals.

    Labels are cut at the end; when that makes two read the same ("Health Data Hub on Azure —
    US CLOUD Act" and "… — FISA 702" share their head), they lose their middle instead, and
    the limit grows until no two different labels read the same.
    """
    ends = [truncate(label, limit) for label in labels]
    if len(set(ends)) == len(set(labels)):
        return ends
    for size in range(limit, max((len(label) for label in labels), default=0) + 1):
        shown = [_middle(label, size) for label in labels]
        if len(set(shown)) == len(set(labels)):
            return shown
    return list(labels)


def _middle(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head) :]


class Legend:
    """Swatches and labels placed left to right, wrapping onto a new row before ``right``."""

    ROW = 20

    def __init__(self, svg: Svg, x: float, y: float, right: float, size: float = 12) -> None:
        self.svg, self.left, self.x, self.y, self.right, self.size = svg, x, x, y, right, size

    def item(self, label: str, fill: str = "#ffffff", ink: str = TEXT, **swatch: object) -> None:
        """One entry; ``swatch`` overrides the 12 px square's attributes (stroke, dashes)."""
        x, y = self._place(18 + text_width(label, self.size))
        attrs: dict[str, object] = {"x": x, "y": y - 10, "width": 12, "height": 12, "rx": 2, "fill": fill}
        attrs.update(swatch)
        self.svg.add("rect", **attrs)
        self.svg.text(x + 17, y, label, size=self.size, fill=ink)

    def line(self, label: str, stroke: str, dash: str | None, ink: str = TEXT) -> None:
        """One entry whose swatch is a short line (an edge style)."""
        x, y = self._place(30 + text_width(label, self.size))
        self.svg.add(
            "line",
            x1=x,
            x2=x + 24,
            y1=y - 4,
            y2=y - 4,
            stroke=stroke,
            stroke_width=1.8,
            stroke_dasharray=dash,
        )
        self.svg.text(x + 29, y, label, size=self.size, fill=ink)

    def _place(self, width: float) -> tuple[float, float]:
        """Where the next entry of ``width`` goes, on a new row when it would pass ``right``."""
        if self.x > self.left and self.x + width > self.right:
            self.x, self.y = self.left, self.y + self.ROW
        x = self.x
        self.x += width + 16
        return x, self.y

    @property
    def bottom(self) -> float:
        """The y just below the last row."""
        return self.y + 8
