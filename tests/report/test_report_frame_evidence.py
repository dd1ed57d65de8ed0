"""User stories: a DPO reads the reports of the bundled designs and finds who answers for the data,
which law is their own, which transfer tool covers each transfer, which key variant the at-rest
guarantee needs, and what published evidence the disclosure probability rests on."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from simulator.experiment.result import DesignResult
from simulator.experiment.runner import run_experiment
from simulator.model.load import load_scenario
from simulator.report import render_csv, render_html, render_markdown
from simulator.report.format import percent
from simulator.report.probability import probability_text
from simulator.report.svg import esc
from tests.report.conftest import mini

SCENARIOS = Path(__file__).parents[2] / "scenarios"
REPLICATIONS = 3
MICROSOFT_REPORT = "microsoft.com/en-us/about/corporate-responsibility/lerr"


def _run(name: str, days: int) -> DesignResult:
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    return run_experiment(scenario, replications=REPLICATIONS, seed=1, horizon=days * 24.0)


@pytest.fixture(scope="module")
def desc() -> DesignResult:
    return _run("desc-azure-axon", 30)


@pytest.fixture(scope="module")
def darwin() -> DesignResult:
    return _run("darwin-eu", 14)


@pytest.fixture(scope="module")
def hdh() -> DesignResult:
    return _run("hdh-azure", 30)


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'<section[^>]*\bid="{section_id}"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert match, f"no section #{section_id}"
    return match.group(1)


def _md_section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", text, re.DOTALL | re.MULTILINE)
    assert match, f"no section {title!r}"
    return match.group(1)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_desc_names_police_scotland_and_keeps_uk_law_apart_as_its_own(desc):
    verdict = _section(render_html(desc), "verdict")
    assert "Controller: Police Scotland (Police Service of Scotland)" in verdict
    assert "“Foreign” means seated outside the UK" in verdict
    own = verdict[verdict.index("Your own law, for information") :]
    assert "UK Investigatory Powers Act 2016" in own[: own.index("</ul>")]
    foreign_blocks = re.findall(r'<div class="verdict[^"]*">.*?</div>', verdict, re.DOTALL)
    assert foreign_blocks and all("UK Investigatory Powers" not in block for block in foreign_blocks)

    text = render_markdown(desc)
    assert "Controller: Police Scotland" in text
    assert "UK Investigatory Powers Act 2016" in _md_section(text, "Your own law, for information")
    assert "UK Investigatory Powers" not in _md_section(text, "Verdict")


def test_transfers_show_the_importer_and_the_transfer_tool(desc):
    transfers = _section(render_html(desc), "transfers")
    assert "<td>GB</td><td>NL</td><td><code>microsoft-ireland</code></td><td>adequacy</td>" in transfers
    assert "<td>GB</td><td>IN</td><td><code>microsoft-india</code></td><td>none</td>" in transfers
    assert "<td>GB</td><td>US</td><td><code>axon</code></td><td>none</td>" in transfers
    assert "Distinct records (at most)" in transfers and "Record-visits" in transfers

    rows = _rows(render_csv(desc)["transfers.csv"])
    tools = {(r["to_country"], r["importer"]): r["tool"] for r in rows}
    assert tools[("NL", "microsoft-ireland")] == "adequacy"
    assert tools[("IN", "microsoft-india")] == tools[("US", "microsoft-corp")] == "none"
    for row, item in zip(rows, desc.transfers, strict=True):
        assert float(row["record_visits_mean"]) == item.record_visits.mean
    assert "| GB | NL | `microsoft-ireland` | adequacy | yes |" in render_markdown(desc)


def test_the_at_rest_verdict_says_which_grant_lets_the_provider_decrypt_the_stock(desc):
    text = render_markdown(desc)
    at_rest = re.search(r"^  - at rest: .*\n    - why: (.*)$", text, re.MULTILINE)
    assert at_rest, "the at-rest verdict gives no reason"
    assert "may decrypt the stock through node analytics (stock-wide grant)" in at_rest.group(1)
    verdict = _section(render_html(desc), "verdict")
    assert "Why: keys held by Scottish Police Authority (spa-keys), but Microsoft Limited may" in verdict
    assert "<code>external</code> keys in a key manager the provider does not operate" in verdict
    assert "<td>analytics (stock)</td>" in verdict


def test_darwin_eu_data_is_readable_pseudonymised_not_plainly_readable(darwin):
    assert all(c.pseudonymised for c in darwin.exposure if c.data == "darwin-omop")
    verdict = _section(render_html(darwin), "verdict")
    assert "is readable, pseudonymised (re-identification table out of reach) for US CLOUD Act" in verdict
    assert '<span class="tag">readable, pseudonymised</span>' in verdict
    assert "“darwin-omop” is readable by" not in verdict
    assert "<code>reid-table</code>" in verdict

    text = render_markdown(darwin)
    assert "“darwin-omop” is readable by" not in text
    assert re.search(r"^  - at rest \(readable, pseudonymised\): ", text, re.MULTILINE)
    assert {r["pseudonymised"] for r in _rows(render_csv(darwin)["exposure.csv"])} == {"true"}


def test_hdh_disclosure_cites_the_microsoft_report_and_gives_a_five_year_probability(hdh):
    evidence = hdh.disclosures[0].rate.evidence
    assert evidence and MICROSOFT_REPORT in evidence[0].url
    disclosures = _section(render_html(hdh), "disclosures")
    assert f'<a href="{esc(evidence[0].url)}">Microsoft, Law Enforcement Requests Report, ' in disclosures
    five_years = esc(probability_text(hdh.disclosure_risk.five_years))
    assert f"<tr><th>Over 5 years</th><td>{five_years};" in disclosures
    assert "no accepted threshold given by the controller" in disclosures
    assert "directive in force 365 days" in disclosures

    rows = _rows(render_csv(hdh)["disclosures.csv"])
    assert rows[0]["instrument"] == "warrant" and rows[0]["rate_kind"] == "evidence"
    assert evidence[0].url in rows[0]["rate_sources"].split()
    assert rows[1]["instrument"] == "directive" and float(rows[1]["lasts_hours"]) == 8760.0


def test_three_replications_give_an_upper_bound_not_a_figure(hdh):
    p = hdh.headline("p_disclosure").value
    assert p.n == REPLICATIONS
    bound = f"≤ {percent(p.high)} (more replications needed)"
    verdict = _section(render_html(hdh), "verdict")
    assert f'<div class="value">{bound}</div>' in verdict
    assert f"Probability of at least one compelled disclosure to it: {bound}" in verdict
    assert f"| {bound} |" in render_markdown(hdh)


def test_a_design_without_a_controller_says_one_is_assumed():
    def no_controller(text: str) -> str:
        replaced = text.replace("controller:\n  entity: hospital\n", "")
        assert replaced != text
        return replaced

    result = run_experiment(mini(None, no_controller), replications=1, seed=1, horizon=48.0)
    assert result.design.frame.assumed
    assert "No controller was given: an EU/EEA controller" in _section(render_html(result), "verdict")
    assert "No controller was given: an EU/EEA controller" in render_markdown(result)
