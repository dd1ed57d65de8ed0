"""Confidence intervals a report can trust: t for means, Wilson for proportions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.experiment.stats import proportion_interval, relative_half_width, t_interval, wilson_interval


def test_t_interval_covers_the_true_mean_about_95_percent_of_the_time():
    rng = np.random.default_rng(20250311)
    true_mean = 3.0
    trials = 2000
    covered = 0
    for _ in range(trials):
        interval = t_interval(rng.normal(true_mean, 2.0, size=12))
        covered += interval.low <= true_mean <= interval.high
    # Exact coverage is 95 %; 2000 trials give a standard error of about 0.5 %.
    assert 0.93 <= covered / trials <= 0.97


def test_t_interval_matches_the_textbook_formula():
    values = [1.0, 2.0, 3.0, 4.0]
    interval = t_interval(values)
    # mean 2.5, sd 1.29099, t(0.975, 3) = 3.18245
    assert interval.mean == pytest.approx(2.5)
    assert interval.half_width == pytest.approx(3.182446 * 1.290994 / 2, rel=1e-5)
    assert interval.low == pytest.approx(2.5 - interval.half_width)
    assert interval.n == 4 and interval.method == "t"


def test_equal_values_give_a_zero_width_interval_exactly():
    interval = t_interval([7.25] * 5)
    assert (interval.mean, interval.low, interval.high, interval.half_width) == (7.25, 7.25, 7.25, 0.0)


def test_one_replication_has_a_mean_but_no_interval():
    interval = t_interval([4.0])
    assert interval.mean == 4.0
    assert interval.low is None and interval.high is None and interval.half_width is None
    assert relative_half_width(interval) == math.inf


def test_no_values_is_refused():
    with pytest.raises(ValueError, match="at least one"):
        t_interval([])


def test_wilson_with_no_success_starts_at_zero_and_is_not_degenerate():
    interval = wilson_interval(0, 20)
    assert interval.mean == 0.0 and interval.low == 0.0
    # Wilson upper bound for 0/20 at 95 %: z²/(n+z²) = 3.8415/23.8415
    assert interval.high == pytest.approx(0.16113, abs=1e-4)
    assert interval.method == "wilson"


def test_wilson_with_all_successes_ends_at_one():
    interval = wilson_interval(20, 20)
    assert interval.mean == 1.0 and interval.high == 1.0
    assert interval.low == pytest.approx(1 - 0.16113, abs=1e-4)


def test_wilson_known_value():
    # 7 of 20: Wilson 95 % interval (0.1812, 0.5671)
    interval = wilson_interval(7, 20)
    assert interval.low == pytest.approx(0.1812, abs=1e-3)
    assert interval.high == pytest.approx(0.5671, abs=1e-3)
    assert interval.half_width == pytest.approx((interval.high - interval.low) / 2)


def test_wilson_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(0, 0)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_always_lies_in_zero_one_and_holds_the_estimate(pair):
    successes, n = pair
    interval = wilson_interval(successes, n)
    assert 0.0 <= interval.low <= interval.mean <= interval.high <= 1.0


def test_proportion_of_flags():
    interval = proportion_interval([True, False, False, True])
    assert interval.mean == 0.5 and interval.n == 4


def test_relative_half_width():
    assert relative_half_width(t_interval([0.0, 0.0, 0.0])) == 0.0
    interval = t_interval([9.0, 11.0])
    assert relative_half_width(interval) == pytest.approx(interval.half_width / 10)
