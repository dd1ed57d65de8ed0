"""Simulate designs and keep the evidence: ``run``, ``compare`` and ``sweep``.

Each writes its own folder under ``out_root`` (``result.json``, ``findings.json`` and the
reports for a run or a comparison; ``sweep.json`` and ``report.html`` for a sweep), every file
atomically, and returns what it computed with the paths it wrote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.app.check import assertions_of, findings_of, simulate
from simulator.app.findings_file import FINDINGS_FILE, DesignFindings, findings_text
from simulator.app.mitigations import mitigation_effects
from simulator.app.review_file import REVIEW_FILE, Review, review_text
from simulator.app.settings import (
    DEFAULT_SETTINGS,
    ExperimentSettings,
    ProgressBar,
    executor_for,
    no_progress,
)
from simulator.compliance import Finding, load_rules
from simulator.compliance.acceptances import Acceptance, decide
from simulator.compliance.rules import LoadedRule
from simulator.experiment import (
    DEFAULT_ROOT,
    HEADLINE_METRIC,
    SweepResult,
    compare_designs,
    new_run_dir,
    save_result,
    save_sweep,
)
from simulator.experiment import sweep as sweep_grid
from simulator.experiment.result import Comparison, DesignResult
from simulator.io import atomic_write_text, slugify, writable_folder
from simulator.model.scenario import Scenario
from simulator.report.sweep_html import render_sweep_html
from simulator.report.write import HTML_FILE, write_reports


@dataclass(frozen=True)
class RunOutcome:
    """One design's result, its findings and review, and the run folder with the files written."""

    result: DesignResult
    findings: list[Finding]
    folder: Path
    files: dict[str, Path]
    review: Review = Review()


@dataclass(frozen=True)
class CompareOutcome:
    """A comparison, each design's findings (by index) and review, and the folder with the files."""

    comparison: Comparison
    findings: dict[int, list[Finding]]
    folder: Path
    files: dict[str, Path]
    review: Review = Review()


@dataclass(frozen=True)
class SweepOutcome:
    """A sweep's points and tornado bars, and its folder with the files written."""

    result: SweepResult
    folder: Path
    files: dict[str, Path]


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a sweep: the points finished so far are saved in ``folder``."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder


def run(
    scenario: Scenario,
    settings: ExperimentSettings = DEFAULT_SETTINGS,
    out_root: Path = DEFAULT_ROOT,
    rules: Sequence[Path] = (),
    progress: ProgressBar = no_progress,
    acceptances: Sequence[Acceptance] = (),
) -> RunOutcome:
    """Simulate one design, evaluate its findings and assertions, re-run it with each built-in
    mitigation (see :mod:`simulator.app.mitigations` for the cost), and write
    ``<out_root>/<scenario>/<run-id>/`` with the summary first in every report."""
    writable_folder(out_root)
    extra = load_rules(list(rules))
    result = simulate(scenario, settings, progress)
    findings = findings_of(scenario, result, extra)
    assertions = assertions_of(scenario, result)
    review = Review(
        assertions={0: assertions},
        decisions={0: decide(acceptances, findings, assertions)},
        mitigations=mitigation_effects(scenario, result, settings, progress),
    )
    folder, files = _write_run(result, out_root, findings, review, _judged_by(extra, acceptances))
    return RunOutcome(result, findings, folder, files, review)


def compare(
    scenarios: Sequence[Scenario],
    settings: ExperimentSettings = DEFAULT_SETTINGS,
    out_root: Path = DEFAULT_ROOT,
    rules: Sequence[Path] = (),
    progress: ProgressBar = no_progress,
    acceptances: Sequence[Acceptance] = (),
) -> CompareOutcome:
    """Run designs on common random numbers (the first is the baseline) and write one report."""
    writable_folder(out_root)
    extra = load_rules(list(rules))
    with (
        executor_for(settings) as pool,
        progress(settings.replications * len(scenarios), f"{len(scenarios)} designs") as update,
    ):
        comparison = compare_designs(scenarios, **settings.experiment_arguments(pool, update))
    findings = {
        index: findings_of(scenario, design, extra)
        for index, (scenario, design) in enumerate(zip(scenarios, comparison.designs, strict=True))
    }
    assertions = {
        index: assertions_of(scenario, design)
        for index, (scenario, design) in enumerate(zip(scenarios, comparison.designs, strict=True))
    }
    review = Review(
        assertions=assertions,
        decisions={index: decide(acceptances, findings[index], assertions[index]) for index in findings},
    )
    folder, files = _write_run(comparison, out_root, findings, review, _judged_by(extra, acceptances))
    return CompareOutcome(comparison, findings, folder, files, review)


def sweep(
    scenario: Scenario,
    params: Mapping[str, Sequence[Any]],
    settings: ExperimentSettings = DEFAULT_SETTINGS,
    metric: str = HEADLINE_METRIC,
    out_root: Path = DEFAULT_ROOT,
    progress: ProgressBar = no_progress,
) -> SweepOutcome:
    """Run the grid of variants given by ``params`` (path -> values) and write its tornado report.

    The folder is named after the scenario, parameters, seed, replications and horizon (not
    the time), so the same call after an interruption resumes from the saved points.
    """
    folder = writable_folder(sweep_folder(scenario, params, settings, out_root))
    try:
        with executor_for(settings) as pool, progress(1, "sweep points") as update:
            result = sweep_grid(
                scenario,
                params,
                settings.replications,
                settings.seed,
                pool,
                folder,
                update,
                horizon=settings.horizon,
                workers=settings.workers,
                metric=metric,
            )
    except KeyboardInterrupt:
        raise SweepInterrupted(folder) from None
    written = [save_sweep(result, folder), atomic_write_text(folder / HTML_FILE, render_sweep_html(result))]
    return SweepOutcome(result, folder, {path.name: path for path in written})


def sweep_folder(
    scenario: Scenario, params: Mapping[str, Sequence[Any]], settings: ExperimentSettings, out_root: Path
) -> Path:
    """``<out_root>/sweep-<scenario>/<hash of what the points depend on>``."""
    identity = json.dumps(
        [
            scenario.name,
            sorted((k, [str(v) for v in vals]) for k, vals in params.items()),
            settings.seed,
            settings.replications,
            settings.horizon,
        ]
    )
    return out_root / f"sweep-{slugify(scenario.name)}" / hashlib.sha256(identity.encode()).hexdigest()[:8]


def _judged_by(rules: Sequence[LoadedRule], acceptances: Sequence[Acceptance]) -> list[str]:
    """What besides the result changes a run folder's files: the rules and the risk decisions."""
    return [
        f"{rule.rule_set}:{rule.rule.model_dump_json()}:{rule.params.model_dump_json()}" for rule in rules
    ] + [acceptance.model_dump_json() for acceptance in acceptances]


def _write_run(
    document: DesignResult | Comparison,
    root: Path,
    findings: DesignFindings,
    review: Review,
    inputs: Sequence[str],
) -> tuple[Path, dict[str, Path]]:
    """result.json, findings.json, review.json and the reports, each written atomically, in a
    new run folder of its own."""
    folder = new_run_dir(document, root, inputs)
    written = [
        save_result(document, folder=folder),
        atomic_write_text(folder / FINDINGS_FILE, findings_text(findings)),
        atomic_write_text(folder / REVIEW_FILE, review_text(review)),
    ]
    return folder, {path.name: path for path in written} | write_reports(document, folder, findings, review)
