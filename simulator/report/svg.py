"""Small helpers to write inline SVG by hand: escaping, elements, scales, ticks, colours.

Every text and attribute goes through :func:`esc`, so a scenario or node name such as
``<script>`` is written as text. A chart is an :class:`Svg` with a ``<title>`` and a
``<desc>`` referenced by ``aria-labelledby``, so screen readers announce it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT = "#1f2933"
MUTED = "#616e7c"
GRID = "#e4e7eb"
EMPTY = "#f5f7fa"

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def esc(value: object) -> str:
    """XML-escape text or an attribute value."""
    return "".join(_ESCAPES.get(char, char) for char in str(value))


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
    """Short axis label: 950, 1.2k, 3.4M, 0.25."""
    magnitude = abs(value)
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if magnitude >= limit:
            return f"{value / limit:.3g}{suffix}"
    if magnitude == 0:
        return "0"
    if magnitude >= 1:
        return f"{value:.3g}"
    return f"{value:.2g}"


# --------------------------------------------------------------------------- colours

# Okabe–Ito, safe for colour-blind readers; one colour per regime in catalogue order.
REGIME_COLOURS = ["#D55E00", "#0072B2", "#CC79A7", "#E69F00", "#009E73", "#56B4E9", "#8C564B", "#000000"]
STATE_COLOURS = {"rest": "#3B6FB6", "processing": "#E8743B", "transit": "#19A979", "support": "#B8509E"}
STATE_LABELS = {
    "rest": "at rest",
    "processing": "in processing",
    "transit": "in transit",
    "support": "under support",
}
ZONE_COLOURS = {"home": "#2F6DB5", "adequate": "#8E7CC3", "third": "#C0392B"}
ZONE_LABELS = {"home": "EU/EEA", "adequate": "adequacy decision", "third": "third country"}
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
