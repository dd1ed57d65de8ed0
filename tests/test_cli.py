"""The command line documents itself and serves people and scripts alike."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from simulator.cli import app
from simulator.errors import EXIT_INPUT
from tests.conftest import MINI, TEST_CATALOG

runner = CliRunner()


def test_help_lists_commands_and_exit_codes() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("validate", "explain", "schema", "run", "compare", "check", "report", "sweep"):
        assert command in result.output
    assert "Exit codes" in result.output


@pytest.mark.parametrize(
    "command", ["validate", "explain", "schema", "run", "compare", "check", "report", "sweep"]
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_explain_prints_paths_for_the_small_example() -> None:
    result = runner.invoke(app, ["explain", str(MINI), "--catalog", str(TEST_CATALOG)], terminal_width=400)
    assert result.exit_code == 0, result.output
    assert (
        "READABLE processing US test law → US Parent Inc (US, incorporated) → EU Subsidiary Ltd (100 %)"
        in result.output
    )
    assert "at rest" not in result.output  # customer-held keys: nothing readable at rest
    assert "3 readable exposure(s)" in result.output


def test_explain_all_shows_what_protection_covers() -> None:
    result = runner.invoke(
        app, ["explain", str(MINI), "--catalog", str(TEST_CATALOG), "--all"], terminal_width=400
    )
    assert "protected rest" in result.output
    assert "ciphertext only, keys held by Public Hospital (hsm), outside reach" in result.output


def test_explain_json_for_scripts(write_yaml) -> None:
    # The store moves to an EU provider with 30 % US capital: not controlled, but reported.
    path = write_yaml(
        MINI.read_text().replace(
            "store: {kind: storage, operator: eu-sub", "store: {kind: storage, operator: eu-minority"
        )
    )
    result = runner.invoke(app, ["explain", str(path), "--catalog", str(TEST_CATALOG), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    analytics = next(node for node in data["nodes"] if node["node"] == "analytics")
    states = {v["state"] for d in analytics["data"] for v in d["verdicts"] if v["readable"]}
    assert states == {"processing", "support"}
    provider = next(e for e in data["entities"] if e["entity"] == "eu-minority")
    assert provider["reached_by"] == [] and provider["minority_holdings"][0]["share"] == 0.3
    assert {e["entity"] for e in data["entities"]} == {
        "eu-minority",
        "eu-owner",
        "eu-sub",
        "hospital",
        "us-parent",
    }


def test_explain_unknown_regime_is_an_input_error() -> None:
    result = runner.invoke(app, ["explain", str(MINI), "--catalog", str(TEST_CATALOG), "--regime", "nope"])
    assert result.exit_code == EXIT_INPUT
    assert "unknown regime(s) nope" in result.output


def test_schema_is_json_schema_of_scenarios(tmp_path) -> None:
    target = tmp_path / "scenario.schema.json"
    result = runner.invoke(app, ["schema", "--output", str(target)])
    assert result.exit_code == 0, result.output
    schema = json.loads(target.read_text())
    assert "nodes" in schema["properties"] and "from" in json.dumps(schema)


def test_version_is_the_installed_one() -> None:
    from simulator import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"sovsim {__version__}"
