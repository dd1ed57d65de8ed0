"""Human-readable quantities in scenario files: durations, rates, shares, countries.

The simulator's clock runs in **hours**; every duration and rate is converted to hours
(or events per hour) here, once, so that nothing downstream handles units.
"""

from __future__ import annotations

import math
import re
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from simulator.model.limits import HOURS_PER_YEAR, MAX_DURATION, MAX_RATE, MIN_DURATION, MIN_RATE, not_bool

HOURS_PER_UNIT: dict[str, float] = {
    "s": 1 / 3600,
    "sec": 1 / 3600,
    "m": 1 / 60,
    "min": 1 / 60,
    "h": 1.0,
    "hour": 1.0,
    "d": 24.0,
    "day": 24.0,
    "w": 24.0 * 7,
    "week": 24.0 * 7,
    "mo": HOURS_PER_YEAR / 12,
    "month": HOURS_PER_YEAR / 12,
    "y": HOURS_PER_YEAR,
    "year": HOURS_PER_YEAR,
}
_NUMBER = r"[0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
_DURATION = re.compile(rf"^\s*({_NUMBER})\s*([a-z]+?)s?\s*$")
_RATE = re.compile(rf"^\s*({_NUMBER})\s*/\s*({_NUMBER})?\s*([a-z]+?)s?\s*$")
_PERCENT = re.compile(rf"^\s*({_NUMBER})\s*%\s*$")

UNITS_HELP = ", ".join(sorted(HOURS_PER_UNIT, key=HOURS_PER_UNIT.__getitem__))


def _unit_hours(unit: str) -> float:
    if unit not in HOURS_PER_UNIT:
        raise ValueError(f"unknown time unit {unit!r}; use one of: {UNITS_HELP}")
    return HOURS_PER_UNIT[unit]


def _number(text: str, value: str) -> float:
    number = float(text.replace("_", ""))
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is too large to be a number")
    return number


def parse_duration(value: object) -> object:
    """'20m', '2h', '7y', '24mo' -> hours. A bare number is taken as hours."""
    if isinstance(value, str):
        match = _DURATION.match(value.lower())
        if not match:
            raise ValueError(f"expected a duration such as '20m', '2h', '365d' or '7y', got {value!r}")
        return _number(match.group(1), value) * _unit_hours(match.group(2))
    return not_bool(value)


def parse_rate(value: object) -> object:
    """'500/h', '2/week', '0.1/year', '3/2d' -> events per hour. A bare number is per hour."""
    if isinstance(value, str):
        match = _RATE.match(value.lower())
        if not match:
            raise ValueError(f"expected a rate such as '500/h', '2/week' or '0.1/year', got {value!r}")
        count = _number(match.group(1), value)
        period = _number(match.group(2) or "1", value) * _unit_hours(match.group(3))
        if period == 0:
            raise ValueError(f"the period of a rate must be above zero, got {value!r}")
        return count / period
    return not_bool(value)


def parse_share(value: object) -> object:
    """'51%' or 0.51 -> 0.51."""
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if not match:
            raise ValueError(f"expected a share such as '51%' or 0.51, got {value!r}")
        return _number(match.group(1), value) / 100
    return not_bool(value)


def _duration_range(value: float, minimum: float = MIN_DURATION) -> float:
    if value < 0:
        raise ValueError("must not be negative")
    if minimum > 0 and value == 0:
        raise ValueError("must be greater than zero")
    if value < minimum:
        raise ValueError("must be at least 1 second")
    if value > MAX_DURATION:
        raise ValueError("must be at most 10,000 years")
    return value


def duration_hours(text: str) -> float:
    """A duration typed as an option (``--horizon 365d``), in hours, checked as in a scenario file.

    Raises :class:`ValueError` with the reason (bad form, not finite, out of range).
    """
    return _duration_range(float(parse_duration(text)))  # type: ignore[arg-type]


def _time_range(value: float) -> float:
    return _duration_range(value, minimum=0.0)


def _rate_range(value: float) -> float:
    if not value > 0:
        raise ValueError("must be greater than zero")
    if value < MIN_RATE:
        raise ValueError("must be at least 1 per 10,000 years (rarer events never happen); remove the entry")
    if value > MAX_RATE:
        raise ValueError(f"must be at most {MAX_RATE:,.0f}/h")
    return value


def _share_range(value: float) -> float:
    if not 0 < value <= 1:
        raise ValueError("a capital share must be above 0 and at most 100 %")
    return value


def _probability(value: float) -> float:
    if not 0 <= value <= 1:
        raise ValueError("a probability must lie between 0 and 1")
    return value


def _quantity_schema(
    pattern: str, example: str, minimum: float, maximum: float, description: str
) -> WithJsonSchema:
    """A number or a string with its unit, as the JSON Schema of a quantity (with its range).

    A field's own description replaces ``description``, so such fields restate the range.
    """
    number: dict[str, object] = {"type": "number", "minimum": minimum, "maximum": maximum}
    text = {"type": "string", "pattern": pattern, "examples": [example]}
    return WithJsonSchema({"anyOf": [number, text], "description": description})


def check_country(value: str) -> str:
    """ISO 3166-1 alpha-2, upper case; 'UK' is refused because ISO uses 'GB'."""
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        hint = " (the United Kingdom is 'GB' in ISO 3166-1)" if code == "UK" else ""
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code{hint}")
    return code


Hours = Annotated[
    float,
    BeforeValidator(parse_duration),
    AfterValidator(_duration_range),
    _quantity_schema(
        _DURATION.pattern,
        "20m",
        MIN_DURATION,
        MAX_DURATION,
        "A duration (hours, or 20m, 2h, 365d, 7y): 1s to 10000y.",
    ),
]
"""A duration in hours, from 1 second to 10,000 years."""
HoursOrZero = Annotated[
    float,
    BeforeValidator(parse_duration),
    AfterValidator(_time_range),
    _quantity_schema(
        _DURATION.pattern, "30d", 0.0, MAX_DURATION, "A time (hours, or 30d, 24mo): 0 to 10000y."
    ),
]
"""A point in time or a delay in hours, from 0 to 10,000 years."""
PerHour = Annotated[
    float,
    BeforeValidator(parse_rate),
    AfterValidator(_rate_range),
    _quantity_schema(
        _RATE.pattern,
        "500/h",
        MIN_RATE,
        MAX_RATE,
        "A rate (per hour, or 500/h, 2/week): 1/10000y to 1000000/h.",
    ),
]
"""A rate in events per hour, from 1 per 10,000 years to 1,000,000 per hour."""
Share = Annotated[
    float,
    BeforeValidator(parse_share),
    AfterValidator(_share_range),
    _quantity_schema(_PERCENT.pattern, "51%", 0.0, 1.0, "A capital share (0.51 or 51%): above 0, at most 1."),
]
"""A capital share, above 0 and at most 1 (or 100 %)."""
Probability = Annotated[
    float,
    BeforeValidator(parse_share),
    AfterValidator(_probability),
    _quantity_schema(_PERCENT.pattern, "20%", 0.0, 1.0, "A probability (0.2 or 20%): 0 to 1."),
]
"""A probability, from 0 to 1 (or 0 % to 100 %)."""
Country = Annotated[str, AfterValidator(check_country)]


def format_hours(hours: float) -> str:
    """Short human form of a duration, for reports and explanations."""
    for unit, size in (("y", HOURS_PER_UNIT["y"]), ("d", 24.0), ("h", 1.0), ("m", 1 / 60)):
        if hours >= size:
            return f"{hours / size:.3g}{unit}"
    return f"{hours * 3600:.3g}s"
