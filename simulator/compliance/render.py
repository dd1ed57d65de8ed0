"""Findings for the CLI: a Rich table and JSON. Renderers compute nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from simulator.compliance.acceptances import Decision, open_findings
from simulator.compliance.applicability import RuleSetUse
from simulator.compliance.models import AssertionCheck, Finding
from simulator.model.assertion import SEVERITIES, Severity
from simulator.text import visible

SEVERITY_STYLE: dict[Severity, str] = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "yellow",
    "low": "cyan",
    "info": "dim",
}
JSON_VERSION = "1.2"


def findings_table(findings: list[Finding], evidence_lines: int = 3, title: str | None = None) -> Table:
    """One row per finding: severity, id, message, first evidence lines, source."""
    table = Table(title=title or f"{len(findings)} finding(s)", show_lines=True, expand=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("id", overflow="fold", ratio=2)
    table.add_column("finding", overflow="fold", ratio=5)
    table.add_column("source", overflow="fold", ratio=2)
    for finding in findings:
        body = Text(visible(finding.title), style="bold")
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


def severity_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Findings per severity, most severe first, severities with none left out."""
    counts = {severity: 0 for severity in reversed(SEVERITIES)}
    for finding in findings:
        counts[finding.severity] += 1
    return {severity: count for severity, count in counts.items() if count}


def counts_line(findings: Sequence[Finding], decisions: Sequence[Decision] = ()) -> str:
    """'8 finding(s): 7 high, 1 info; 7 open' — one line for the terminal."""
    counts = ", ".join(f"{count} {severity}" for severity, count in severity_counts(findings).items())
    line = f"{len(findings)} finding(s)" + (f": {counts}" if counts else "")
    if decisions:
        remaining = open_findings(findings, decisions)
        expired = sum(d.expired for d in decisions)
        line += f"; {len(remaining)} open after {len(decisions)} risk decision(s)"
        line += f" ({expired} expired)" if expired else ""
    return line


def assertions_document(assertions: Sequence[AssertionCheck]) -> list[dict]:
    """Each assertion with its figure against its limit, for ``--json``."""
    return [item.model_dump(mode="json", exclude={"evidence"}) for item in assertions]


def findings_document(
    findings: list[Finding],
    scenario: str | None = None,
    fail_on: Severity | None = None,
    rule_sets: Sequence[RuleSetUse] = (),
    assertions: Sequence[AssertionCheck] = (),
    decisions: Sequence[Decision] = (),
) -> dict:
    """Plain data for ``--json``: counts per severity (all, and open after risk decisions), the
    rule sets that ran, the assertions with their figures, the decisions, every finding."""
    remaining = open_findings(findings, decisions)
    document: dict = {
        "version": JSON_VERSION,
        "scenario": scenario,
        "counts": dict(sorted(severity_counts(findings).items())),
        "open_counts": dict(sorted(severity_counts(remaining).items())),
        "assertions": assertions_document(assertions),
        "decisions": [decision.model_dump(mode="json") for decision in decisions],
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
        document["failed"] = any(f.at_or_above(fail_on) for f in remaining)
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
