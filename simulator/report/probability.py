"""The honest display of a probability: a figure only when the replications support one.

With 10 replications and no disclosure the estimate is 0 % but its 95 % interval reaches
27.8 %: printing "0 %" would claim what the run cannot show. Below ``MIN_REPLICATIONS``, or
when the interval is wide, the display gives the upper bound and says more replications are
needed; otherwise the estimate with its interval (formatted as every other report figure).
"""

from __future__ import annotations

from simulator.experiment.result import Interval
from simulator.report.format import interval as interval_text
from simulator.report.format import percent

MIN_REPLICATIONS = 30
"""Fewer replications than this never give a point figure."""
MAX_HALF_WIDTH = 0.01
"""An interval is narrow enough when its half-width is at most 1 point..."""
MAX_RELATIVE_HALF_WIDTH = 0.25
"""...or at most a quarter of the estimate."""


def precise_enough(interval: Interval) -> bool:
    """Whether ``interval`` supports a point figure: enough replications and a narrow interval."""
    if interval.n < MIN_REPLICATIONS or interval.half_width is None or interval.high is None:
        return False
    return interval.half_width <= max(MAX_HALF_WIDTH, MAX_RELATIVE_HALF_WIDTH * interval.mean)


def probability_text(interval: Interval) -> str:
    """What to print for a probability: '≤ 27.8 % (more replications needed)' or '2.5 % (95 % CI …)'."""
    if not precise_enough(interval):
        return f"≤ {percent(1.0 if interval.high is None else interval.high)} (more replications needed)"
    return interval_text(interval, as_percent=True)
