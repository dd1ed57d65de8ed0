"""Run a sweep: plan every variant, run the points not stored yet, assemble the result.

All points run with the same seed and replication count, so replication ``i`` of every
variant sees the same workload, incidents and demands wherever the parameter does not change
them (common random numbers): differences against the baseline are paired.

Resumption: each finished point is written atomically to ``out_dir/points/<key>.json``
(:func:`~simulator.experiment.store.save_point`), the key hashing (variant scenario hash,
seed, replications, horizon, bins). Rerunning into the same ``out_dir`` reads finished points
instead of running them again; the result is the same as an uninterrupted run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import numpy as np

from simulator.experiment.executors import executor_for
from simulator.experiment.metrics import HEADLINE_METRIC, require_headline
from simulator.experiment.result import Interval, find_headline
from simulator.experiment.runner import DEFAULT_BINS, run_experiment
from simulator.experiment.scheduling import Progress
from simulator.experiment.stats import CONFIDENCE, t_interval
from simulator.experiment.store import load_point, point_key, save_point, save_sweep
from simulator.experiment.sweep_plan import Axis, SweepPlan, plan_sweep
from simulator.experiment.sweep_result import (
    StoredPoint,
    SweepParam,
    SweepParameters,
    SweepPoint,
    SweepResult,
    Tornado,
    TornadoBar,
)
from simulator.io import slugify
from simulator.model.scenario import Scenario
from simulator.version import sovsim_version


def sweep(
    scenario: Scenario,
    params: Mapping[str, Sequence[Any]],
    replications: int,
    seed: int,
    executor: Executor | None = None,
    out_dir: Path | str | None = None,
    progress: Progress | None = None,
    *,
    horizon: float | None = None,
    workers: int = 1,
    bins: int = DEFAULT_BINS,
    metric: str = HEADLINE_METRIC,
) -> SweepResult:
    """Run the grid of variants of ``scenario`` given by ``params`` (path -> values).

    Every variant is checked before anything runs (an :class:`InputError` names the bad
    ``--param``). Points run one after the other, each with its replications spread over
    ``executor`` (or a pool of ``workers`` processes); with ``out_dir`` each finished point is
    saved and reused by a later run, and ``sweep.json`` is written at the end.
    ``progress(done, total)`` counts points (reused ones included).
    """
    if replications < 1:
        raise ValueError(f"replications must be at least 1, got {replications}")
    require_headline(metric)
    plan = plan_sweep(scenario, params, horizon)
    parameters = SweepParameters(
        seed=seed,
        replications=replications,
        horizon_hours=horizon,
        bins=bins,
        confidence=CONFIDENCE,
        metric=metric,
        sovsim_version=sovsim_version(),
    )
    with executor_for(workers, executor) as pool:
        points, reused = run_points(plan, parameters, pool, out_dir, progress)
    result = assemble(plan, parameters, points)
    result._reused = reused
    if out_dir is not None:
        save_sweep(result, out_dir)
    return result


def run_points(
    plan: SweepPlan,
    parameters: SweepParameters,
    pool: Executor | None,
    out_dir: Path | str | None,
    progress: Progress | None,
) -> tuple[dict[str, StoredPoint], int]:
    """Each distinct variant's point by scenario hash (read or run), and how many were read."""
    order = plan.order
    keys = {
        digest: point_key(
            digest, parameters.seed, parameters.replications, plan.horizon_of(digest), parameters.bins
        )
        for digest in order
    }
    finished = _stored_points(out_dir, keys)
    reused = len(finished)
    if progress and reused:
        progress(reused, len(order))
    for digest in order:
        if digest in finished:
            continue
        finished[digest] = _run_point(plan, parameters, digest, keys[digest], pool)
        if out_dir is not None:
            save_point(out_dir, finished[digest])
        if progress:
            progress(len(finished), len(order))
    return finished, reused


def _stored_points(out_dir: Path | str | None, keys: Mapping[str, str]) -> dict[str, StoredPoint]:
    """The points already saved in ``out_dir``, by scenario hash."""
    if out_dir is None:
        return {}
    stored = {digest: load_point(out_dir, key) for digest, key in keys.items()}
    return {digest: point for digest, point in stored.items() if point is not None}


def _run_point(
    plan: SweepPlan, parameters: SweepParameters, digest: str, key: str, pool: Executor | None
) -> StoredPoint:
    horizon = plan.horizon_of(digest)
    result = run_experiment(
        plan.variants[digest],
        parameters.replications,
        parameters.seed,
        horizon,
        executor=pool,
        bins=parameters.bins,
    )
    return StoredPoint(
        key=key,
        scenario_hash=digest,
        seed=parameters.seed,
        replications=parameters.replications,
        horizon_hours=horizon,
        bins=parameters.bins,
        headlines=result.summary,
    )


def assemble(plan: SweepPlan, parameters: SweepParameters, points: Mapping[str, StoredPoint]) -> SweepResult:
    """The sweep's result from its finished points: the grid, the baseline and the tornado chart."""

    def point(digest: str, settings: dict[str, Any]) -> SweepPoint:
        stored = points[digest]
        return SweepPoint(
            key=stored.key,
            scenario_hash=digest,
            settings=settings,
            horizon_hours=stored.horizon_hours,
            headlines=stored.headlines,
        )

    baseline = point(plan.baseline, {})
    base = baseline.headline(parameters.metric)
    bars = sorted(
        (_bar(axis, points, parameters.metric, base.values) for axis in plan.axes),
        key=lambda bar: (-bar.swing, bar.path),
    )
    return SweepResult(
        scenario=plan.scenario.name,
        slug=f"sweep-{slugify(plan.scenario.name)}",
        scenario_hash=plan.baseline,
        parameters=parameters,
        params=[
            SweepParam(path=axis.path, values=axis.values, normalised=axis.normalised) for axis in plan.axes
        ],
        baseline=baseline,
        points=[point(digest, settings) for settings, digest in plan.grid],
        tornado=Tornado(
            metric=parameters.metric, label=base.label, unit=base.unit, baseline=base.value, bars=bars
        ),
    )


def _bar(axis: Axis, points: Mapping[str, StoredPoint], metric: str, baseline: Sequence[float]) -> TornadoBar:
    """One parameter alone at its lowest and highest value, paired with the baseline."""
    low = find_headline(points[axis.digests[axis.low]].headlines, metric)
    high = find_headline(points[axis.digests[axis.high]].headlines, metric)
    return TornadoBar(
        path=axis.path,
        low_value=axis.values[axis.low],
        high_value=axis.values[axis.high],
        low=low.value,
        high=high.value,
        low_difference=_paired(low.values, baseline),
        high_difference=_paired(high.values, baseline),
        swing=abs(high.value.mean - low.value.mean),
    )


def _paired(values: Sequence[float], baseline: Sequence[float]) -> Interval:
    return t_interval(np.asarray(values, dtype=float) - np.asarray(baseline, dtype=float))
