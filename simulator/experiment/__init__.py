"""Experiments: replications with common random numbers, confidence intervals, stored results.

:func:`run_experiment` runs one design, :func:`compare_designs` several on the same seeds;
both return typed result models (:class:`DesignResult`, :class:`Comparison`) that every
report renders, and :func:`save_result` writes them atomically as ``result.json``.
"""

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
    HEADLINE_KEYS,
    HEADLINE_METRIC,
    Progress,
    compare_designs,
    compare_results,
    replicate,
    run_experiment,
)
from simulator.experiment.store import load_result, run_dir, run_id, save_result

__all__ = [
    "HEADLINE_KEYS",
    "HEADLINE_METRIC",
    "SCHEMA_VERSION",
    "Comparison",
    "DesignResult",
    "Interval",
    "Progress",
    "compare_designs",
    "compare_results",
    "from_json",
    "load_result",
    "replicate",
    "result_schema",
    "run_dir",
    "run_experiment",
    "run_id",
    "save_result",
    "to_json",
    "write_schema",
]
