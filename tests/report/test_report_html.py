"""User stories: a DPO opens report.html offline, on a machine that loads nothing from the network."""

from __future__ import annotations

import re

import pytest

from simulator.report import SECTIONS, render_html, write_reports
from simulator.report import write as write_module
from simulator.report.svg import esc

CHART_SECTIONS = ("heatmap", "stacked-bars", "timeline", "topology", "transfers", "disclosures")

# Tags that would make the browser fetch something, with their URL attribute.
_RESOURCE = re.compile(
    r"<(script|link|img|iframe|embed|object|source|video|audio|image|use|input|frame)\b[^>]*"
    r"\b(src|href|data|srcset|xlink:href|poster)\s*=\s*[\"']?\s*(https?:)?//",
    re.IGNORECASE,
)


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'<section[^>]*\bid="{section_id}"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert match, f"no section #{section_id}"
    return match.group(1)


def test_report_loads_no_external_resource(design_result, findings):
    html = render_html(design_result, findings)
    assert _RESOURCE.search(html) is None
    assert re.search(r"<script\b", html, re.IGNORECASE) is None, "the report needs no script"
    assert re.search(r"<link\b", html, re.IGNORECASE) is None, "styles are inline"
    assert re.search(r"url\(\s*['\"]?\s*(https?:)?//", html) is None, "no CSS url() to the network"
    assert "@import" not in html
    # sources stay plain links a reader may follow
    assert '<a href="https://example.org/us-law">' in html


def test_a_script_tag_in_the_scenario_name_is_shown_as_text(design_result):
    html = render_html(design_result)
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; co" in html
    assert re.search(r'<h1 id="report-title">Mini &lt;script&gt;', html)


def test_every_section_is_there_with_a_stable_id(design_result, comparison):
    single = render_html(design_result)
    for section_id, _ in SECTIONS:
        present = f'id="{section_id}"' in single
        assert present == (section_id != "comparison"), section_id
    several = render_html(comparison)
    for section_id, _ in SECTIONS:
        assert f'id="{section_id}"' in several, section_id


def test_each_chart_section_holds_an_accessible_svg(design_result):
    html = render_html(design_result)
    for section_id in CHART_SECTIONS:
        body = _section(html, section_id)
        svgs = re.findall(r"<svg\b[^>]*>", body)
        assert svgs, f"no chart in #{section_id}"
        for tag in svgs:
            assert 'role="img"' in tag and "aria-labelledby=" in tag
        assert re.search(r"<svg\b[^>]*>\s*<title id=", body), f"chart in #{section_id} has no <title>"


def test_verdict_says_in_plain_words_what_the_us_law_can_read(design_result):
    body = _section(render_html(design_result), "verdict")
    assert "is readable by US test law (US) in processing and under support" in body
    assert "at rest: ciphertext only, keys held by Public Hospital (hsm), outside reach" in body
    cell = next(c for c in design_result.exposure if c.state == "processing")
    assert f"{cell.record_hours.mean:,.0f}" in body
    assert esc(design_result.static.exposures[0].explanation) in body


def test_heatmap_and_topology_name_the_nodes_and_the_regime(design_result):
    html = render_html(design_result)
    heatmap = _section(html, "heatmap")
    assert "records · analytics" in heatmap and "US test law" in heatmap and "protected" in heatmap
    topology = _section(html, "topology")
    for node in ("his", "store", "analytics", "hsm", "desk"):
        assert f">{node}</text>" in topology
    assert "readable by US test law" in topology and "us-east" in topology


def test_disclosures_parameters_and_assumptions_are_quoted(design_result):
    html = render_html(design_result)
    disclosures = _section(html, "disclosures")
    assert "us-parent" in disclosures and "P(at least one)" in disclosures
    parameters = _section(html, "parameters")
    assert design_result.scenario_hash in parameters
    assert f"<td>{design_result.parameters.seed}</td>" in parameters
    assert "14 days" in parameters
    assumptions = _section(html, "assumptions")
    for assumption in design_result.assumptions:
        assert esc(assumption.path) in assumptions
    assert "assumption for tests" in assumptions


def test_findings_show_rule_evidence_and_source(design_result, findings):
    assert findings, "the mini design breaks SecNumCloud immunity rules"
    body = _section(render_html(design_result, findings), "findings")
    for finding in findings:
        assert esc(finding.id) in body
    first = findings[0]
    assert f'<a href="{esc(first.source)}">' in body
    assert esc(first.evidence[0]) in body
    assert "No compliance rule set was evaluated" in _section(render_html(design_result), "findings")


def test_comparison_shows_ranking_and_paired_differences(comparison):
    body = _section(render_html(comparison), "comparison")
    assert "ranking-chart" in body and "difference-chart" in body
    for entry in comparison.ranking:
        assert esc(entry.scenario) in body
    assert any(d.verdict in body for d in comparison.differences)


def test_write_reports_writes_markdown_html_and_csv(tmp_path, design_result, findings):
    written = write_reports(design_result, tmp_path / "run", findings=findings)
    assert set(written) == {
        "report.md",
        "summary.md",
        "report.html",
        "exposure.csv",
        "findings.csv",
        "headlines.csv",
        "records.csv",
        "transfers.csv",
        "disclosures.csv",
    }
    for path in written.values():
        assert path.parent == tmp_path / "run" and path.stat().st_size > 0
    assert "result.json" not in written, "result.json is the store's job"
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == sorted(written)


def test_a_failed_rendering_leaves_the_previous_reports_untouched(tmp_path, design_result, monkeypatch):
    folder = tmp_path / "run"
    write_reports(design_result, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(write_module, "render_html", broken)
    with pytest.raises(RuntimeError):
        write_reports(design_result, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, "no half-written or temporary file"


def test_comparison_verdict_opens_with_the_ranking(comparison) -> None:
    from simulator.report.html import render_html

    html = render_html(comparison)
    ranking = html.split('id="verdict-ranking"', 1)[1].split("</ol>", 1)[0]
    names = [entry.scenario for entry in comparison.ranking]
    positions = [
        ranking.index(name.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")) for name in names
    ]
    assert positions == sorted(positions)
    assert "(baseline)" in ranking
