"""Comparing designs: paired differences on common random numbers, and a ranking."""

from __future__ import annotations

import pytest
from experiment_fixtures import fake_result, mini

from simulator.experiment import HEADLINE_KEYS, compare_results


def test_a_design_compared_with_itself_differs_by_exactly_zero(design_result):
    comparison = compare_results([design_result, design_result])
    assert {d.metric for d in comparison.differences} == set(HEADLINE_KEYS)
    for difference in comparison.differences:
        interval = difference.difference
        assert (interval.mean, interval.low, interval.high, interval.half_width) == (0.0, 0.0, 0.0, 0.0)
        assert difference.verdict == "identical"


def test_designs_are_ranked_by_the_headline_metric_lower_first(design_result):
    # Provider-held keys make the stock readable at rest: a worse design on the same seeds.
    provider_keys = fake_result(mini(**{"keys: hsm, ": ""}))
    comparison = compare_results([provider_keys, design_result])
    assert [entry.design for entry in comparison.ranking] == [1, 0]
    assert [entry.rank for entry in comparison.ranking] == [1, 2]
    rest = next(d for d in comparison.differences if d.metric == "foreign_record_hours.rest")
    assert rest.design == 1 and rest.baseline == 0 and rest.verdict == "better"
    assert comparison.slug.startswith("compare-")


def test_results_from_different_seeds_cannot_be_paired(design_result):
    other = design_result.model_copy(
        update={"parameters": design_result.parameters.model_copy(update={"seed": 2})}
    )
    with pytest.raises(ValueError, match="same seed"):
        compare_results([design_result, other])
