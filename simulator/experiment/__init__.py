"""Experiments: replications with common random numbers, confidence intervals, stored results.

:func:`run_experiment` runs one design, :func:`compare_designs` several on the same seeds;
both return typed result models (:class:`DesignResult`, :class:`Comparison`) that every
report renders, and :func:`save_result` writes them atomically as ``result.json``.
:func:`sweep` runs a grid of scenario variants and returns a :class:`SweepResult`.

Modules, one job each: ``metrics`` (what is measured), ``replication`` (one replication of a
design prepared once), ``scheduling`` (batches on an executor, early stop, progress),
``aggregation`` (one builder per result section), ``comparison``, ``runner`` (the entry
points), ``result`` and ``sweep_result`` (the documents), ``store`` (their files),
``sweep_plan`` and ``sweep_runner``.
"""

from simulator.experiment.comparison import compare_results
from simulator.experiment.executors import MissingDependency, make_executor
from simulator.experiment.metrics import HEADLINE_KEYS, HEADLINE_METRIC
from simulator.experiment.replication import replicate
from simulator.experiment.result import (
    SCHEMA_VERSION,
    Comparison,
    DesignResult,
    Interval,
    from_json,
    result_schema,
    to_json,
    write_schema,
)
from simulator.experiment.runner import (
    DEFAULT_BINS,
    DEFAULT_REPLICATIONS,
    DEFAULT_SEED,
    compare_designs,
    run_experiment,
)
from simulator.experiment.scheduling import Progress
from simulator.experiment.store import (
    DEFAULT_ROOT,
    load_result,
    load_sweep,
    new_run_dir,
    run_dir,
    run_id,
    save_result,
    save_sweep,
)
from simulator.experiment.sweep_plan import grid_size, parse_params
from simulator.experiment.sweep_result import SweepResult, TornadoBar, sweep_json, sweep_schema
from simulator.experiment.sweep_runner import sweep
from simulator.model.variants import variant

__all__ = [
    "DEFAULT_BINS",
    "DEFAULT_REPLICATIONS",
    "DEFAULT_ROOT",
    "DEFAULT_SEED",
    "HEADLINE_KEYS",
    "HEADLINE_METRIC",
    "SCHEMA_VERSION",
    "Comparison",
    "DesignResult",
    "Interval",
    "MissingDependency",
    "Progress",
    "SweepResult",
    "TornadoBar",
    "compare_designs",
    "compare_results",
    "from_json",
    "load_result",
    "load_sweep",
    "new_run_dir",
    "make_executor",
    "grid_size",
    "parse_params",
    "replicate",
    "result_schema",
    "run_dir",
    "run_experiment",
    "run_id",
    "save_result",
    "save_sweep",
    "sweep",
    "sweep_json",
    "sweep_schema",
    "to_json",
    "variant",
    "write_schema",
]
