"""The same experiment on a Dask cluster and on a local process pool gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import distributed
import pytest

from simulator.experiment.executors import make_executor
from simulator.experiment.result import to_json
from simulator.experiment.runner import run_experiment
from simulator.model.load import load_scenario

TESTS = Path(__file__).resolve().parents[1]
MINI = TESTS / "data" / "mini.yaml"
CATALOG = TESTS / "data" / "catalog"
HORIZON = 30 * 24.0
REPS = 4


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(MINI, catalog=CATALOG)


@pytest.fixture(scope="module")
def pool_result(scenario):
    with make_executor("process", workers=2) as pool:
        return run_experiment(scenario, REPS, seed=21, horizon=HORIZON, executor=pool)


@pytest.mark.slow
def test_dask_executor_gives_the_same_result_json_as_the_process_pool(cluster, scenario, pool_result):
    with distributed.Client(cluster) as client:
        on_dask = run_experiment(scenario, REPS, seed=21, horizon=HORIZON, executor=client.get_executor())
    assert to_json(on_dask) == to_json(pool_result)
    # Pure task keys did not collapse the replications: each has its own seed and result.
    values = on_dask.headline("foreign_record_hours").values
    assert len(values) == REPS and len(set(values)) == REPS


@pytest.mark.slow
def test_make_executor_connects_to_a_running_scheduler(cluster, scenario, pool_result):
    with make_executor("dask", workers=2, scheduler=cluster.scheduler_address) as executor:
        on_dask = run_experiment(scenario, REPS, seed=21, horizon=HORIZON, executor=executor)
    assert to_json(on_dask) == to_json(pool_result)


def test_make_executor_refuses_unknown_kinds_and_misplaced_schedulers():
    with pytest.raises(ValueError, match="unknown executor"), make_executor("threads", 2):  # type: ignore[arg-type]
        pass
    with (
        pytest.raises(ValueError, match="only makes sense"),
        make_executor("process", 2, scheduler="tcp://h:8786"),
    ):
        pass


def test_missing_dask_names_the_optional_extra(monkeypatch):
    import builtins

    from simulator.experiment import executors

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    hint = r"pip install 'sovsim\[dask\]'"
    with pytest.raises(executors.MissingDependency, match=hint), executors.make_executor("dask", 1):
        pass
