"""User story: every interval of the reports reads one way: mean ± half-width at the mean's
scale, both bounds when the interval is lopsided, an upper bound when it touches zero."""

from __future__ import annotations

from simulator.experiment.result import Interval
from simulator.report import format as fmt


def _t(mean: float, half: float) -> Interval:
    return Interval(mean=mean, low=mean - half, high=mean + half, half_width=half, n=20, method="t")


def test_a_symmetric_interval_is_a_mean_plus_or_minus_at_one_scale():
    assert fmt.interval(_t(6.61e6, 0.11e6)) == "6.61 M ± 0.11 M"
    assert fmt.interval(_t(1.09e12, 4e9)) == "1.09 T ± 0.004 T"
    assert fmt.interval(_t(0.52, 0.02), as_percent=True) == "52 % ± 2 %"


def test_a_probability_that_may_be_zero_shows_its_upper_bound():
    never = Interval(mean=0, low=0, high=0.2775, half_width=None, n=20, method="wilson")
    assert fmt.interval(never, as_percent=True) == "0 % (at most 27.8 %)"


def test_a_lopsided_interval_shows_both_bounds():
    wilson = Interval(mean=0.12, low=0.08, high=0.17, half_width=None, n=20, method="wilson")
    assert fmt.interval(wilson, as_percent=True) == "12 % (95 % CI 8 % – 17 %)"


def test_record_hours_read_as_records_at_any_moment():
    assert fmt.at_any_moment(5.4e6 * 8760, 8760) == "about 5.4 M records readable at any moment"
    assert fmt.at_any_moment(0, 8760) == "no record readable at any moment"
