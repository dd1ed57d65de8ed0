"""The reports read findings through a protocol: anything with a finding's fields renders."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.model.assertion import Severity
from simulator.report import render_markdown
from simulator.report.findings import finding_views


@dataclass(frozen=True)
class PlainFinding:
    """Not a compliance model: just the fields the reports read."""

    id: str
    severity: Severity
    title: str
    rule: str = "plain-rule"
    rule_set: str = "plain"
    message: str = ""
    entity: str | None = None
    node: str | None = None
    evidence: list[str] = field(default_factory=list)
    source: str = "https://example.org/rule"
    summary: str = "A plain finding."
    false_positives: str = "None known."
    estimate: bool = False
    unconfirmed: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)


def test_findings_are_shown_most_severe_first(design_result) -> None:
    findings = [PlainFinding("b", "low", "Low one"), PlainFinding("a", "critical", "Critical one")]
    views = finding_views(findings, [design_result])
    assert [v.severity for v in views] == ["critical", "low"]
    assert all(v.design == design_result.scenario and v.entity == "" for v in views)


def test_a_comparisons_findings_belong_to_their_design(comparison) -> None:
    views = finding_views({1: [PlainFinding("x", "high", "Only the second")]}, comparison.designs)
    assert [v.design for v in views] == [comparison.designs[1].scenario]


def test_any_finding_with_the_fields_renders_in_report_md(design_result) -> None:
    text = render_markdown(design_result, [PlainFinding("a", "high", "Plain title", evidence=["path one"])])
    assert "Plain title" in text and "path one" in text
