"""Expected findings of the bundled seed scenarios (skipped when a scenario is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.compliance import evaluate
from simulator.compliance.render import findings_json, findings_table
from simulator.law.readability import analyse
from simulator.model.load import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def findings_of(name: str):
    path = SCENARIOS / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"{path.name} is not written yet")
    scenario = load_scenario(path)
    return evaluate(scenario, analyse(scenario))


def secnumcloud(found):
    return [f for f in found if f.rule_set == "secnumcloud-3.2"]


def test_secnumcloud_immunity_fails_for_the_health_data_hub_on_azure() -> None:
    found = secnumcloud(findings_of("hdh-azure"))
    rules = {f.rule for f in found}
    assert {"snc-19.6b-non-eu-capital", "snc-19.6c-no-non-eu-reader"} <= rules
    assert any(f.severity == "critical" for f in found)


def test_secnumcloud_immunity_passes_for_the_secnumcloud_host() -> None:
    assert secnumcloud(findings_of("secnumcloud-host")) == []


def test_render_table_and_json() -> None:
    found = findings_of("hdh-azure")
    document = json.loads(findings_json(found, scenario="hdh-azure", fail_on="high"))
    assert document["failed"] is True
    assert [f["id"] for f in document["findings"]] == [f.id for f in found]
    assert findings_table(found).row_count == len(found)
