"""From the command line: run a design, compare designs, gate a CI pipeline, re-render reports."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from simulator.cli import app
from simulator.errors import EXIT_FINDINGS, EXIT_INPUT
from tests.conftest import MINI, TEST_CATALOG

runner = CliRunner()
SCENARIOS = Path(__file__).parents[1] / "scenarios"
QUICK = ["--reps", "3", "--horizon", "10d", "--catalog", str(TEST_CATALOG)]


def test_run_writes_result_findings_and_reports(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(MINI), *QUICK, "--out", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    folder = Path(payload["result"]).parent
    assert folder.parent.parent == tmp_path
    for name in ("result.json", "findings.json", "report.md", "report.html", "exposure.csv"):
        assert (folder / name).stat().st_size > 0, name
    processing = next(h for h in payload["summary"] if h["key"] == "foreign_record_hours.processing")
    assert processing["value"]["mean"] > 0


def test_run_with_the_same_seed_writes_the_same_result(tmp_path: Path) -> None:
    paths = []
    for name in ("a", "b"):
        result = runner.invoke(app, ["run", str(MINI), *QUICK, "--out", str(tmp_path / name), "--json"])
        paths.append(Path(json.loads(result.stdout)["result"]))
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_bad_horizon_is_an_input_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["run", str(MINI), "--horizon", "ten days", "--catalog", str(TEST_CATALOG), "--out", str(tmp_path)],
    )
    assert result.exit_code == EXIT_INPUT
    assert "--horizon" in result.output and "expected a duration" in result.output
    assert not any(tmp_path.iterdir())


def test_compare_ranks_designs_and_prints_the_report_path(tmp_path: Path, write_yaml) -> None:
    eu_support = write_yaml(
        MINI.read_text()
        .replace("name: Mini design", "name: Mini in-house afternoon support")
        .replace(
            '{hours: "12-24", site: us-east, entity: us-parent}',
            '{hours: "12-24", site: paris, entity: hospital}',
        ),
        "eu.yaml",
    )
    options = [
        "--reps",
        "3",
        "--horizon",
        "60d",
        "--catalog",
        str(TEST_CATALOG),
        "--out",
        str(tmp_path),
        "--json",
    ]
    result = runner.invoke(app, ["compare", str(MINI), str(eu_support), *options])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert Path(payload["report"]).exists()
    ranking = [entry["scenario"] for entry in payload["ranking"]]
    assert ranking == ["Mini in-house afternoon support", "Mini design"]


def test_check_gates_ci_on_severity() -> None:
    failing = runner.invoke(
        app, ["check", str(SCENARIOS / "hdh-azure.yaml"), "--static", "--fail-on", "high"]
    )
    assert failing.exit_code == EXIT_FINDINGS, failing.output
    assert "FAIL" in failing.output
    passing = runner.invoke(
        app, ["check", str(SCENARIOS / "secnumcloud-host.yaml"), "--static", "--fail-on", "high"]
    )
    assert passing.exit_code == 0, passing.output


def test_check_json_lists_findings_with_sources() -> None:
    result = runner.invoke(app, ["check", str(SCENARIOS / "hdh-azure.yaml"), "--static", "--json"])
    document = json.loads(result.stdout)
    ids = [finding["id"] for finding in document["findings"]]
    assert any(i.startswith("snc-19.6c-no-non-eu-reader@") for i in ids)
    assert all(
        finding["source"].startswith("http")
        for finding in document["findings"]
        if finding["rule_set"] != "assertions"
    )


def test_check_says_which_rule_sets_ran_and_why_and_can_force_one() -> None:
    desc = str(SCENARIOS / "desc-azure-axon.yaml")
    result = runner.invoke(app, ["check", desc, "--static", "--json"])
    uses = {use["id"]: use for use in json.loads(result.stdout)["rule_sets"]}
    assert [i for i, use in uses.items() if use["ran"]] == ["dpa-2018-part-3"]
    assert "needs country FR" in uses["secnumcloud-3.2"]["reason"]
    forced = runner.invoke(app, ["check", desc, "--static", "--json", "--rule-set", "secnumcloud-3.2"])
    document = json.loads(forced.stdout)
    assert {u["id"]: u["forced"] for u in document["rule_sets"]}["secnumcloud-3.2"] is True
    assert any(f["rule_set"] == "secnumcloud-3.2" for f in document["findings"])
    table = runner.invoke(app, ["check", desc, "--static"])
    assert "Rule sets" in table.output and "dpa-2018-part-3" in table.output
    unknown = runner.invoke(app, ["check", desc, "--static", "--rule-set", "no-such-set"])
    assert unknown.exit_code == EXIT_INPUT and "unknown rule set" in unknown.output


def test_report_rerenders_from_a_saved_result(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(MINI), *QUICK, "--out", str(tmp_path), "--json"])
    folder = Path(json.loads(result.stdout)["result"]).parent
    (folder / "report.html").unlink()
    again = runner.invoke(app, ["report", str(folder)])
    assert again.exit_code == 0, again.output
    assert (
        "Findings" in (folder / "report.html").read_text()
        or "findings" in (folder / "report.html").read_text()
    )


def test_report_on_a_missing_result_is_an_input_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path / "nope")])
    assert result.exit_code == EXIT_INPUT


def test_sweep_writes_a_tornado_report_and_resumes(tmp_path: Path) -> None:
    command = [
        "sweep",
        str(MINI),
        "--param",
        "nodes.desk.session=1h,4h",
        "--param",
        "data.records.keys=hsm,",
        *QUICK,
        "--out",
        str(tmp_path),
        "--json",
    ]
    first = json.loads(runner.invoke(app, command).stdout)
    html = Path(first["report"]).read_text()
    assert "<svg" in html and "data.records.keys" in html
    again = json.loads(runner.invoke(app, command).stdout)
    assert again["sweep"] == first["sweep"] and again["reused"] >= first["points"]


def test_sweep_typo_in_a_param_path_is_an_input_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["sweep", str(MINI), "--param", "nodes.desk.sesion=1h", *QUICK, "--out", str(tmp_path)]
    )
    assert result.exit_code == EXIT_INPUT
    assert "nodes.desk has no 'sesion'" in result.output


def test_scheduler_without_the_dask_executor_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", str(MINI), *QUICK, "--scheduler", "tcp://127.0.0.1:1", "--out", str(tmp_path)]
    )
    assert result.exit_code == EXIT_INPUT
    assert "--executor dask" in result.output
