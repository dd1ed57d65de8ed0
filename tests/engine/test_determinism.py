"""Replications are pure functions of their seed, and compared designs share random numbers."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from simulator.engine import simulate, stable_hash, stream
from tests.conftest import MINI
from tests.engine.helpers import exposure_of

MINI_TEXT = MINI.read_text()


def test_the_same_seed_gives_identical_outcomes() -> None:
    exposure = exposure_of(MINI_TEXT)
    first = simulate(exposure, np.random.SeedSequence(42).spawn(3)[1])
    again = simulate(exposure_of(MINI_TEXT), np.random.SeedSequence(42).spawn(3)[1])
    assert first.same_as(again)
    for name, array in first.arrays().items():
        assert np.array_equal(array, again.arrays()[name], equal_nan=array.dtype.kind == "f"), name
    other = simulate(exposure, np.random.SeedSequence(42).spawn(3)[2])
    assert not np.array_equal(first.flow_lots, other.flow_lots)


def test_an_outcome_is_compact_and_survives_pickling() -> None:
    outcome = simulate(exposure_of(MINI_TEXT), np.random.SeedSequence(1), horizon=24 * 90.0)
    copy = pickle.loads(pickle.dumps(outcome))
    assert copy.same_as(outcome)
    # No per-lot data: three months of lots fit in a few kilobytes.
    assert outcome.lots_created > 20_000
    assert len(pickle.dumps(outcome)) < 20_000


def test_moving_the_keys_changes_no_random_draw() -> None:
    # Common random numbers: two designs that differ only in key custody see the same
    # arrivals, incidents and demands, so their difference is the design, not the noise.
    customer_keys = exposure_of(MINI_TEXT)
    provider_keys = exposure_of(MINI_TEXT.replace("keys: hsm, ", ""))
    seed = np.random.SeedSequence(2025)
    a, b = simulate(customer_keys, seed), simulate(provider_keys, seed)
    assert np.array_equal(a.flow_lots, b.flow_lots)
    assert np.array_equal(a.sessions, b.sessions)
    assert np.array_equal(a.demands, b.demands)
    assert np.array_equal(a.record_hours, b.record_hours)

    # ... while what the US regime can read differs: the provider now holds the keys.
    def readable_rest(exposure, outcome) -> float:
        mask = exposure.readable_mask()[0]
        rest = [p.index for p in exposure.places if p.state == "rest"]
        return float((outcome.record_hours[0, rest] * mask[0, rest]).sum())

    assert readable_rest(customer_keys, a) == 0 < readable_rest(provider_keys, b)


def test_a_flow_keeps_its_arrivals_when_another_flow_is_added() -> None:
    seed = np.random.SeedSequence(8)
    base = simulate(exposure_of(MINI_TEXT), seed)
    extra = MINI_TEXT.replace(
        "flows:\n", "flows:\n  - {from: his, to: analytics, data: records, rate: 3/h, lot: 1}\n"
    )
    more = simulate(exposure_of(extra), seed)
    assert list(more.flow_lots[1:]) == list(base.flow_lots)


def test_streams_are_keyed_by_stable_names() -> None:
    # CRC-32, the same in every process whatever PYTHONHASHSEED says.
    assert stable_hash("flow:his->store:records") == 0x6414756A
    seed = np.random.SeedSequence(3)
    assert stream(seed, "incident:0").random() == stream(seed, "incident:0").random()
    assert stream(seed, "incident:0").random() != stream(seed, "incident:1").random()


def test_bad_arguments_fail_at_once_naming_themselves() -> None:
    exposure = exposure_of(MINI_TEXT)
    with pytest.raises(ValueError, match="bins"):
        simulate(exposure, np.random.SeedSequence(1), bins=0)
    with pytest.raises(ValueError, match="horizon"):
        simulate(exposure, np.random.SeedSequence(1), horizon=-5.0)
    with pytest.raises(TypeError, match="SeedSequence"):
        simulate(exposure, 42)  # type: ignore[arg-type]
