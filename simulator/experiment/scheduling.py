"""Schedule replications: batches on an executor, folded in order, stopped once precise enough.

Replication ``i`` of every design gets the same child of ``SeedSequence(seed).spawn(n)``
(common random numbers). Without a target half-width all replications form one batch; with
one, batches of ``batch_size`` run until every design's target metric is that precise.
Tasks are submitted to any :class:`concurrent.futures.Executor` (or run in this process
without one) and folded in replication order, so results do not depend on the worker count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass

from numpy.random import SeedSequence

from simulator.experiment.aggregation import Accumulator
from simulator.experiment.metrics import require_headline
from simulator.experiment.replication import Design, Replication, run_replication

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each replication (in the calling thread)."""

DEFAULT_BATCH = 10

Job = tuple[int, int]
"""(design number, replication index)."""


@dataclass(frozen=True)
class Schedule:
    """What a scheduled run did: each design's folded replications, and whether it stopped early."""

    accumulators: list[Accumulator]
    stopped_early: bool
    max_replications: int


@dataclass
class _Tally:
    """Replications done, reported to the caller's progress callback."""

    total: int
    progress: Progress | None
    done: int = 0

    def tick(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)

    def stop(self) -> None:
        """Stopped early: what is done is the total."""
        if self.progress:
            self.progress(self.done, self.done)


def check_arguments(
    replications: int, workers: int, target_half_width: float | None, batch_size: int, target_metric: str
) -> None:
    """Refuse bad run arguments by name, before anything runs."""
    if replications < 1:
        raise ValueError(f"replications must be at least 1, got {replications}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if target_half_width is not None and not target_half_width > 0:
        raise ValueError(
            "target_half_width must be above 0 (a relative half-width, or probability points), "
            f"got {target_half_width}"
        )
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    require_headline(target_metric, "target metric")


def run_replications(
    designs: Sequence[Design],
    replications: int,
    seed: int,
    pool: Executor | None,
    *,
    target_half_width: float | None,
    target_metric: str,
    batch_size: int,
    progress: Progress | None,
) -> Schedule:
    """Run up to ``replications`` replications of every design, in batches, and fold them in order."""
    children = SeedSequence(seed).spawn(replications)
    accumulators = [Accumulator(design) for design in designs]
    tally = _Tally(replications * len(designs), progress)
    for indices in _batches(replications, target_half_width, batch_size):
        jobs = [(k, i) for i in indices for k in range(len(designs))]
        results = _run_jobs(jobs, designs, children, pool, tally)
        for k, accumulator in enumerate(accumulators):
            for i in indices:
                accumulator.add(results[(k, i)])
        if indices.stop < replications and _precise(accumulators, target_metric, target_half_width):
            tally.stop()
            return Schedule(accumulators, True, replications)
    return Schedule(accumulators, False, replications)


def _precise(accumulators: Sequence[Accumulator], metric: str, target_half_width: float | None) -> bool:
    """Whether a target is set and every design's ``metric`` meets it."""
    return target_half_width is not None and all(
        acc.converged(metric, target_half_width) for acc in accumulators
    )


def _batches(replications: int, target_half_width: float | None, batch_size: int) -> Iterator[range]:
    """All replications at once, or (to check the target in between) batches of ``batch_size``."""
    step = replications if target_half_width is None else batch_size
    for start in range(0, replications, step):
        yield range(start, min(replications, start + step))


def _run_jobs(
    jobs: list[Job],
    designs: Sequence[Design],
    children: list[SeedSequence],
    pool: Executor | None,
    tally: _Tally,
) -> dict[Job, Replication]:
    """Each job's replication, run here or on ``pool``; on an error, pending tasks are cancelled."""
    results: dict[Job, Replication] = {}
    if pool is None:
        for k, i in jobs:
            results[(k, i)] = run_replication(designs[k], i, children[i])
            tally.tick()
        return results
    futures: dict[Future[Replication], Job] = {
        pool.submit(run_replication, designs[k], i, children[i]): (k, i) for k, i in jobs
    }
    try:
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            tally.tick()
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return results
