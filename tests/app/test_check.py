"""Is this design allowed? The app layer's check, as a CI pipeline would use it."""

from __future__ import annotations

from pathlib import Path

from simulator import app
from simulator.app import ExperimentSettings
from simulator.model.assertion import SEVERITIES, SEVERITY_RANK
from simulator.model.load import load_scenario
from tests.conftest import MINI, TEST_CATALOG

SCENARIOS = Path(__file__).parents[2] / "scenarios"


def test_a_us_hyperscaler_design_fails_at_high_and_a_secnumcloud_host_passes() -> None:
    exposed = app.check(load_scenario(SCENARIOS / "hdh-azure.yaml"), "high", static=True)
    sovereign = app.check(load_scenario(SCENARIOS / "secnumcloud-host.yaml"), "high", static=True)
    assert exposed.failed and exposed.result is None
    assert not sovereign.failed


def test_the_threshold_counts_findings_at_or_above_it_on_the_one_severity_scale() -> None:
    scenario = load_scenario(SCENARIOS / "hdh-azure.yaml")
    findings = app.check(scenario, "info", static=True).findings
    for threshold in SEVERITIES:
        expected = any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold] for f in findings)
        assert app.check(scenario, threshold, static=True).failed == expected, threshold


def test_without_static_the_design_is_simulated_first() -> None:
    done = app.check(load_scenario(MINI, catalog=TEST_CATALOG), settings=ExperimentSettings(replications=2))
    assert done.result is not None and done.result.parameters.replications == 2
