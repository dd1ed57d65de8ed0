"""The honest display rule: no point figure that the replications cannot support."""

from __future__ import annotations

from simulator.experiment.stats import proportion_interval, wilson_interval
from simulator.report.probability import percent, precise_enough, probability_text


def test_ten_replications_without_a_disclosure_show_the_upper_bound_not_zero() -> None:
    interval = proportion_interval([False] * 10)
    assert interval.high is not None and round(interval.high, 3) == 0.278
    assert probability_text(interval) == "≤ 28 % (more replications needed)"


def test_many_replications_show_the_estimate_with_its_interval() -> None:
    interval = wilson_interval(252, 10_000)
    assert precise_enough(interval)
    assert probability_text(interval).startswith("2.52 % (95 % CI 2.")


def test_many_replications_without_a_disclosure_show_zero_with_a_tight_bound() -> None:
    interval = wilson_interval(0, 2000)
    assert probability_text(interval) == "0 % (95 % CI 0 % – 0.19 %)"


def test_a_wide_interval_needs_more_replications_even_past_the_minimum() -> None:
    interval = wilson_interval(2, 40)
    assert not precise_enough(interval)
    assert probability_text(interval).endswith("(more replications needed)")


def test_percentages_keep_the_digits_that_matter() -> None:
    assert [percent(v) for v in (0.278, 0.0252, 0.0041, 0)] == ["28 %", "2.52 %", "0.41 %", "0 %"]
