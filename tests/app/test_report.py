"""Render the reports of a saved run folder again, exactly as the run wrote them."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import app
from simulator.app import ExperimentSettings
from simulator.errors import InputError
from simulator.model.load import load_scenario
from tests.conftest import MINI, TEST_CATALOG


def test_reports_rendered_again_from_a_run_folder_are_the_same(tmp_path: Path) -> None:
    done = app.run(load_scenario(MINI, catalog=TEST_CATALOG), ExperimentSettings(replications=2), tmp_path)
    again = app.report(done.folder, tmp_path / "again")
    assert again.findings == done.findings
    for name in ("report.md", "report.html", "exposure.csv"):
        assert again.files[name].read_text() == done.files[name].read_text(), name


def test_a_folder_without_a_result_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no result.json here"):
        app.report(tmp_path)
