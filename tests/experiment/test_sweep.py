"""Parameter sweeps: a grid of validated variants on common random numbers, resumable."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import InputError
from simulator.experiment import sweep_runner
from simulator.experiment.store import load_sweep
from simulator.experiment.sweep_plan import grid_size, parse_param, parse_params
from simulator.experiment.sweep_result import SweepResult, sweep_json
from simulator.experiment.sweep_runner import sweep
from simulator.model.load import load_scenario
from simulator.model.variants import variant

pytest.importorskip("simulator.engine", reason="the engine is not there yet")

TESTS = Path(__file__).resolve().parents[1]
CATALOG = TESTS / "data" / "catalog"
SCENARIO = Path(__file__).parent / "data" / "sweep.yaml"
HORIZON = 10 * 24.0
REPS = 3


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SCENARIO, catalog=CATALOG)


@pytest.fixture
def count_runs(monkeypatch):
    """Count (and keep) the experiments the sweep actually runs."""
    runs = []
    real = sweep_runner.run_experiment

    def counting(model, *args, **kwargs):
        result = real(model, *args, **kwargs)
        runs.append(result)
        return result

    monkeypatch.setattr(sweep_runner, "run_experiment", counting)
    return runs


def test_cli_values_are_yaml_scalars_and_an_empty_value_means_unset():
    assert parse_param("nodes.desk.escalation.probability=0.1,0.3,0.5") == (
        "nodes.desk.escalation.probability",
        [0.1, 0.3, 0.5],
    )
    assert parse_param("data.records.keys=hsm,") == ("data.records.keys", ["hsm", None])
    assert parse_param("flows.0.rate=10/h, 50/h") == ("flows.0.rate", ["10/h", "50/h"])
    assert parse_param("nodes.analytics.overflow.sites=[us-east],[dublin, us-east]")[1] == [
        ["us-east"],
        ["dublin", "us-east"],
    ]


def test_the_grid_is_the_cartesian_product_of_the_values(scenario, count_runs):
    params = parse_params(
        ["nodes.analytics.overflow.when_queue_above=0,50", "nodes.desk.escalation.probability=0.1,0.3,0.5"]
    )
    assert grid_size(params) == 6
    result = sweep(scenario, params, REPS, seed=5, horizon=HORIZON)
    assert [point.settings for point in result.points] == [
        {"nodes.analytics.overflow.when_queue_above": q, "nodes.desk.escalation.probability": p}
        for q in (0, 50)
        for p in (0.1, 0.3, 0.5)
    ]
    assert result.baseline.settings == {}
    # Besides the grid: the baseline (queue 10, p 0.3) and the tornado's one-at-a-time variants
    # p 0.1 and p 0.5 (queue 0 alone and queue 50 alone are grid points, which run once).
    assert len(count_runs) == 6 + 1 + 2
    assert {bar.path for bar in result.tornado.bars} == set(params)
    bar = next(b for b in result.tornado.bars if b.path == "nodes.desk.escalation.probability")
    assert (bar.low_value, bar.high_value) == (0.1, 0.5)
    assert bar.high.mean >= bar.low.mean  # more escalations to the US tier, more US exposure
    assert result.tornado.bars[0].swing >= result.tornado.bars[-1].swing
    assert all(point.headline("foreign_record_hours").value.n == REPS for point in result.points)
    again = SweepResult.model_validate_json(sweep_json(result))
    assert sweep_json(again) == sweep_json(result)


def test_variants_share_common_random_numbers(scenario, count_runs):
    params = {"data.records.keys": ["hsm", None], "nodes.analytics.servers": [2, 4]}
    result = sweep(scenario, params, REPS, seed=9, horizon=HORIZON)
    # Who holds the keys changes what a regime can read and what a session transfers, not what
    # happens: every variant sees the same support sessions in every replication.
    sessions = {tuple(s.sessions.mean for s in r.operations.support) for r in count_runs}
    assert len(sessions) == 1
    # The same lots arrive at the compute node whatever its size; only the waits change.
    arrived = {str(r.operations.compute[0].lots_arrived) for r in count_runs}
    waits = {r.operations.compute[0].mean_wait_hours.mean for r in count_runs}
    assert len(arrived) == 1
    assert len(waits) > 1
    # Keys move the exposure: paired differences, not noise.
    keys = next(b for b in result.tornado.bars if b.path == "data.records.keys")
    assert keys.high_value is None and keys.high.mean > keys.low.mean


def test_an_interrupted_sweep_resumes_where_it_stopped(scenario, tmp_path, count_runs):
    params = {"nodes.desk.session": ["1h", "2h", "4h"], "nodes.analytics.servers": [2, 3]}
    reference = sweep(scenario, params, REPS, seed=3, horizon=HORIZON, out_dir=tmp_path / "whole")
    total = len(count_runs)
    count_runs.clear()

    stop_after = 3

    def interrupt(done: int, all_points: int) -> None:
        assert all_points == total
        if done >= stop_after:
            raise KeyboardInterrupt

    out = tmp_path / "resumed"
    with pytest.raises(KeyboardInterrupt):
        sweep(scenario, params, REPS, seed=3, horizon=HORIZON, out_dir=out, progress=interrupt)
    assert len(count_runs) == stop_after
    assert len(list((out / "points").glob("*.json"))) == stop_after
    assert not (out / "sweep.json").exists()
    assert not list(out.rglob("*.tmp"))

    count_runs.clear()
    resumed = sweep(scenario, params, REPS, seed=3, horizon=HORIZON, out_dir=out)
    assert len(count_runs) == total - stop_after
    assert resumed.reused == stop_after
    assert sweep_json(resumed) == sweep_json(reference)
    assert sweep_json(load_sweep(out)) == sweep_json(reference)

    count_runs.clear()
    sweep(scenario, params, REPS, seed=3, horizon=HORIZON, out_dir=out)
    assert count_runs == []  # everything is reused
    # Another seed is another point: nothing is reused.
    sweep(scenario, {"nodes.desk.session": ["1h"]}, REPS, seed=4, horizon=HORIZON, out_dir=out)
    assert len(count_runs) == 2


def test_a_bad_param_path_is_an_input_error_naming_the_param_once(scenario):
    with pytest.raises(InputError) as caught:
        sweep(scenario, {"nodes.desk.escalaton.probability": [0.1, 0.2, 0.3]}, REPS, seed=1)
    [problem] = caught.value.problems
    assert str(problem.file) == "--param"
    assert problem.loc == ("nodes.desk.escalaton.probability",)
    assert "escalaton" in str(problem) and "escalation" in problem.message  # lists the known fields


def test_bad_values_are_reported_all_at_once_before_anything_runs(scenario, count_runs):
    params = {"nodes.desk.escalation.probability": [0.1, 1.5], "data.records.keys": ["hsm", "nowhere"]}
    with pytest.raises(InputError) as caught:
        sweep(scenario, params, REPS, seed=1)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2
    assert any("nodes.desk.escalation.probability=1.5" in m and "between 0 and 1" in m for m in messages)
    assert any("data.records.keys=nowhere" in m and "unknown" in m for m in messages)
    assert count_runs == []


def test_paths_reach_list_items_by_position_or_name(scenario):
    changed = variant(scenario, {"flows.1.rate": "4/h", "events.incidents.0.rate": "2/day"})
    assert changed.flows[1].rate == pytest.approx(4.0)
    assert changed.events.incidents[0].rate == pytest.approx(2 / 24)
    with pytest.raises(InputError, match="no item is named 'study'"):
        variant(scenario, {"flows.study.rate": "4/h"})
    with pytest.raises(InputError, match="2 item"):
        variant(scenario, {"flows.7.rate": "4/h"})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[" * 600 + "]" * 600, "nested more than 64 levels"),
        ("!!python/object/apply:os.system [ls]", "is not allowed"),
        ("x" * 2_000_000, "larger than 1 MiB"),
    ],
    ids=["nesting-600", "python-tag", "two-megabytes"],
)
def test_a_hostile_param_value_is_an_input_error_on_the_option(value: str, message: str):
    with pytest.raises(InputError, match=message) as caught:
        parse_params([f"horizon={value}"])
    assert str(caught.value.problems[0].file) == "--param"


def test_text_that_is_not_yaml_stays_text_for_the_model_to_judge():
    assert parse_param("nodes.desk.session=a: b: c") == ("nodes.desk.session", ["a: b: c"])


def test_malformed_param_option_is_an_input_error():
    with pytest.raises(InputError, match="PATH=VALUE1,VALUE2"):
        parse_params(["nodes.desk.session"])
    with pytest.raises(InputError, match="given twice"):
        parse_params(["nodes.desk.session=1h", "nodes.desk.session=2h"])


def test_tornado_svg_escapes_text(scenario):
    pytest.importorskip("simulator.report.tornado")
    from simulator.report.tornado import tornado_svg

    result = sweep(scenario, {"nodes.desk.session": ["1h", "4h"]}, 2, seed=1, horizon=HORIZON)
    hostile = result.model_copy(update={"scenario": "<script>alert(1)</script>"})
    svg = tornado_svg(hostile)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "nodes.desk.session" in svg
