"""How replications run, shared by ``run``, ``compare``, ``sweep`` and ``check``.

:class:`ExperimentSettings` holds the typed values (the CLI parses its options into one);
:func:`executor_for` opens the executor they ask for; a :data:`ProgressBar` is passed in by
the caller (the CLI draws a Rich bar, the Python API none), never kept globally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from simulator.errors import InputError
from simulator.experiment import (
    DEFAULT_REPLICATIONS,
    DEFAULT_SEED,
    MissingDependency,
    Progress,
    make_executor,
)

ProgressBar = Callable[[int, str], AbstractContextManager[Progress | None]]
"""Opens a progress display of ``total`` steps under a label and yields its update callback."""


def no_progress(total: int, label: str) -> AbstractContextManager[Progress | None]:
    """Show nothing (the Python API's default)."""
    return nullcontext()


DEFAULT_MITIGATION_REPLICATIONS = 10
"""Enough for a paired difference on common random numbers, at half the cost of a default run."""


@dataclass(frozen=True)
class ExperimentSettings:
    """Replications, seed, horizon (hours; ``None``: the scenario's), stopping target, executor,
    and how many replications each mitigation re-run gets."""

    replications: int = DEFAULT_REPLICATIONS
    seed: int = DEFAULT_SEED
    horizon: float | None = None
    workers: int = 1
    target: float | None = None
    executor: Literal["process", "dask"] = "process"
    scheduler: str | None = None
    mitigation_replications: int = DEFAULT_MITIGATION_REPLICATIONS
    """Replications of each built-in mitigation re-run by ``run`` (at most the run's; 0: none)."""
    force: bool = False
    """Run even past the work budget (see :mod:`simulator.app.budget`)."""

    def experiment_arguments(self, executor: Executor | None, progress: Progress | None) -> dict[str, Any]:
        """What ``run_experiment`` and ``compare_designs`` take from the settings, by name."""
        return {
            "replications": self.replications,
            "seed": self.seed,
            "horizon": self.horizon,
            "workers": self.workers,
            "executor": executor,
            "target_half_width": self.target,
            "progress": progress,
        }


DEFAULT_SETTINGS = ExperimentSettings()


@contextmanager
def executor_for(settings: ExperimentSettings) -> Iterator[Executor | None]:
    """The executor the settings ask for; ``None`` lets the runner use its own process pool."""
    if settings.scheduler is not None and settings.executor != "dask":
        raise InputError.single(Path("--scheduler"), "a scheduler address needs --executor dask")
    if settings.executor == "process":
        yield None
        return
    try:
        with make_executor("dask", settings.workers, settings.scheduler) as executor:
            yield executor
    except MissingDependency as exc:
        raise InputError.single(Path("--executor"), str(exc)) from None
    except OSError as exc:  # includes the scheduler being unreachable
        raise InputError.single(Path("--scheduler"), f"cannot reach the Dask scheduler: {exc}") from None
