"""How numbers look in the Markdown and HTML reports (the CSV tables keep full precision).

Formatting is presentation only: it rounds for reading, it never derives a new figure.
"""

from __future__ import annotations

import math

from simulator.experiment.result import Interval

STATE_WORDS = {
    "rest": "at rest",
    "processing": "in processing",
    "transit": "in transit",
    "support": "under support",
}


def number(value: float | None) -> str:
    """1234567.8 → '1,234,568'; 12.345 → '12.3'; 0.01234 → '0.0123'."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def percent(value: float | None) -> str:
    """0.1234 → '12.3 %'."""
    if value is None:
        return "–"
    if value == 0:
        return "0 %"
    if abs(value) < 0.001:
        return f"{value * 100:.2g} %"
    text = f"{value * 100:.1f}"
    return f"{text[:-2] if text.endswith('.0') else text} %"


def interval(value: Interval, as_percent: bool = False) -> str:
    """'1,234 (95 % CI 1,100 – 1,368)'; without bounds just the mean and 'n=1'."""
    show = percent if as_percent else number
    if value.low is None or value.high is None:
        return f"{show(value.mean)} (n={value.n}, no CI)"
    if value.half_width == 0:
        return show(value.mean)
    return f"{show(value.mean)} (95 % CI {show(value.low)} – {show(value.high)})"


def bounds(value: Interval, as_percent: bool = False) -> str:
    """'1,100 – 1,368', or '–' when there is no interval."""
    show = percent if as_percent else number
    if value.low is None or value.high is None:
        return "–"
    return f"{show(value.low)} – {show(value.high)}"


def _short(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 1e-9 else number(value)


def hours(value: float) -> str:
    """A duration in the largest unit that keeps it readable: '2.5 h', '30 days', '1.5 years'."""
    if value >= 24 * 365 * 2:
        return f"{_short(value / (24 * 365))} years"
    if value >= 48:
        return f"{_short(value / 24)} days"
    return f"{_short(value)} h"


def state(name: str) -> str:
    return STATE_WORDS.get(name, name)
