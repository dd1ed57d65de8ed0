"""The range every number of a scenario must lie in, and why.

A scenario file is user input: a number outside these ranges is a typo or an attack, never a
hosting design, and letting it through turns into a hang, a gigabyte allocation or a wrong
figure far from the line that caused it. Each range is checked by the schema (so ``validate``
refuses it, naming the field) and stated in the field's description (so ``sovsim schema``
shows it). How much work a valid scenario asks for is a separate question, answered by
:mod:`simulator.model.workload`.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

HOURS_PER_YEAR = 24.0 * 365.25
MIN_DURATION = 1 / 3600
"""One second, in hours: shorter steps mean nothing for a hosting design, and ``1 / duration``
stays finite (``every: 1e-300h`` would otherwise schedule 10³⁰⁰ batches)."""
MAX_DURATION = 10_000 * HOURS_PER_YEAR
"""Ten thousand years, in hours: a finite clock, far above any retention or horizon."""
MIN_RATE = 1 / MAX_DURATION
"""One event per ten thousand years: rarer than that never happens within any horizon."""
MAX_RATE = 1_000_000.0
"""Events (lots, incidents, demands) per hour: about 280 a second, beyond any flow of lots
(a lot carries many records); ``1e308/h`` would otherwise validate and then never finish."""
MAX_RECORDS = 10_000_000_000
"""Records of one data class: more than the world's population, and small enough that the
engine's integer record counters (int64) cannot overflow."""
MAX_LOT = 1_000_000_000
"""Records per lot."""
MAX_SERVERS = 100_000
"""Servers of one compute pool: the engine keeps one clock per server
(``servers: 1000000000`` allocated 8 GB)."""
MAX_BATCH_LOTS = 1_000_000
"""Lots per batch."""
MAX_QUEUE = 1_000_000_000
"""Waiting lots before a compute node bursts to its overflow sites."""
MAX_CV = 100.0
"""Coefficient of variation of a lognormal service time."""
MAX_MULTIPLIER = 1_000.0
"""A diurnal hour's multiplier of the rate: the engine draws arrivals at the peak rate."""
MAX_HOURS_PER_YEAR = 8_784.0
"""Hours in a leap year: the most a ``max_hours`` assertion can allow."""


def _whole_number(value: Any) -> Any:
    """Counts are whole numbers: refuse booleans (YAML's ``yes``/``true``) and fractions by name."""
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got the boolean {str(value).lower()}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"expected a whole number, got {value}")
        if value.is_integer():
            return int(value)
    return value


def not_bool(value: Any) -> Any:
    """A number must not be given as ``true``/``false`` (which Python would read as 1 and 0)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got the boolean {str(value).lower()}")
    return value


# The bounds come before the validator in each Annotated: the other way round, pydantic still
# checks them but writes them into the JSON Schema as unknown keys ("gt") instead of "minimum".
def count(maximum: int, zero: bool = False) -> Any:
    """A whole number from 1 (or 0, with ``zero``) to ``maximum``, e.g. ``records`` or ``servers``."""
    lowest = {"ge": 0} if zero else {"gt": 0}
    return Annotated[int, Field(le=maximum, **lowest), BeforeValidator(_whole_number)]


def number(**bounds: float) -> Any:
    """A finite real number within ``bounds`` (pydantic's ``gt``, ``ge``, ``le``), never a boolean."""
    return Annotated[float, Field(**bounds), BeforeValidator(not_bool)]


Records = count(MAX_RECORDS)
LotSize = count(MAX_LOT)
Servers = count(MAX_SERVERS)
BatchLots = count(MAX_BATCH_LOTS)
QueueLength = count(MAX_QUEUE, zero=True)
