"""Findings as SARIF 2.1.0, so code-review tools show them on the scenario's lines.

Each result points at the definition that causes it: the finding's node, else its entity
(in the scenario, or in the catalogue file it comes from), else the assertion that failed,
else the top of the scenario. A finding covered by an acceptance in force carries a SARIF
suppression (``accepted``, with the owner's justification); an expired one carries none.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.compliance.acceptances import Decision
from simulator.compliance.models import Finding
from simulator.model.assertion import Severity
from simulator.model.load import Locator
from simulator.model.scenario import Scenario
from simulator.version import sovsim_version

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS: dict[Severity, str] = {
    "critical": "error",
    "high": "error",
    "medium": "warning",
    "low": "note",
    "info": "note",
}


def _loc(finding: Finding, scenario: Scenario) -> tuple[str | int, ...]:
    """The scenario path whose definition causes the finding."""
    if finding.node and finding.node in scenario.nodes:
        return ("nodes", finding.node)
    if finding.entity and finding.entity in scenario.entities:
        return ("entities", finding.entity)
    for index, item in enumerate(scenario.assertions):
        if finding.rule == f"assert-{item.id}":
            return ("assertions", index)
    return ()


def _uri(path: Path, base: Path) -> str:
    """Relative to ``base`` when the file is under it (what review tools expect), else a file URI."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(base.resolve()).as_posix()
    except ValueError:
        return absolute.as_uri()


def _rule(finding: Finding) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": finding.rule,
        "name": finding.rule,
        "shortDescription": {"text": finding.title},
        "fullDescription": {"text": finding.summary},
        "help": {"text": f"{finding.summary}\nKnown false positives: {finding.false_positives}"},
        "properties": {"rule_set": finding.rule_set, "severity": finding.severity},
    }
    if finding.source.startswith(("https://", "http://")):
        rule["helpUri"] = finding.source
    return rule


def _result(
    finding: Finding,
    index: int,
    where: tuple[Path, int | None, int | None],
    base: Path,
    decision: Decision | None,
) -> dict[str, Any]:
    file, line, column = where
    region = {"startLine": line or 1, "startColumn": column or 1}
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.title.rstrip('.')}: {finding.message}"},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": _uri(file, base)}, "region": region}}
        ],
        "partialFingerprints": {"sovsimFindingId/v1": finding.id},
        "properties": {
            "id": finding.id,
            "severity": finding.severity,
            "entity": finding.entity,
            "node": finding.node,
            "evidence": finding.evidence,
            "estimate": finding.estimate,
        },
    }
    if decision is not None:
        acceptance = decision.acceptance
        result["properties"]["acceptance"] = acceptance.model_dump(mode="json") | {
            "expired": decision.expired
        }
        if decision.holds:
            result["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": f"{acceptance.status} by {acceptance.owner} on {acceptance.date}, "
                    f"until {acceptance.expires}: {acceptance.justification}",
                }
            ]
    return result


def sarif_document(
    findings: Sequence[Finding],
    scenario: Scenario,
    locate: Locator,
    decisions: Sequence[Decision] = (),
    base: Path | None = None,
) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: sovsim's rules and one result per finding."""
    base = base or Path.cwd()
    rules: dict[str, int] = {}
    driver_rules = []
    for finding in findings:
        if finding.rule not in rules:
            rules[finding.rule] = len(driver_rules)
            driver_rules.append(_rule(finding))
    decided = {decision.finding_id: decision for decision in decisions}
    results = [
        _result(f, rules[f.rule], locate(_loc(f, scenario)), base, decided.get(f.id)) for f in findings
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sovsim",
                        "version": sovsim_version(),
                        "rules": driver_rules,
                    }
                },
                "automationDetails": {"id": f"sovsim-check/{scenario.name}"},
                "results": results,
            }
        ],
    }
