"""User stories: a reviewer reads report.md in a pull request and loads the CSV tables in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re

from simulator.report import render_csv, render_markdown
from simulator.report.markdown import md
from simulator.report.view import shown_ranks


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _thousands(value: float) -> str:
    return f"{value:,.0f}"


def test_markdown_shows_each_exposure_cell_with_its_figure(design_result):
    text = render_markdown(design_result)
    assert design_result.exposure, "the mini design exposes health records to the US test law"
    for cell in design_result.exposure:
        rows = [
            line
            for line in text.splitlines()
            if line.startswith("|")
            and f"`{cell.node}`" in line
            and cell.state.replace("rest", "at rest") in line
        ]
        assert rows, f"no table row for {cell}"
        if cell.record_hours.mean >= 1000:
            assert any(_thousands(cell.record_hours.mean) in row for row in rows)


def test_markdown_quotes_the_headline_record_hours_and_disclosure_probability(design_result):
    text = render_markdown(design_result)
    total = design_result.headline("foreign_record_hours").value
    assert total.mean > 1000
    assert _thousands(total.mean) in text
    assert _thousands(total.low) in text and _thousands(total.high) in text
    p = design_result.headline("p_disclosure").value
    assert "Probability of at least one compelled disclosure" in text
    assert f"{p.high * 100:.0f}" in text or f"{p.high * 100:.1f}" in text


def test_markdown_lists_explanation_paths_assumptions_and_parameters(design_result):
    text = render_markdown(design_result)
    readable = design_result.static.exposures[0]
    assert md(readable.explanation) in text
    for assumption in design_result.assumptions:
        assert f"`{assumption.path}`" in text
    assert design_result.scenario_hash in text
    assert f"| Seed | {design_result.parameters.seed} |" in text
    assert f"| Replications | {design_result.parameters.replications} of at most" in text


def test_markdown_has_no_html_and_escapes_the_scenario_name(design_result):
    text = render_markdown(design_result)
    assert "<script" not in text
    assert re.search(r"<[a-zA-Z/!]", text) is None, "report.md must be plain Markdown, without HTML tags"
    assert "&lt;script&gt;" in text.splitlines()[0]


def test_markdown_tables_keep_their_column_count(design_result, comparison):
    for document in (design_result, comparison):
        lines = render_markdown(document).splitlines()
        for i, line in enumerate(lines):
            if line.startswith("| ---") or line.startswith("| ---:"):
                width = line.count("|")
                header = lines[i - 1]
                body = []
                for row in lines[i + 1 :]:
                    if not row.startswith("|"):
                        break
                    body.append(row)
                for row in [header, *body]:
                    assert len(re.findall(r"(?<!\\)\|", row)) == width, row


def test_comparison_markdown_ranks_designs_and_gives_paired_differences(comparison):
    text = render_markdown(comparison)
    assert "## Comparison" in text
    for rank, entry in zip(shown_ranks(comparison.ranking), comparison.ranking, strict=True):
        assert f"| {rank} | {md(entry.scenario)} |" in text, "tied designs share a rank"
    assert comparison.differences
    for difference in comparison.differences:
        assert difference.verdict in text
    for design in comparison.designs:
        assert f"## {md(design.scenario)}" in text


def test_csv_exposure_table_has_every_cell_at_full_precision(design_result):
    rows = _rows(render_csv(design_result)["exposure.csv"])
    assert len(rows) == len(design_result.exposure)
    for row, cell in zip(rows, design_result.exposure, strict=True):
        assert (row["design"], row["regime"], row["state"], row["data"], row["node"]) == (
            design_result.scenario,
            cell.regime,
            cell.state,
            cell.data,
            cell.node,
        )
        assert float(row["record_hours_mean"]) == cell.record_hours.mean
        assert float(row["record_hours_low"]) == cell.record_hours.low
        assert float(row["record_hours_high"]) == cell.record_hours.high
        assert int(row["record_hours_n"]) == design_result.parameters.replications


def test_csv_transfers_and_disclosures_match_the_result(design_result):
    tables = render_csv(design_result)
    transfers = _rows(tables["transfers.csv"])
    assert [(r["from_country"], r["to_country"]) for r in transfers] == [
        (t.source, t.to) for t in design_result.transfers
    ]
    for row, item in zip(transfers, design_result.transfers, strict=True):
        assert float(row["records_mean"]) == item.records.mean
        assert float(row["events_mean"]) == item.events.mean
        assert row["abroad"] == ("true" if item.abroad else "false")
    disclosures = _rows(tables["disclosures.csv"])
    assert len(disclosures) == len(design_result.disclosures) == 1
    assert float(disclosures[0]["probability_high"]) == design_result.disclosures[0].probability.high
    assert disclosures[0]["regime"] == "us-law" and disclosures[0]["target"] == "us-parent"


def test_csv_keeps_a_hostile_scenario_name_as_one_field(design_result):
    rows = _rows(render_csv(design_result)["headlines.csv"])
    assert {r["design"] for r in rows} == {design_result.scenario}
    assert [r["key"] for r in rows] == [h.key for h in design_result.summary]


def test_csv_comparison_table_holds_differences_and_ranking(comparison):
    tables = render_csv(comparison)
    rows = _rows(tables["comparison.csv"])
    differences = [r for r in rows if r["row"] == "difference"]
    ranks = [r for r in rows if r["row"] == "rank"]
    assert len(differences) == len(comparison.differences)
    for row, item in zip(differences, comparison.differences, strict=True):
        assert row["metric"] == item.metric and row["verdict"] == item.verdict
        assert float(row["value_mean"]) == item.difference.mean
    assert [int(r["rank"]) for r in ranks] == [e.rank for e in comparison.ranking]
    exposure = _rows(tables["exposure.csv"])
    assert {r["design"] for r in exposure} <= {d.scenario for d in comparison.designs}
    assert len(exposure) == sum(len(d.exposure) for d in comparison.designs)


def test_eu_support_removes_the_us_support_transfer(comparison):
    """Sanity of the fixture the comparison tests rely on: the designs differ."""
    base, eu = comparison.designs
    assert any(t.to == "US" for t in base.transfers)
    assert not any(t.to == "US" and t.events.mean > 0 for t in eu.transfers)
