"""Confidence intervals over replications: Student t for means, Wilson for proportions.

Pure functions on numpy arrays, returning :class:`~simulator.experiment.result.Interval`.
A mean over fewer than two replications has no t interval: its bounds are ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

from simulator.experiment.result import Interval

CONFIDENCE = 0.95


def _clean(value: float) -> float:
    """Plain Python float, with -0.0 turned into 0.0 so that JSON output is stable."""
    return float(value) + 0.0


def t_interval(
    values: Sequence[float] | np.ndarray, confidence: float = CONFIDENCE, floor: float | None = None
) -> Interval:
    """Mean of ``values`` with its Student-t confidence interval.

    Equal values (including a design compared with itself) give a half-width of exactly 0.
    ``floor`` clips the lower bound of a quantity that cannot go below it (counts, hours:
    0); ``half_width`` stays the symmetric t half-width.
    """
    data = np.asarray(values, dtype=float)
    n = int(data.size)
    if n == 0:
        raise ValueError("a mean needs at least one value")
    mean = float(np.mean(data))
    if n < 2:
        return Interval(mean=_clean(mean), low=None, high=None, half_width=None, n=n, method="t")
    if np.all(data == data[0]):
        value = _clean(data[0])
        return Interval(mean=value, low=value, high=value, half_width=0.0, n=n, method="t")
    sd = float(np.std(data, ddof=1))
    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * sd / math.sqrt(n)
    low = mean - half if floor is None else max(floor, mean - half)
    return Interval(
        mean=_clean(mean), low=_clean(low), high=_clean(mean + half), half_width=_clean(half), n=n, method="t"
    )


def wilson_interval(successes: int, n: int, confidence: float = CONFIDENCE) -> Interval:
    """Proportion ``successes / n`` with its Wilson score interval (sound at 0 and at n)."""
    if n <= 0:
        raise ValueError("a proportion needs at least one trial")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must lie between 0 and n={n}, got {successes}")
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - spread)
    high = 1.0 if successes == n else min(1.0, centre + spread)
    return Interval(
        mean=_clean(p),
        low=_clean(low),
        high=_clean(high),
        half_width=_clean((high - low) / 2),
        n=n,
        method="wilson",
    )


def proportion_interval(flags: Sequence[bool] | np.ndarray, confidence: float = CONFIDENCE) -> Interval:
    """Wilson interval of the share of true values."""
    data = np.asarray(flags, dtype=bool)
    return wilson_interval(int(data.sum()), int(data.size), confidence)


def relative_half_width(interval: Interval) -> float:
    """Half-width over |mean|; 0 when every value is equal, inf when it is not yet defined."""
    if interval.half_width is None:
        return math.inf
    if interval.half_width == 0:
        return 0.0
    if interval.mean == 0:
        return math.inf
    return interval.half_width / abs(interval.mean)
