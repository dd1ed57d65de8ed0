"""What `check` and `run` print: counts by severity, assertions and decisions in --json, SARIF,
risk decisions from a file, and a report path that survives a narrow or piped terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from simulator.cli import app
from simulator.errors import EXIT_FINDINGS, EXIT_INPUT
from tests.conftest import MINI, TEST_CATALOG

runner = CliRunner()
# The per-lot key variant: its at-rest assertion holds, its support cap fails.
DESC = str(Path(__file__).parents[2] / "scenarios" / "desc-azure-axon-per-lot-keys.yaml")
MINI_ARGS = [str(MINI), "--catalog", str(TEST_CATALOG)]


def test_check_ends_with_the_count_by_severity_before_its_verdict() -> None:
    result = runner.invoke(app, ["check", DESC, "--static"], terminal_width=200)
    assert result.exit_code == EXIT_FINDINGS
    lines = result.output.strip().splitlines()
    assert lines[-2].startswith("8 finding(s): 7 high, 1 info")
    assert lines[-1] == "FAIL: findings at or above high"


def test_check_json_carries_severities_assertions_and_risk_decisions(tmp_path: Path) -> None:
    accepted = tmp_path / "acceptances.yaml"
    accepted.write_text(
        "acceptances:\n  - {id: support-hours-capped, status: accepted, justification: capped,"
        " owner: DPO, date: 2026-01-01, expires: 2999-01-01}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", DESC, "--static", "--json", "--acceptances", str(accepted)])
    document = json.loads(result.stdout)
    assert document["counts"] == {"high": 7, "info": 1}
    assert document["open_counts"] == {"high": 6, "info": 1}
    scoreboard = {a["id"]: a for a in document["assertions"]}
    assert scoreboard["evidence-at-rest-sovereign"]["holds"] is True
    assert scoreboard["support-hours-capped"]["holds"] is False
    assert scoreboard["support-hours-capped"]["limit"] == "4 h/year"
    assert document["decisions"][0]["acceptance"]["owner"] == "DPO"


def test_check_format_sarif_prints_a_sarif_log_and_keeps_the_exit_code() -> None:
    result = runner.invoke(app, ["check", DESC, "--static", "--format", "sarif"])
    assert result.exit_code == EXIT_FINDINGS
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["name"] == "sovsim"


def test_a_bad_acceptances_file_is_an_input_error_naming_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "acceptances.yaml"
    bad.write_text("acceptances:\n  - id: x@y@z\n    status: ok\n", encoding="utf-8")
    result = runner.invoke(app, ["check", DESC, "--static", "--acceptances", str(bad)])
    assert result.exit_code == EXIT_INPUT
    assert f"{bad}:3:5: acceptances.0.status:" in result.stderr


def test_run_prints_the_report_path_alone_on_its_line_however_narrow_the_terminal(tmp_path: Path) -> None:
    out = tmp_path / "a-rather-long-folder-name-that-would-not-fit-in-forty-columns"
    result = runner.invoke(
        app,
        ["run", *MINI_ARGS, "--reps", "2", "--horizon", "5d", "--mitigation-reps", "0", "--out", str(out)],
        terminal_width=40,
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    path = lines[lines.index("report:") + 1]
    assert Path(path).name == "report.html" and Path(path).exists()


def test_run_json_carries_severities_and_the_assertion_results(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "run",
            DESC,
            "--reps",
            "2",
            "--horizon",
            "5d",
            "--mitigation-reps",
            "0",
            "--json",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["counts"]["high"] >= 1 and document["findings"] == sum(document["counts"].values())
    assert {a["id"]: a["holds"] for a in document["assertions"]}["evidence-at-rest-sovereign"] is True


def test_an_acceptance_that_names_no_finding_of_the_design_is_pointed_out(tmp_path: Path) -> None:
    stale = tmp_path / "acceptances.yaml"
    stale.write_text(
        "acceptances:\n  - {id: gone@x@y, status: accepted, justification: old,"
        " owner: DPO, date: 2026-01-01, expires: 2999-01-01}\n",
        encoding="utf-8",
    )
    table = runner.invoke(app, ["check", DESC, "--static", "--acceptances", str(stale)])
    assert "note: the acceptance gone@x@y names no finding of this design" in table.stderr
    document = json.loads(
        runner.invoke(app, ["check", DESC, "--static", "--json", "--acceptances", str(stale)]).stdout
    )
    assert document["unmatched_acceptances"] == ["gone@x@y"]
