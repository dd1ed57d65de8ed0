"""Assertions checked over real replications of the bundled designs, as `sovsim check` does."""

from __future__ import annotations

from pathlib import Path

from simulator.compliance import evaluate
from simulator.experiment.runner import run_experiment
from simulator.law.readability import analyse
from simulator.model.load import load_scenario
from simulator.model.variants import variant

SCENARIOS = Path(__file__).parents[2] / "scenarios"


def assertion_findings(name: str, days: int, settings: dict[str, str] | None = None) -> dict[str, str]:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    if settings:
        scenario = variant(scenario, settings)
    result = run_experiment(scenario, replications=3, seed=2, horizon=24 * days)
    findings = evaluate(scenario, analyse(scenario), result=result)
    return {f.rule: f.message for f in findings if f.rule_set == "assertions"}


def test_desc_keeps_evidence_sovereign_at_rest_only_with_per_lot_key_release() -> None:
    stock_wide = assertion_findings("desc-azure-axon", days=60)
    assert "assert-evidence-at-rest-sovereign" in stock_wide
    per_lot = assertion_findings(
        "desc-azure-axon", days=60, settings={"nodes.spa-keys.grants.0.scope": "lot"}
    )
    assert "assert-evidence-at-rest-sovereign" not in per_lot
    assert "assert-support-hours-capped" in per_lot
    assert "4" in per_lot["assert-support-hours-capped"]


def test_secnumcloud_host_keeps_its_assertions_over_the_replications() -> None:
    assert assertion_findings("secnumcloud-host", days=30) == {}
