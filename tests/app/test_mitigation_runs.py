"""What would change the verdict: each built-in mitigation re-run on common random numbers."""

from __future__ import annotations

import pytest

from simulator import app
from simulator.app import ExperimentSettings
from simulator.app.mitigations import mitigation_effects
from simulator.model.load import load_scenario
from tests.conftest import MINI, TEST_CATALOG

SETTINGS = ExperimentSettings(replications=3, horizon=24 * 10.0, mitigation_replications=2)


@pytest.fixture(scope="module")
def mini_run(tmp_path_factory):
    scenario = load_scenario(MINI, catalog=TEST_CATALOG)
    return scenario, app.run(scenario, SETTINGS, out_root=tmp_path_factory.mktemp("runs")).result


def test_support_without_data_access_removes_all_the_support_exposure_and_nothing_else(mini_run) -> None:
    scenario, result = mini_run
    effects = {e.id: e for e in mitigation_effects(scenario, result, SETTINGS)}
    support = effects["support-without-data-access"].removed
    baseline_support = result.headline("foreign_record_hours.support").values[:2]
    assert support["foreign_record_hours.support"].mean == pytest.approx(sum(baseline_support) / 2)
    assert support["foreign_record_hours.processing"].mean == 0
    assert support["foreign_record_hours.processing"].half_width == 0, "same workload: paired exactly"


def test_only_mitigations_the_design_lacks_run_each_on_at_most_the_runs_replications(mini_run) -> None:
    scenario, result = mini_run
    effects = mitigation_effects(scenario, result, SETTINGS)
    ids = [e.id for e in effects]
    assert "customer-held-keys" not in ids, "the hospital already holds the keys in its own HSM"
    assert "no-foreign-overflow" not in ids, "the design has no overflow"
    assert {"home-support", "support-without-data-access"} <= set(ids)
    assert {e.replications for e in effects} == {2}
    assert all(e.changes for e in effects)


def test_no_mitigation_replications_means_no_mitigation_is_run(mini_run) -> None:
    scenario, result = mini_run
    none = ExperimentSettings(replications=3, mitigation_replications=0)
    assert mitigation_effects(scenario, result, none) == []
