"""How numbers look in the Markdown and HTML reports and chart labels (CSV keeps full precision).

One format everywhere: counts below a million with thousands separators (``123,457``),
larger ones in three significant digits and a unit word (``6.61 M``, ``1.09 T``, never an
exponent); an interval as mean ± half-width at the mean's scale (``6.61 M ± 0.11 M``), or,
for a probability whose interval touches zero, with its upper bound (``0 % (at most 27.8 %)``).
Formatting rounds for reading; the one figure it derives, records readable at any moment,
is a plain-words reading of record-hours (see :func:`at_any_moment`).
"""

from __future__ import annotations

from simulator.experiment.result import Interval
from simulator.numbers import number, scale, short

STATE_WORDS = {
    "rest": "at rest",
    "processing": "in processing",
    "transit": "in transit",
    "support": "under support",
}


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
    """'6.61 M ± 0.11 M', '12.3 % (95 % CI 8.1 % – 17.9 %)', '0 % (at most 27.8 %)', '4 (n=1, no CI)'."""
    show = percent if as_percent else number
    if value.low is None or value.high is None:
        return f"{show(value.mean)} (n={value.n}, no CI)"
    if value.half_width == 0 or value.low == value.high:
        return show(value.mean)
    if value.low >= value.mean:
        return f"{show(value.mean)} (at most {show(value.high)})"
    if value.method == "wilson":  # asymmetric around the mean: both bounds
        return f"{show(value.mean)} (95 % CI {show(value.low)} – {show(value.high)})"
    half = value.high - value.mean
    return f"{show(value.mean)} ± {percent(half) if as_percent else _half(value.mean, half)}"


def _half(mean: float, half: float) -> str:
    """A half-width at its mean's scale and precision: 0.11 M beside 6.61 M."""
    limit, suffix = scale(abs(mean))
    if not suffix:
        return number(half)
    shown = number(mean).split()[0]
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    text = f"{half / limit:.{decimals}f}"
    return f"{text if float(text) else f'{half / limit:.2g}'} {suffix}"


def at_any_moment(record_hours: float, horizon_hours: float) -> str:
    """Record-hours in plain words: 'about 5.4 M records readable at any moment' (÷ the horizon)."""
    if horizon_hours <= 0 or record_hours <= 0:
        return "no record readable at any moment"
    average = record_hours / horizon_hours
    return f"about {number(average) if average < 1e6 else short(average)} records readable at any moment"


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
