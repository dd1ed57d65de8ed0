"""What would change the verdict: re-run a design with each built-in mitigation.

Each mitigated design (:mod:`simulator.model.mitigations`) runs on the baseline's seed and
first replications, so replication *i* of both sees the same workload, incidents and demands
(common random numbers: a replication's streams depend on its index, not on how many run).
The exposure a mitigation removes is then a paired difference with a tight interval.

Cost: at most ``len(MITIGATIONS)`` (5) extra experiments of ``min(replications,
settings.mitigation_replications)`` replications each; mitigations the design already has
are not run. ``mitigation_replications = 0`` skips them.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict

from simulator.app.settings import ExperimentSettings, ProgressBar, executor_for, no_progress
from simulator.experiment import HEADLINE_METRIC, run_experiment
from simulator.experiment.result import DesignResult, Interval
from simulator.experiment.stats import t_interval
from simulator.model.mitigations import MITIGATIONS, Mitigated, mitigated
from simulator.model.scenario import Scenario


class MitigationEffect(BaseModel):
    """One mitigation re-run: what it changed and, per headline metric, what it removed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    description: str
    changes: list[str]
    replications: int
    baseline: Interval
    """The headline metric of the baseline over the same replications."""
    mitigated: Interval
    removed: dict[str, Interval]
    """Headline key → baseline minus mitigated, paired by replication (positive: removed)."""


def mitigation_effects(
    scenario: Scenario,
    baseline: DesignResult,
    settings: ExperimentSettings,
    progress: ProgressBar = no_progress,
) -> list[MitigationEffect]:
    """Every built-in mitigation the design lacks, run on common random numbers with ``baseline``."""
    replications = min(baseline.parameters.replications, settings.mitigation_replications)
    if replications == 0:
        return []
    variants = [m for m in (mitigated(scenario, item) for item in MITIGATIONS) if m is not None]
    effects = []
    with executor_for(settings) as pool:
        for variant in variants:
            with progress(replications, f"mitigation {variant.mitigation.id}"[:40]) as update:
                result = run_experiment(
                    variant.scenario,
                    replications,
                    baseline.parameters.seed,
                    baseline.parameters.horizon_hours,
                    settings.workers,
                    pool,
                    progress=update,
                    bins=baseline.parameters.bins,
                )
            effects.append(_effect(variant, baseline, result, replications))
    return effects


def _effect(variant: Mitigated, baseline: DesignResult, result: DesignResult, n: int) -> MitigationEffect:
    removed = {
        h.key: t_interval(np.asarray(baseline.headline(h.key).values[:n]) - np.asarray(h.values))
        for h in result.summary
    }
    return MitigationEffect(
        id=variant.mitigation.id,
        title=variant.mitigation.title,
        description=variant.mitigation.description,
        changes=variant.changes,
        replications=n,
        baseline=t_interval(np.asarray(baseline.headline(HEADLINE_METRIC).values[:n])),
        mitigated=result.headline(HEADLINE_METRIC).value,
        removed=removed,
    )
