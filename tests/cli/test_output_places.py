"""An output place that cannot be written is refused before anything is simulated, with exit 2."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from simulator.app import runs
from simulator.cli import app
from simulator.errors import EXIT_INPUT

runner = CliRunner()
SCENARIO = "scenarios/hdh-azure.yaml"
SHORT = ["--reps", "2", "--horizon", "2d"]


@pytest.fixture
def no_simulation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("simulated although the results could not be saved")

    monkeypatch.setattr(runs, "simulate", refuse)
    monkeypatch.setattr(runs, "compare_designs", refuse)


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("")
    return path


def _too_long(tmp_path: Path) -> Path:
    return tmp_path.joinpath(*["d" * 250] * 16)


def _read_only(tmp_path: Path) -> Path:
    path = tmp_path / "read-only"
    path.mkdir(mode=0o555)
    return path


@pytest.mark.parametrize(
    ("place", "message"),
    [
        (_file, "this is a file, not a folder"),
        (_too_long, "too long"),
        pytest.param(
            _read_only,
            "Permission denied",
            marks=pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere"),
        ),
    ],
    ids=["a-file", "too-long", "read-only"],
)
@pytest.mark.parametrize("command", [["run", SCENARIO], ["compare", SCENARIO, SCENARIO]])
@pytest.mark.usefixtures("no_simulation")
def test_an_out_folder_that_cannot_be_written_is_refused_before_simulating(
    tmp_path: Path, place, message: str, command: list[str]
) -> None:
    result = runner.invoke(app, [*command, *SHORT, "--out", str(place(tmp_path))])
    assert result.exit_code == EXIT_INPUT, result.output
    assert message in result.output and "Traceback" not in result.output


def test_schema_into_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == EXIT_INPUT
    assert f"{tmp_path}: cannot write or read here: Is a directory" in result.output


def test_report_into_a_file_is_a_clear_error(tmp_path: Path) -> None:
    done = runner.invoke(
        app, ["run", SCENARIO, *SHORT, "--mitigation-reps", "0", "--out", str(tmp_path / "results"), "--json"]
    )
    assert done.exit_code == 0, done.output
    saved = json.loads(done.output)["result"]
    result = runner.invoke(app, ["report", saved, "--out", str(_file(tmp_path))])
    assert result.exit_code == EXIT_INPUT
    assert "this is a file, not a folder" in result.output
