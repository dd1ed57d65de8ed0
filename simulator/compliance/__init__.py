"""Compliance rules evaluated on the static exposure map and on simulated results.

Rule sets are editable YAML files (``simulator/compliance/rules/``; users add their own with
``--rules FILE``); each rule names one check implementation (``checks/``, one per file).
Findings carry a stable id ``rule@entity@node``, the rule's source and their evidence.

    from simulator.compliance import evaluate
    findings = evaluate(scenario, analyse(scenario), result=None, extra_rules=["my-rules.yaml"])
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from simulator.compliance.applicability import AppliesIf, RuleSetUse, rule_set_uses
from simulator.compliance.assertions import Assertion, check_assertions, evaluate_assertions
from simulator.compliance.checks import CHECKS
from simulator.compliance.context import Context
from simulator.compliance.models import AssertionCheck, Finding, Hit, Rule, RuleSet, finding_id, sort_key
from simulator.compliance.rules import LoadedRule, load_rule_file, load_rules, parse_rule_file
from simulator.errors import InputError
from simulator.law.readability import ExposureMap
from simulator.model.assertion import SEVERITIES, Severity
from simulator.model.scenario import Scenario

if TYPE_CHECKING:
    from simulator.experiment.result import DesignResult


def evaluate(
    scenario: Scenario,
    exposure: ExposureMap,
    result: DesignResult | None = None,
    rules: list[LoadedRule] | None = None,
    extra_rules: list[Path | str] = (),
    assertions: list[Assertion] | None = None,
    skip: list[str] = (),
    force: list[str] = (),
) -> list[Finding]:
    """Findings of a design, most severe first, then by id.

    ``rules`` defaults to the bundled rule sets plus ``extra_rules`` (files, loaded and
    validated: an invalid file raises :class:`~simulator.errors.InputError`). Only the rule
    sets that apply to the scenario's controller run (see :func:`rule_sets_for`), plus those
    listed in ``force``. ``assertions`` defaults to the scenario's own ``scenario.assertions``.
    ``skip`` lists rule ids (or rule-set ids) not to evaluate.
    """
    if rules is None:
        rules = load_rules(list(extra_rules))
    running = {use.rule_set for use in rule_sets_for(scenario, rules, force) if use.ran}
    ctx = Context(scenario=scenario, exposure=exposure, result=result)
    found: dict[str, Finding] = {}
    for item in rules:
        rule = item.rule
        if item.rule_set not in running or not rule.enabled or rule.id in skip or item.rule_set in skip:
            continue
        for hit in CHECKS[rule.check].run(ctx, rule, item.params):
            _add(found, _finding(item, hit))
    if assertions is None:
        assertions = list(scenario.assertions)
    for finding in evaluate_assertions(assertions, ctx):
        _add(found, finding)
    return sorted(found.values(), key=sort_key)


def assertion_checks(
    scenario: Scenario, exposure: ExposureMap, result: DesignResult | None = None
) -> list[AssertionCheck]:
    """The scenario's assertions with their figures, holding or not (the scoreboard)."""
    ctx = Context(scenario=scenario, exposure=exposure, result=result)
    return check_assertions(list(scenario.assertions), ctx)


def rule_sets_for(scenario: Scenario, rules: list[LoadedRule], force: list[str] = ()) -> list[RuleSetUse]:
    """Which of the loaded rule sets run on ``scenario``, and why (forced ones included)."""
    sets = {item.rule_set: (item.title, item.applies_if) for item in rules}
    unknown = sorted(set(force) - set(sets))
    if unknown:
        raise InputError.single(
            "--rule-set", f"unknown rule set {', '.join(unknown)}; known: {', '.join(sorted(sets))}"
        )
    return rule_set_uses(scenario, sets, force)


def _finding(item: LoadedRule, hit: Hit) -> Finding:
    rule = item.rule
    return Finding(
        id=finding_id(rule.id, hit.entity, hit.node),
        rule=rule.id,
        rule_set=item.rule_set,
        title=rule.title,
        severity=hit.severity or rule.severity,
        entity=hit.entity,
        node=hit.node,
        message=hit.message,
        evidence=list(hit.evidence),
        source=rule.source,
        summary=rule.summary.strip(),
        false_positives=rule.false_positives.strip(),
        estimate=rule.estimate or hit.estimate,
        unconfirmed=list(rule.unconfirmed),
        to_check=rule.to_check,
    )


def _add(found: dict[str, Finding], finding: Finding) -> None:
    """Two hits with one id merge: the evidence is joined, the higher severity kept."""
    old = found.get(finding.id)
    if old is None:
        found[finding.id] = finding
        return
    severity = max(old.severity, finding.severity, key=SEVERITIES.index)
    evidence = list(dict.fromkeys([*old.evidence, *finding.evidence]))
    found[finding.id] = old.model_copy(update={"severity": severity, "evidence": evidence})


def worst(findings: list[Finding]) -> Severity | None:
    """The highest severity among the findings."""
    return max((f.severity for f in findings), key=SEVERITIES.index, default=None)


def fails(findings: list[Finding], fail_on: Severity) -> bool:
    """Whether any finding is at or above ``fail_on`` (``sovsim check`` then exits 1)."""
    return any(f.at_or_above(fail_on) for f in findings)


__all__ = [
    "CHECKS",
    "AppliesIf",
    "RuleSetUse",
    "rule_sets_for",
    "SEVERITIES",
    "Assertion",
    "AssertionCheck",
    "Context",
    "Finding",
    "LoadedRule",
    "Rule",
    "RuleSet",
    "Severity",
    "assertion_checks",
    "evaluate",
    "fails",
    "load_rule_file",
    "load_rules",
    "parse_rule_file",
    "worst",
]
