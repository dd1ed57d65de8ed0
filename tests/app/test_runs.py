"""From Python: run a design, compare designs and sweep assumptions through the app layer."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pytest

from simulator import app
from simulator.app import ExperimentSettings, SweepInterrupted
from simulator.model.load import load_scenario
from tests.conftest import MINI, TEST_CATALOG

QUICK = ExperimentSettings(replications=2, horizon=24 * 10.0)
REPORT_FILES = {"result.json", "findings.json", "report.md", "report.html", "exposure.csv"}


@pytest.fixture(scope="module")
def mini():
    return load_scenario(MINI, catalog=TEST_CATALOG)


def test_run_writes_the_result_its_findings_and_the_reports(tmp_path: Path, mini) -> None:
    done = app.run(mini, QUICK, tmp_path)
    assert done.folder.parent.parent == tmp_path
    assert REPORT_FILES <= set(done.files)
    assert all(path.parent == done.folder and path.exists() for path in done.files.values())
    saved = json.loads(done.files["findings.json"].read_text())
    assert [f["id"] for f in saved] == [f.id for f in done.findings]
    assert done.result.parameters.replications == 2


def test_compare_keeps_each_designs_findings_under_its_index(tmp_path: Path, mini) -> None:
    done = app.compare([mini, mini], QUICK, tmp_path)
    assert sorted(done.findings) == [0, 1]
    assert [f.id for f in done.findings[0]] == [f.id for f in done.findings[1]]
    saved = json.loads(done.files["findings.json"].read_text())
    assert sorted(saved) == ["0", "1"]


def test_a_sweep_rerun_with_the_same_settings_reuses_its_points(tmp_path: Path, mini) -> None:
    params = {"nodes.desk.session": ["1h", "4h"]}
    first = app.sweep(mini, params, QUICK, out_root=tmp_path)
    again = app.sweep(mini, params, QUICK, out_root=tmp_path)
    assert again.folder == first.folder and set(first.files) == {"sweep.json", "report.html"}
    assert again.result.reused >= len(first.result.points)
    other_seed = ExperimentSettings(replications=2, seed=9, horizon=24 * 10.0)
    assert app.runs.sweep_folder(mini, params, other_seed, tmp_path) != first.folder


def test_an_interrupted_sweep_says_where_its_finished_points_are(tmp_path: Path, mini) -> None:
    @contextmanager
    def impatient(total: int, label: str):
        def update(done: int, total: int) -> None:
            raise KeyboardInterrupt

        yield update

    with pytest.raises(SweepInterrupted) as stopped:
        app.sweep(mini, {"nodes.desk.session": ["1h", "4h"]}, QUICK, out_root=tmp_path, progress=impatient)
    assert stopped.value.folder.parent.parent == tmp_path
    assert isinstance(stopped.value, KeyboardInterrupt)
