"""The honest display of a probability: a figure only when the replications support one.

With 10 replications and no disclosure the estimate is 0 % but its 95 % interval reaches
27.8 %: printing "0 %" would claim what the run cannot show. Below ``MIN_REPLICATIONS``, or
when the interval is wide, the display gives the upper bound and says more replications are
needed; otherwise the estimate with its interval.
"""

from __future__ import annotations

from simulator.experiment.result import Interval

MIN_REPLICATIONS = 30
"""Fewer replications than this never give a point figure."""
MAX_HALF_WIDTH = 0.01
"""An interval is narrow enough when its half-width is at most 1 point..."""
MAX_RELATIVE_HALF_WIDTH = 0.25
"""...or at most a quarter of the estimate."""


def percent(value: float) -> str:
    """0.278 -> '27.8 %', 0.0252 -> '2.52 %', 0 -> '0 %'."""
    if value == 0:
        return "0 %"
    if value >= 0.1:
        return f"{value * 100:.0f} %"
    if value >= 0.01:
        return f"{value * 100:.2f} %"
    return f"{value * 100:.2g} %"


def precise_enough(interval: Interval) -> bool:
    """Whether ``interval`` supports a point figure: enough replications and a narrow interval."""
    if interval.n < MIN_REPLICATIONS or interval.half_width is None or interval.high is None:
        return False
    return interval.half_width <= max(MAX_HALF_WIDTH, MAX_RELATIVE_HALF_WIDTH * interval.mean)


def probability_text(interval: Interval) -> str:
    """What to print for a probability: '≤ 28 % (more replications needed)' or '2.5 % (1.9-3.3 %)'."""
    if not precise_enough(interval):
        bound = 1.0 if interval.high is None else interval.high
        return f"≤ {percent(bound)} (more replications needed)"
    assert interval.low is not None and interval.high is not None
    return f"{percent(interval.mean)} (95 % CI {percent(interval.low)} – {percent(interval.high)})"
