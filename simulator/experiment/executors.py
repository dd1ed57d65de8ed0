"""Swappable executors: a local process pool or a Dask cluster, behind one interface.

:func:`make_executor` is a context manager that yields a :class:`concurrent.futures.Executor`
and shuts it down on exit. The experiment code only calls ``submit``, so a run or a sweep
works unchanged on a laptop or on a Dask cluster::

    with make_executor("dask", workers=2, scheduler="tcp://10.0.0.5:8786") as pool:
        result = run_experiment(scenario, 100, seed=1, executor=pool)

Dask's ``Client.submit`` defaults to ``pure=True``: a task is keyed by a hash of the function
and its arguments, and identical calls share one result. Replications are safe under that
rule because each is submitted as ``run_replication(design, index, seed_child)``: the
replication index and its own ``SeedSequence`` child travel as explicit arguments, so two
replications never hash alike, while re-running the very same replication (same design,
index and seed) may be served from the cluster's memory, which is correct since it is a
pure function. Dask is optional: it is imported only when asked for.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Literal

ExecutorKind = Literal["process", "dask"]
EXECUTOR_KINDS: tuple[str, ...] = ("process", "dask")
DASK_EXTRA_HINT = "pip install 'sovsim[dask]'"


class MissingDependency(ImportError):
    """An optional dependency (here Dask) is not installed; the message says how to get it."""


def _import_distributed():
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependency(
            f"the Dask executor needs dask.distributed, which is not installed ({exc}); "
            f"install the optional extra with: {DASK_EXTRA_HINT}"
        ) from None
    return distributed


@contextlib.contextmanager
def make_executor(
    kind: ExecutorKind = "process", workers: int = 1, scheduler: str | None = None
) -> Iterator[Executor]:
    """An executor for replications, shut down (with its cluster) when the block ends.

    * ``"process"``: a :class:`~concurrent.futures.ProcessPoolExecutor` of ``workers``
      processes (``scheduler`` must be ``None``).
    * ``"dask"``: ``distributed.Client(scheduler).get_executor()``. ``scheduler`` is the
      address of a running scheduler (``tcp://host:8786``); without it a local cluster of
      ``workers`` single-threaded worker processes is started for the block and closed after.

    On an exception (Ctrl-C included) pending tasks are cancelled instead of awaited.
    """
    if kind not in EXECUTOR_KINDS:
        raise ValueError(f"unknown executor {kind!r}; use one of: {', '.join(EXECUTOR_KINDS)}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if kind == "process":
        if scheduler is not None:
            raise ValueError("a scheduler address only makes sense with the 'dask' executor")
        yield from _process_pool(workers)
    else:
        yield from _dask(workers, scheduler)


@contextlib.contextmanager
def executor_for(workers: int, executor: Executor | None) -> Iterator[Executor | None]:
    """The caller's executor as is (not shut down), else a local process pool, else (one worker) none."""
    if executor is not None:
        yield executor
    elif workers <= 1:
        yield None
    else:
        with make_executor("process", workers) as pool:
            yield pool


def _process_pool(workers: int) -> Iterator[Executor]:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_default_sigterm)
    try:
        yield pool
    except BaseException:
        _stop(pool)
        raise
    else:
        pool.shutdown(wait=True)


def _default_sigterm() -> None:
    """A worker dies on SIGTERM, whatever handler the parent had when it forked."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the waiting replications and end the running ones now: a worker must not outlive an
    interrupted command (their results would be thrown away anyway)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # no public API lists them
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


def _dask(workers: int, scheduler: str | None) -> Iterator[Executor]:
    distributed = _import_distributed()
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            )
            address = cluster.scheduler_address
        else:
            address = scheduler
        try:
            client = stack.enter_context(distributed.Client(address, set_as_default=False))
        except OSError as exc:
            raise ConnectionError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        executor = client.get_executor()
        try:
            yield executor
        except BaseException:
            executor.shutdown(wait=False)
            raise
        else:
            executor.shutdown(wait=True)
