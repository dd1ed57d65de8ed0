"""Scenario files before any simulation: every problem of every file, and the static map."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import app
from simulator.errors import InputError
from tests.conftest import MINI, TEST_CATALOG

SCENARIOS = Path(__file__).parents[2] / "scenarios"


def test_validate_reports_each_file_with_its_own_problems(write_yaml) -> None:
    broken = write_yaml(MINI.read_text().replace("operator: hospital", "operator: nobody", 1))
    good, bad = app.validate([MINI, broken], TEST_CATALOG)
    assert good.scenario is not None and not good.problems
    assert bad.scenario is None and all(p.file == broken for p in bad.problems)
    assert any("nobody" in p.message for p in bad.problems)


def test_load_lists_the_problems_of_all_files_at_once(write_yaml) -> None:
    one = write_yaml(MINI.read_text().replace("operator: hospital", "operator: nobody", 1), "one.yaml")
    two = write_yaml(MINI.read_text().replace("operator: hospital", "operator: noone", 1), "two.yaml")
    with pytest.raises(InputError) as error:
        app.load([one, MINI, two], TEST_CATALOG)
    assert {p.file for p in error.value.problems} == {one, two}


def _regimes(data: dict) -> set[str]:
    return {v["regime"] for n in data["nodes"] for d in n["data"] for v in d["verdicts"]}


def test_explain_keeps_only_the_regimes_asked_for() -> None:
    [scenario] = app.load([SCENARIOS / "hdh-azure.yaml"])
    assert len(_regimes(app.explain(scenario))) > 1
    assert _regimes(app.explain(scenario, {"us-cloud-act"})) == {"us-cloud-act"}
