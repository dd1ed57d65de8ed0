"""Findings for the CLI: a Rich table and JSON. Renderers compute nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from simulator.compliance.applicability import RuleSetUse
from simulator.compliance.models import Finding
from simulator.model.assertion import Severity

SEVERITY_STYLE: dict[Severity, str] = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}
JSON_VERSION = "1.1"


def findings_table(findings: list[Finding], evidence_lines: int = 3, title: str | None = None) -> Table:
    """One row per finding: severity, id, message, first evidence lines, source."""
    table = Table(title=title or f"{len(findings)} finding(s)", show_lines=True, expand=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("id", overflow="fold", ratio=2)
    table.add_column("finding", overflow="fold", ratio=5)
    table.add_column("source", overflow="fold", ratio=2)
    for finding in findings:
        body = Text(finding.title, style="bold")
        body.append("\n" + finding.message)
        if finding.estimate:
            body.append("\n(estimate)", style="italic")
        for line in finding.evidence[:evidence_lines]:
            body.append("\n• " + line, style="dim")
        if len(finding.evidence) > evidence_lines:
            body.append(f"\n… {len(finding.evidence) - evidence_lines} more (see --json)", style="dim")
        table.add_row(
            Text(finding.severity, style=SEVERITY_STYLE[finding.severity]), finding.id, body, finding.source
        )
    return table


def findings_document(
    findings: list[Finding],
    scenario: str | None = None,
    fail_on: Severity | None = None,
    rule_sets: Sequence[RuleSetUse] = (),
) -> dict:
    """Plain data for ``--json``: counts per severity, the rule sets that ran, every finding."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    document: dict = {
        "version": JSON_VERSION,
        "scenario": scenario,
        "counts": dict(sorted(counts.items())),
        "findings": [finding.model_dump(mode="json") for finding in findings],
    }
    if rule_sets:
        document["rule_sets"] = [
            {
                "id": use.rule_set,
                "title": use.title,
                "ran": use.ran,
                "forced": use.forced,
                "reason": use.reason,
            }
            for use in rule_sets
        ]
    if fail_on is not None:
        document["fail_on"] = fail_on
        document["failed"] = any(f.at_or_above(fail_on) for f in findings)
    return document


def rule_sets_table(uses: Sequence[RuleSetUse]) -> Table:
    """Which rule sets ran on the design and why, and why the others did not."""
    table = Table(title="Rule sets")
    for column in ("rule set", "ran", "why"):
        table.add_column(column)
    for use in uses:
        ran = "forced" if use.forced else "yes" if use.ran else "no"
        table.add_row(use.rule_set, ran, use.reason)
    return table


def findings_json(
    findings: list[Finding], scenario: str | None = None, fail_on: Severity | None = None
) -> str:
    """Stable JSON text: sorted keys, two-space indent, a final newline."""
    return (
        json.dumps(
            findings_document(findings, scenario, fail_on), indent=2, sort_keys=True, ensure_ascii=False
        )
        + "\n"
    )
