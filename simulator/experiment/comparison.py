"""Compare design results run on the same seeds: paired differences against a baseline, and a ranking.

Replication ``i`` of every design used the same seed (common random numbers), so each headline
metric's difference (design − baseline) gets a t interval on the per-replication paired
differences, which cancels the noise of the shared workload and incidents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from simulator.experiment.metrics import HEADLINE_METRIC
from simulator.experiment.result import (
    SCHEMA_VERSION,
    Comparison,
    ComparisonParameters,
    DesignResult,
    Interval,
    PairedDifference,
    RankEntry,
)
from simulator.experiment.stats import CONFIDENCE, t_interval
from simulator.io import slugify
from simulator.version import sovsim_version


def compare_results(
    designs: Sequence[DesignResult], baseline: int = 0, rank_by: str = HEADLINE_METRIC
) -> Comparison:
    """Compare design results already computed on the same seed and replications (e.g. from files)."""
    if not designs:
        raise ValueError("compare needs at least one design result")
    first = designs[0].parameters
    for design in designs[1:]:
        mine = design.parameters
        if (mine.seed, mine.replications) != (first.seed, first.replications):
            raise ValueError(
                f"{design.scenario!r} ran with seed {mine.seed} and {mine.replications} replications, "
                f"{designs[0].scenario!r} with seed {first.seed} and {first.replications}: "
                "paired differences need the same seed and replication count"
            )
    digest = hashlib.sha256("\n".join(d.scenario_hash for d in designs).encode()).hexdigest()
    slug = slugify("-vs-".join(d.slug for d in designs), max_length=80)
    return Comparison(
        schema_version=SCHEMA_VERSION,
        slug=f"compare-{slug}",
        comparison_hash=digest,
        parameters=_parameters(designs),
        baseline=baseline,
        rank_by=rank_by,
        designs=list(designs),
        differences=_differences(designs, baseline),
        ranking=_ranking(designs, rank_by),
    )


def _parameters(designs: Sequence[DesignResult]) -> ComparisonParameters:
    """The first design's run parameters; stopped early if any design did."""
    first = designs[0].parameters
    return ComparisonParameters(
        seed=first.seed,
        replications=first.replications,
        max_replications=first.max_replications,
        target_half_width=first.target_half_width,
        batch_size=first.batch_size,
        stopped_early=any(d.parameters.stopped_early for d in designs),
        bins=first.bins,
        confidence=CONFIDENCE,
        sovsim_version=sovsim_version(),
    )


def _differences(designs: Sequence[DesignResult], baseline: int) -> list[PairedDifference]:
    base = designs[baseline]
    differences = []
    for number, design in enumerate(designs):
        if number == baseline:
            continue
        for headline in design.summary:
            paired = np.asarray(headline.values) - np.asarray(base.headline(headline.key).values)
            difference = t_interval(paired)
            differences.append(
                PairedDifference(
                    design=number,
                    baseline=baseline,
                    metric=headline.key,
                    better=headline.better,
                    difference=difference,
                    verdict=_verdict(difference, headline.better),  # type: ignore[arg-type]
                )
            )
    return differences


def _verdict(difference: Interval, better: str) -> str:
    if difference.half_width == 0 and difference.mean == 0:
        return "identical"
    if difference.low is None or difference.high is None or difference.low <= 0 <= difference.high:
        return "no significant difference"
    lower = difference.high < 0
    return "better" if lower == (better == "lower") else "worse"


def _ranking(designs: Sequence[DesignResult], rank_by: str) -> list[RankEntry]:
    """Best first by ``rank_by``, ties broken by the disclosure probability (or the headline), then order."""
    secondary = "p_disclosure" if rank_by != "p_disclosure" else HEADLINE_METRIC

    def score(k: int, key: str) -> float:
        headline = designs[k].headline(key)
        return headline.value.mean if headline.better == "lower" else -headline.value.mean

    order = sorted(range(len(designs)), key=lambda k: (score(k, rank_by), score(k, secondary), k))
    return [
        RankEntry(
            rank=position + 1,
            design=k,
            scenario=designs[k].scenario,
            value=designs[k].headline(rank_by).value,
        )
        for position, k in enumerate(order)
    ]
