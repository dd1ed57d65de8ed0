"""The honest display rule: no point figure that the replications cannot support."""

from __future__ import annotations

from simulator.experiment.stats import proportion_interval, wilson_interval
from simulator.report.probability import precise_enough, probability_text


def test_ten_replications_without_a_disclosure_show_the_upper_bound_not_zero() -> None:
    interval = proportion_interval([False] * 10)
    assert interval.high is not None and round(interval.high, 3) == 0.278
    assert probability_text(interval) == "≤ 27.8 % (more replications needed)"


def test_many_replications_show_the_estimate_with_its_interval() -> None:
    interval = wilson_interval(252, 10_000)
    assert precise_enough(interval)
    assert probability_text(interval).startswith("2.5 % (95 % CI 2.2 % – 2.8")


def test_many_replications_without_a_disclosure_show_zero_with_a_tight_bound() -> None:
    interval = wilson_interval(0, 2000)
    assert probability_text(interval) == "0 % (at most 0.2 %)"


def test_a_wide_interval_needs_more_replications_even_past_the_minimum() -> None:
    interval = wilson_interval(2, 40)
    assert not precise_enough(interval)
    assert probability_text(interval).endswith("(more replications needed)")
