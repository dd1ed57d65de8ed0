"""The executive summary comes first: who can read what, the assertions, the findings grouped,
who accepted what, and what each mitigation would remove."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator import app
from simulator.app import ExperimentSettings
from simulator.compliance.acceptances import load_acceptances
from simulator.model.load import load_scenario
from simulator.report.markdown import md, render_summary

SCENARIOS = Path(__file__).parents[2] / "scenarios"
DESC = SCENARIOS / "desc-azure-axon-per-lot-keys.yaml"  # keys released per lot: at rest protected
SETTINGS = ExperimentSettings(replications=3, horizon=24 * 20.0, mitigation_replications=3)


@pytest.fixture(scope="module")
def desc_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("desc")
    (folder / "acceptances.yaml").write_text(
        "acceptances:\n"
        "  - {id: dpa3-transfer-unapproved@microsoft-india@analytics, status: mitigated,"
        " justification: s. 75 safeguards signed, owner: DPO Police Scotland, date: 2026-01-01,"
        " expires: 2999-01-01}\n"
        "  - {id: support-hours-capped, status: accepted, justification: contract cap from 2027,"
        " owner: SIRO, date: 2020-01-01, expires: 2021-01-01}\n",
        encoding="utf-8",
    )
    accepted = load_acceptances(folder / "acceptances.yaml")
    return app.run(load_scenario(DESC), SETTINGS, folder, acceptances=accepted)


def test_summary_md_gives_the_design_by_state_matrix_with_the_own_law_apart(desc_run) -> None:
    text = desc_run.files["summary.md"].read_text()
    row = next(line for line in text.splitlines() if line.startswith("| Police Scotland DESC"))
    cells = [cell.strip() for cell in row.split("|")[1:-1]]
    assert cells[1] == "protected", "keys held by the SPA: at rest is protected"
    assert cells[2].startswith("readable by US CLOUD Act")
    assert "records at any moment" in cells[-2] and cells[-1].endswith("%)")
    own = text.split("Your own law, for information")[1]
    assert "UK Investigatory Powers Act" in own
    assert "UK Investigatory Powers Act" not in row


def test_the_assertions_scoreboard_shows_pass_and_fail_with_the_figure_against_the_limit(desc_run) -> None:
    text = desc_run.files["summary.md"].read_text()
    sovereign = next(line for line in text.splitlines() if "`evidence-at-rest-sovereign`" in line)
    capped = next(line for line in text.splitlines() if "`support-hours-capped`" in line)
    assert sovereign.startswith("| PASS") and "replications" in sovereign
    assert capped.startswith("| FAIL") and re.search(
        r"h/year \(upper 95 % bound [\d.]+\) \| 4 h/year", capped
    )
    assert "EXPIRED" in capped, "the SIRO's acceptance ran out in 2021"


def test_findings_are_grouped_by_rule_with_initial_and_remaining_counts(desc_run) -> None:
    text = desc_run.files["summary.md"].read_text()
    total = len(desc_run.findings)
    assert f"{total} finding(s), {total - 1} open after risk decisions." in text
    group = next(line for line in text.splitlines() if "`dpa3-transfer-unapproved`" in line)
    assert "| 6 | 5 |" in group, "six near-duplicates in one row, one of them mitigated"
    assert "DPO Police Scotland" in text and "s. 75 safeguards signed" in text


def test_what_would_change_the_verdict_lists_each_mitigation_and_what_it_removes(desc_run) -> None:
    text = desc_run.files["summary.md"].read_text()
    section = text.split("### What would change the verdict")[1]
    assert "3 replications, same seed" in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    titles = [row.split("|")[1].strip() for row in rows]
    assert titles[0] == "Confidential computing with customer-held keys", "biggest removal first"
    assert {"Support without data access", "No overflow outside the home jurisdiction"} <= set(titles)
    assert "Customer-held keys" not in titles, "the SPA already holds the keys"


def test_the_summary_is_the_first_section_of_report_html_and_report_md(desc_run) -> None:
    html = desc_run.files["report.html"].read_text()
    sections = re.findall(r'<section class="card" id="([^"]+)"', html)
    assert sections[0] == "summary"
    assert '<a href="#summary">Summary</a>' in html
    markdown = desc_run.files["report.md"].read_text()
    assert markdown.index("## Summary") < markdown.index("## Verdict")


def test_report_renders_the_same_summary_later_from_the_run_folder(desc_run, tmp_path) -> None:
    again = app.report(desc_run.folder, tmp_path)
    assert again.files["summary.md"].read_text() == desc_run.files["summary.md"].read_text()


def test_findings_csv_says_who_decided_what_on_each_finding(desc_run) -> None:
    rows = desc_run.files["findings.csv"].read_text().splitlines()
    assert rows[0].startswith("design,id,severity,")
    india = next(r for r in rows if "microsoft-india@analytics" in r)
    assert ",mitigated,DPO Police Scotland,2999-01-01" in india
    capped = next(r for r in rows if "assert-support-hours-capped" in r)
    assert "open (accepted expired)" in capped


def test_a_comparison_summary_lists_every_design_in_ranking_order(comparison) -> None:
    text = render_summary(comparison)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "record-hours" in line]
    ranked = [entry.scenario for entry in comparison.ranking]
    assert [row.split("|")[1].strip() for row in rows] == [md(name) for name in ranked]
    assert "What would change the verdict" not in text, "mitigations are re-run for a single design"
