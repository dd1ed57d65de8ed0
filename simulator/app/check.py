"""Is a design allowed? Its compliance findings, statically or on simulated replications."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.app.settings import (
    DEFAULT_SETTINGS,
    ExperimentSettings,
    ProgressBar,
    executor_for,
    no_progress,
)
from simulator.compliance import (
    AssertionCheck,
    Finding,
    LoadedRule,
    RuleSetUse,
    assertion_checks,
    evaluate,
    fails,
    load_rules,
    rule_sets_for,
)
from simulator.compliance.acceptances import Acceptance, Decision, decide, open_findings, unmatched
from simulator.compliance.sarif import sarif_document
from simulator.experiment import run_experiment
from simulator.experiment.result import DesignResult
from simulator.law.readability import analyse
from simulator.model.assertion import Severity
from simulator.model.load import locate
from simulator.model.scenario import Scenario


@dataclass(frozen=True)
class CheckOutcome:
    """The findings, whether an open one is at or above the threshold, and the run they rest on."""

    findings: list[Finding]
    failed: bool
    result: DesignResult | None
    rule_sets: list[RuleSetUse]
    """Every loaded rule set: whether it ran on this design, and why (or why not)."""
    assertions: list[AssertionCheck] = field(default_factory=list)
    """Every scenario assertion with its figure, holding or not."""
    decisions: list[Decision] = field(default_factory=list)
    """The risk decisions that name a finding of this design (expired ones included)."""
    unmatched: list[str] = field(default_factory=list)
    """Ids in the acceptances file that name no finding of this design (stale, or mistyped)."""

    @property
    def open(self) -> list[Finding]:
        """The findings no acceptance in force covers: those ``failed`` is decided on."""
        return open_findings(self.findings, self.decisions)


def assertions_of(scenario: Scenario, result: DesignResult | None) -> list[AssertionCheck]:
    """The scenario's assertions with their figures, on ``result`` (or statically)."""
    return assertion_checks(scenario, analyse(scenario), result)


def findings_of(
    scenario: Scenario, result: DesignResult | None, rules: list[LoadedRule], force: Sequence[str] = ()
) -> list[Finding]:
    """The rule sets that apply to the controller (plus ``force``d ones) and the scenario's
    assertions, on the static map and ``result``."""
    return evaluate(scenario, analyse(scenario), result=result, rules=rules, force=list(force))


def simulate(scenario: Scenario, settings: ExperimentSettings, progress: ProgressBar) -> DesignResult:
    """Replications of one design, with a progress display labelled by its name."""
    with executor_for(settings) as pool, progress(settings.replications, scenario.name[:40]) as update:
        return run_experiment(scenario, **settings.experiment_arguments(pool, update))


def check(
    scenario: Scenario,
    fail_on: Severity = "high",
    static: bool = False,
    settings: ExperimentSettings = DEFAULT_SETTINGS,
    rules: Sequence[Path] = (),
    progress: ProgressBar = no_progress,
    force: Sequence[str] = (),
    acceptances: Sequence[Acceptance] = (),
) -> CheckOutcome:
    """Evaluate the rule sets that apply (and ``force``d ones) and the assertions, after
    simulating the design unless ``static``. Unknown ``force`` ids fail before simulating.

    A finding covered by an acceptance in force does not fail the check; one whose acceptance
    expired does."""
    loaded = load_rules(list(rules))
    uses = rule_sets_for(scenario, loaded, list(force))
    result = None if static else simulate(scenario, settings, progress)
    findings = findings_of(scenario, result, loaded, force)
    assertions = assertions_of(scenario, result)
    decisions = decide(acceptances, findings, assertions)
    failed = fails(open_findings(findings, decisions), fail_on)
    return CheckOutcome(
        findings, failed, result, uses, assertions, decisions, unmatched(acceptances, decisions)
    )


def sarif(done: CheckOutcome, scenario: Scenario, path: Path, catalog: Path | None = None) -> dict[str, Any]:
    """The check's findings as a SARIF 2.1.0 log, located at the lines of ``path`` (the
    scenario file) or of the catalogue that define what causes them."""
    return sarif_document(done.findings, scenario, locate(path, catalog), done.decisions)
