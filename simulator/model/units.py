"""Human-readable quantities in scenario files: durations, rates, shares, countries.

The simulator's clock runs in **hours**; every duration and rate is converted to hours
(or events per hour) here, once, so that nothing downstream handles units.
"""

from __future__ import annotations

import re
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BeforeValidator

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
    "mo": 24.0 * 365.25 / 12,
    "month": 24.0 * 365.25 / 12,
    "y": 24.0 * 365.25,
    "year": 24.0 * 365.25,
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


def parse_duration(value: object) -> object:
    """'20m', '2h', '7y', '24mo' -> hours. A bare number is taken as hours."""
    if isinstance(value, str):
        match = _DURATION.match(value.lower())
        if not match:
            raise ValueError(f"expected a duration such as '20m', '2h', '365d' or '7y', got {value!r}")
        return float(match.group(1).replace("_", "")) * _unit_hours(match.group(2))
    return value


def parse_rate(value: object) -> object:
    """'500/h', '2/week', '0.1/year', '3/2d' -> events per hour. A bare number is per hour."""
    if isinstance(value, str):
        match = _RATE.match(value.lower())
        if not match:
            raise ValueError(f"expected a rate such as '500/h', '2/week' or '0.1/year', got {value!r}")
        count = float(match.group(1).replace("_", ""))
        per = float((match.group(2) or "1").replace("_", ""))
        return count / (per * _unit_hours(match.group(3)))
    return value


def parse_share(value: object) -> object:
    """'51%' or 0.51 -> 0.51."""
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if not match:
            raise ValueError(f"expected a share such as '51%' or 0.51, got {value!r}")
        return float(match.group(1).replace("_", "")) / 100
    return value


def _positive(value: float) -> float:
    if not value > 0:
        raise ValueError("must be greater than zero")
    return value


def _non_negative(value: float) -> float:
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _share_range(value: float) -> float:
    if not 0 < value <= 1:
        raise ValueError("a capital share must be above 0 and at most 100 %")
    return value


def _probability(value: float) -> float:
    if not 0 <= value <= 1:
        raise ValueError("a probability must lie between 0 and 1")
    return value


def check_country(value: str) -> str:
    """ISO 3166-1 alpha-2, upper case; 'UK' is refused because ISO uses 'GB'."""
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        hint = " (the United Kingdom is 'GB' in ISO 3166-1)" if code == "UK" else ""
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code{hint}")
    return code


Hours = Annotated[float, BeforeValidator(parse_duration), AfterValidator(_positive)]
"""A duration in hours, strictly positive."""
HoursOrZero = Annotated[float, BeforeValidator(parse_duration), AfterValidator(_non_negative)]
"""A point in time or a delay in hours, zero allowed."""
PerHour = Annotated[float, BeforeValidator(parse_rate), AfterValidator(_positive)]
"""A rate in events per hour, strictly positive."""
Share = Annotated[float, BeforeValidator(parse_share), AfterValidator(_share_range)]
Probability = Annotated[float, BeforeValidator(parse_share), AfterValidator(_probability)]
Country = Annotated[str, AfterValidator(check_country)]


def format_hours(hours: float) -> str:
    """Short human form of a duration, for reports and explanations."""
    for unit, size in (("y", HOURS_PER_UNIT["y"]), ("d", 24.0), ("h", 1.0), ("m", 1 / 60)):
        if hours >= size:
            return f"{hours / size:.3g}{unit}"
    return f"{hours * 3600:.3g}s"
