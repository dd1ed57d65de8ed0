"""Run replications of one or several designs and aggregate them into a result.

:func:`run_experiment` runs one design, :func:`compare_designs` several on the same seeds
(common random numbers). Each design is prepared once (:mod:`~simulator.experiment.replication`),
its replications scheduled on any :class:`concurrent.futures.Executor`
(:mod:`~simulator.experiment.scheduling`: a process pool by default, or a Dask
``client.get_executor()``), then folded into a result section by section
(:mod:`~simulator.experiment.aggregation`); results are identical whatever the worker count.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor

from simulator.experiment.aggregation import design_result
from simulator.experiment.comparison import compare_results
from simulator.experiment.executors import executor_for
from simulator.experiment.metrics import HEADLINE_METRIC, require_headline
from simulator.experiment.replication import prepare
from simulator.experiment.result import Comparison, DesignResult, Parameters
from simulator.experiment.scheduling import (
    DEFAULT_BATCH,
    Progress,
    Schedule,
    check_arguments,
    run_replications,
)
from simulator.experiment.stats import CONFIDENCE
from simulator.io import slugify
from simulator.model.scenario import Scenario
from simulator.version import sovsim_version

DEFAULT_SEED = 1
DEFAULT_REPLICATIONS = 20
DEFAULT_BINS = 48


def run_experiment(
    scenario: Scenario,
    replications: int = DEFAULT_REPLICATIONS,
    seed: int = DEFAULT_SEED,
    horizon: float | None = None,
    workers: int = 1,
    executor: Executor | None = None,
    target_half_width: float | None = None,
    progress: Progress | None = None,
    *,
    bins: int = DEFAULT_BINS,
    batch_size: int = DEFAULT_BATCH,
    target_metric: str = HEADLINE_METRIC,
) -> DesignResult:
    """Run ``replications`` replications of one design and aggregate them.

    ``horizon`` (hours) defaults to the scenario's. ``workers`` > 1 runs a local process
    pool; ``executor`` (any :class:`concurrent.futures.Executor`, e.g. a Dask
    ``client.get_executor()``) takes precedence and is not shut down. With
    ``target_half_width`` (relative, e.g. 0.05 for ±5 %), replications run in batches of
    ``batch_size`` and stop once the 95 % CI of ``target_metric`` is that narrow; for a
    probability (``p_disclosure``) the target is the Wilson half-width in probability points
    (0.02 for ±2 points), since a relative one never closes around 0.
    ``progress(done, total)`` is called after each replication.
    """
    return _run_designs(
        [scenario],
        replications,
        seed,
        horizon,
        workers,
        executor,
        target_half_width,
        progress,
        bins=bins,
        batch_size=batch_size,
        target_metric=target_metric,
    )[0]


def compare_designs(
    scenarios: Sequence[Scenario],
    replications: int = DEFAULT_REPLICATIONS,
    seed: int = DEFAULT_SEED,
    horizon: float | None = None,
    workers: int = 1,
    executor: Executor | None = None,
    target_half_width: float | None = None,
    progress: Progress | None = None,
    *,
    baseline: int = 0,
    rank_by: str = HEADLINE_METRIC,
    bins: int = DEFAULT_BINS,
    batch_size: int = DEFAULT_BATCH,
    target_metric: str = HEADLINE_METRIC,
) -> Comparison:
    """Run several designs on the same seeds and compare each with ``scenarios[baseline]``.

    Replication ``i`` of every design uses the same seed (common random numbers); each
    headline metric's difference (design − baseline) gets a t interval computed on the
    per-replication paired differences. Designs are ranked by ``rank_by`` (lower is better).
    With ``target_half_width`` the run stops when every design's ``target_metric`` is that precise.
    """
    if len(scenarios) < 1:
        raise ValueError("compare needs at least one scenario")
    if not 0 <= baseline < len(scenarios):
        raise ValueError(f"baseline must index one of the {len(scenarios)} scenarios, got {baseline}")
    require_headline(rank_by)
    results = _run_designs(
        scenarios,
        replications,
        seed,
        horizon,
        workers,
        executor,
        target_half_width,
        progress,
        bins=bins,
        batch_size=batch_size,
        target_metric=target_metric,
    )
    return compare_results(results, baseline, rank_by)


def _run_designs(
    scenarios: Sequence[Scenario],
    replications: int,
    seed: int,
    horizon: float | None,
    workers: int,
    executor: Executor | None,
    target_half_width: float | None,
    progress: Progress | None,
    *,
    bins: int,
    batch_size: int,
    target_metric: str,
) -> list[DesignResult]:
    """Prepare each design once, run its replications on one pool, and build its result."""
    check_arguments(replications, workers, target_half_width, batch_size, target_metric)
    designs = [prepare(s, float(horizon if horizon is not None else s.horizon), bins) for s in scenarios]
    with executor_for(workers, executor) as pool:
        schedule = run_replications(
            designs,
            replications,
            seed,
            pool,
            target_half_width=target_half_width,
            target_metric=target_metric,
            batch_size=batch_size,
            progress=progress,
        )
    return _design_results(scenarios, schedule, seed, target_half_width, batch_size)


def _design_results(
    scenarios: Sequence[Scenario],
    schedule: Schedule,
    seed: int,
    target_half_width: float | None,
    batch_size: int,
) -> list[DesignResult]:
    """One result per design, slugs made unique in order (a second "X" becomes "x-2")."""
    results = []
    used: dict[str, int] = {}
    for scenario, acc in zip(scenarios, schedule.accumulators, strict=True):
        slug = slugify(scenario.name)
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        parameters = Parameters(
            seed=seed,
            replications=acc.n,
            max_replications=schedule.max_replications,
            target_half_width=target_half_width,
            batch_size=batch_size,
            stopped_early=schedule.stopped_early,
            horizon_hours=acc.design.horizon,
            bins=acc.design.bins,
            confidence=CONFIDENCE,
            sovsim_version=sovsim_version(),
        )
        results.append(design_result(acc, parameters, slug))
    return results
