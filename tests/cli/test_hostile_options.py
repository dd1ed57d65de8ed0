"""Absurd options end in a clear exit 2 within a second, never a traceback, a hang or a folder."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from simulator import app as application
from simulator.app import ExperimentSettings
from simulator.cli import app
from simulator.errors import EXIT_INPUT
from simulator.model.load import load_scenario

runner = CliRunner()
SCENARIO = "scenarios/hdh-azure.yaml"
GRID = ",".join(str(value) for value in range(1, 101))


def _invoke(args: list[str]) -> tuple[int, str, float]:
    start = time.perf_counter()
    result = runner.invoke(app, args, env={"COLUMNS": "400", "NO_COLOR": "1"})
    return result.exit_code, result.output, time.perf_counter() - start


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", SCENARIO, "--target", "0"], "--target: 0.0: must be a share above 0"),
        (["run", SCENARIO, "--target", "nan"], "--target: nan: must be a share above 0"),
        (["run", SCENARIO, "--seed", "-1"], "'--seed': Input should be greater than or equal to 0"),
        (["run", SCENARIO, "--horizon", "1e400h"], "--horizon: '1e400h' is too large"),
        (["run", SCENARIO, "--horizon", "0h"], "--horizon:"),
        (["run", SCENARIO, "--reps", "1000000000"], "past the limit of 1h or 4 GB"),
        (["compare", SCENARIO, SCENARIO, "--reps", "1000000000"], "past the limit"),
        (["check", SCENARIO, "--reps", "1000000000"], "past the limit"),
        (
            ["sweep", SCENARIO, *(f"--param=events.incidents.{i}.rate={GRID}" for i in range(3))],
            "× 1,000,000 sweep points",
        ),
    ],
    ids=[
        "target-0",
        "target-nan",
        "seed-negative",
        "horizon-1e400h",
        "horizon-0",
        "reps-1e9",
        "compare-reps-1e9",
        "check-reps-1e9",
        "sweep-grid-1e6",
    ],
)
def test_an_absurd_option_is_refused_at_once_with_nothing_written(
    args: list[str], message: str, tmp_path: Path
) -> None:
    out = ["--out", str(tmp_path / "results")] if args[0] != "check" else []
    code, output, seconds = _invoke([*args, *out])
    assert code == EXIT_INPUT, output
    assert message in " ".join(output.split()), output
    assert "Traceback" not in output
    assert seconds < 5
    assert not (tmp_path / "results").exists()


def test_force_runs_past_the_budget_and_a_large_run_is_warned_first() -> None:
    scenario = load_scenario(Path(SCENARIO))
    huge = ExperimentSettings(replications=1_000_000_000, force=True)
    assert "a large run" in (application.check_work([scenario], huge, Path(SCENARIO)) or "")
    large = ExperimentSettings(replications=5_000)
    assert "a large run" in (application.check_work([scenario], large, Path(SCENARIO)) or "")
    assert application.check_work([scenario], ExperimentSettings(replications=3), Path(SCENARIO)) is None


def test_the_warning_of_a_large_run_goes_to_stderr_before_it_runs(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(application, "check_work", lambda *args, **kwargs: "a large run: about 1e9 events")
    args = ["run", SCENARIO, "--reps", "2", "--horizon", "2d", "--mitigation-reps", "0", "--json"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert "warning a large run: about 1e9 events" in result.stderr
    assert "large run" not in result.stdout
