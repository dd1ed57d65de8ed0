"""The experiment options are declared once and appear, the same, on every command that runs replications."""

from __future__ import annotations

import re
from typing import get_args

import pytest
from typer.testing import CliRunner

from simulator.cli import app
from simulator.cli.options import ExperimentOptions, parse_horizon
from simulator.errors import InputError
from simulator.model.assertion import SEVERITIES, Severity

runner = CliRunner()
ALL = ["--reps", "--seed", "--horizon", "--workers", "--target", "--executor", "--scheduler"]


def _options(command: str) -> list[str]:
    text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"}).output
    return [option for option in ALL if re.search(rf"^\W*{option}\s", text, re.MULTILINE)]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("run", ALL),
        ("compare", ALL),
        ("sweep", [o for o in ALL if o != "--target"]),
        ("check", ["--reps", "--seed", "--workers"]),
    ],
)
def test_each_command_shows_its_share_of_the_experiment_options(command: str, expected: list[str]) -> None:
    assert _options(command) == expected


def test_the_options_become_typed_settings() -> None:
    settings = ExperimentOptions(reps=4, seed=9, horizon="2d", target=0.1).settings()
    assert (settings.replications, settings.seed, settings.horizon, settings.target) == (4, 9, 48.0, 0.1)


@pytest.mark.parametrize("text", ["ten days", "0d"])
def test_a_horizon_that_is_not_a_positive_duration_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_horizon(text)
    assert str(error.value.problems[0].file) == "--horizon"


def test_fail_on_offers_the_one_severity_scale() -> None:
    assert get_args(Severity) == SEVERITIES
    text = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"}).output
    assert "|".join(SEVERITIES) in text
