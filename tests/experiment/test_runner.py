"""Running experiments end to end: reproducible, parallel, with honest intervals."""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from experiment_fixtures import mini

from simulator.experiment.result import SCHEMA_PATH, to_json
from simulator.experiment.store import save_result

pytest.importorskip("simulator.engine", reason="the engine is not there yet")
from simulator.experiment.runner import compare_designs, run_experiment

HORIZON = 14 * 24.0


def test_same_seed_gives_byte_identical_results_with_one_or_two_workers():
    scenario = mini()
    serial = run_experiment(scenario, replications=4, seed=11, horizon=HORIZON, workers=1, bins=8)
    parallel = run_experiment(scenario, replications=4, seed=11, horizon=HORIZON, workers=2, bins=8)
    assert to_json(serial) == to_json(parallel)
    assert serial.parameters.replications == 4


def test_any_executor_gives_the_same_result_as_the_serial_run():
    scenario = mini()
    serial = run_experiment(scenario, replications=3, seed=5, horizon=HORIZON, bins=4)
    with ThreadPoolExecutor(max_workers=3) as pool:
        threaded = run_experiment(scenario, replications=3, seed=5, horizon=HORIZON, executor=pool, bins=4)
    assert to_json(threaded) == to_json(serial)


def test_another_seed_gives_another_result():
    scenario = mini()
    one = run_experiment(scenario, replications=3, seed=1, horizon=HORIZON, bins=4)
    two = run_experiment(scenario, replications=3, seed=2, horizon=HORIZON, bins=4)
    assert one.headline("foreign_record_hours").values != two.headline("foreign_record_hours").values


def test_confidence_interval_of_utilisation_contains_the_queueing_value():
    # Lots reach analytics at 2/h, each takes 20 min on one of 2 servers: utilisation 1/3.
    result = run_experiment(mini(), replications=8, seed=3, horizon=30 * 24.0, bins=4)
    utilisation = result.operations.compute[0].utilisation
    assert result.operations.compute[0].node == "analytics"
    assert utilisation.low <= 1 / 3 <= utilisation.high
    assert utilisation.half_width < 0.05


def test_confidence_interval_of_legal_demands_contains_rate_times_horizon():
    scenario = mini(**{"horizon: 30d": "horizon: 30d\nregimes:\n  us-law: {demand_rate: 2/day}"})
    result = run_experiment(scenario, replications=20, seed=9, horizon=HORIZON, bins=4)
    demands = result.disclosures[0].demands
    assert demands.low <= 2 * 14 <= demands.high
    assert demands.half_width < 4


def test_progress_is_reported_for_every_replication():
    calls: list[tuple[int, int]] = []
    run_experiment(
        mini(), replications=3, seed=1, horizon=48.0, bins=2, progress=lambda d, t: calls.append((d, t))
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_target_half_width_stops_early_with_the_same_numbers_as_a_fixed_run():
    scenario = mini()
    adaptive = run_experiment(
        scenario, replications=40, seed=4, horizon=HORIZON, bins=4, target_half_width=0.5, batch_size=4
    )
    assert adaptive.parameters.stopped_early
    n = adaptive.parameters.replications
    assert n < 40 and n % 4 == 0
    fixed = run_experiment(scenario, replications=n, seed=4, horizon=HORIZON, bins=4)
    assert adaptive.summary == fixed.summary
    assert adaptive.exposure == fixed.exposure


def test_non_eu_support_exposure_comes_from_the_us_shift():
    result = run_experiment(mini(), replications=3, seed=2, horizon=HORIZON, bins=4)
    assert result.parameters.horizon_hours == HORIZON
    support = {(op.role, op.country) for op in result.operations.support}
    assert ("shift 12-24", "US") in support
    readable = {(cell.node, cell.state) for cell in result.exposure}
    assert ("store", "rest") not in readable  # keys held by the hospital
    assert ("analytics", "processing") in readable
    assert result.headline("foreign_record_hours.rest").value.mean == 0.0


def test_comparing_a_design_with_itself_gives_exactly_zero_differences():
    scenario = mini()
    comparison = compare_designs([scenario, scenario], replications=3, seed=6, horizon=HORIZON, bins=4)
    assert comparison.designs[0].slug != comparison.designs[1].slug
    for difference in comparison.differences:
        assert difference.difference.mean == 0.0 and difference.difference.half_width == 0.0
        assert difference.verdict == "identical"


def test_provider_held_keys_rank_below_customer_held_keys():
    customer_keys = mini()
    provider_keys = mini(**{"keys: hsm, ": "", "name: Mini design": "name: Mini design, provider keys"})
    comparison = compare_designs(
        [provider_keys, customer_keys], replications=3, seed=6, horizon=HORIZON, bins=4
    )
    assert [entry.design for entry in comparison.ranking] == [1, 0]
    rest = next(d for d in comparison.differences if d.metric == "foreign_record_hours.rest")
    assert rest.verdict == "better" and rest.difference.mean < 0
    stock_hours = 10_000 * HORIZON
    assert -rest.difference.mean >= stock_hours * 0.99


def test_bad_arguments_are_refused_by_name():
    with pytest.raises(ValueError, match="replications"):
        run_experiment(mini(), replications=0)
    with pytest.raises(ValueError, match="target_half_width"):
        run_experiment(mini(), replications=2, target_half_width=0)
    with pytest.raises(ValueError, match="unknown target metric"):
        run_experiment(mini(), replications=2, target_metric="nope")


def test_results_are_finite_numbers():
    result = run_experiment(mini(), replications=2, seed=1, horizon=48.0, bins=2)
    for headline in result.summary:
        assert all(math.isfinite(v) for v in headline.values)


def test_a_dask_cluster_gives_the_same_result_as_the_serial_run():
    distributed = pytest.importorskip("distributed")
    scenario = mini()
    serial = run_experiment(scenario, replications=4, seed=3, horizon=HORIZON, bins=4)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = run_experiment(
            scenario, replications=4, seed=3, horizon=HORIZON, bins=4, executor=client.get_executor()
        )
    assert to_json(on_dask) == to_json(serial)


def test_saved_results_of_equal_seeds_are_byte_identical_and_valid(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    scenario = mini()
    first = save_result(
        run_experiment(scenario, replications=2, seed=8, horizon=48.0, bins=2), root=tmp_path / "a"
    )
    second = save_result(
        run_experiment(scenario, replications=2, seed=8, horizon=48.0, bins=2, workers=2),
        root=tmp_path / "b",
        now=datetime(2030, 1, 1, tzinfo=UTC),
    )
    assert first.read_bytes() == second.read_bytes()
    assert first.parent.name.split("-")[-1] == second.parent.name.split("-")[-1]  # same run key
    assert first.parent.parent.name == "mini-design"
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(first.read_text(encoding="utf-8")), schema)
    comparison = compare_designs([scenario, scenario], replications=2, seed=8, horizon=48.0, bins=2)
    jsonschema.validate(json.loads(to_json(comparison)), schema)
