"""Before a run starts, the user learns what it will cost, and a runaway run is refused.

``horizon: 1000y`` once ran six minutes per replication without a word, ``--reps 1000000000``
and a million-point sweep grew to 8 GB. The estimate must match what the engine does, so that
the budget refuses the right runs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simulator.engine import holding, simulate
from simulator.errors import InputError
from simulator.law import analyse
from simulator.model.load import load_scenario, parse_scenario
from simulator.model.workload import EXPIRY_TICKS, check_budget, estimate_work
from tests.conftest import MINI, TEST_CATALOG, mini_with

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
YEAR = 24 * 365.25
SOURCE = Path("scenario.yaml")


def mini(old: str = "", new: str = ""):
    return parse_scenario(mini_with(old, new) if old else MINI.read_text(), catalog=TEST_CATALOG)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda path: path.stem)
def test_the_estimate_is_close_to_the_events_the_engine_counts(path: Path) -> None:
    scenario = load_scenario(path)
    horizon = 90 * 24.0
    outcome = simulate(analyse(scenario), np.random.SeedSequence(1), horizon=horizon)
    estimate = estimate_work(scenario, horizon)
    assert 0.5 < estimate.events / outcome.events < 2


def test_the_estimate_counts_expiry_ticks_as_the_engine_does() -> None:
    assert EXPIRY_TICKS == holding.BUCKETS


def test_bundled_scenarios_run_as_given_without_a_word() -> None:
    for path in SCENARIOS:
        assert check_budget(estimate_work(load_scenario(path), replications=20), path) is None


def test_a_thousand_year_horizon_warns_with_the_estimate() -> None:
    warning = check_budget(estimate_work(mini(), horizon=1000 * YEAR), SOURCE)
    assert warning is not None
    assert "events" in warning and "flows.0.rate" in warning


def test_a_thousand_year_horizon_over_20_replications_is_refused_unless_forced() -> None:
    estimate = estimate_work(mini(), horizon=1000 * YEAR, replications=20)
    with pytest.raises(InputError) as caught:
        check_budget(estimate, SOURCE)
    (problem,) = caught.value.problems
    assert problem.file == SOURCE and problem.field == "flows.0.rate"
    assert "past the limit of 1h" in problem.message and "--force" in problem.message
    assert "a large run" in (check_budget(estimate, SOURCE, force=True) or "")


@pytest.mark.parametrize(("replications", "points"), [(1_000_000_000, 1), (20, 1_000_000)])
def test_a_billion_replications_or_a_million_point_grid_is_refused(replications: int, points: int) -> None:
    estimate = estimate_work(mini(), replications=replications, points=points)
    assert estimate.seconds > 3600
    with pytest.raises(InputError, match="past the limit"):
        check_budget(estimate, SOURCE)


def test_an_overloaded_compute_node_is_refused_for_its_memory() -> None:
    overloaded = mini("rate: 2/h", "rate: 500000/h")  # two servers serve 6 lots an hour
    estimate = estimate_work(overloaded, horizon=30 * 24.0)
    assert estimate.bytes_per_replication > 4e9
    with pytest.raises(InputError, match="GB per replication"):
        check_budget(estimate, SOURCE)


def test_a_one_second_retention_is_counted_in_expiry_ticks() -> None:
    estimate = estimate_work(mini("retention: 1y", "retention: 1s"), horizon=YEAR)
    assert estimate.largest == ("data", "records", "retention")
    assert estimate.parts[estimate.largest] == pytest.approx(YEAR * 3600 * 256)
