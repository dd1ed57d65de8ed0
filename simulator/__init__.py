"""sovsim: where sensitive health data becomes readable by non-EU legal regimes, over time.

The pipeline runs one way: model → law → engine → experiment → compliance → report.
"""

from simulator.compliance import evaluate
from simulator.engine import Outcome, simulate
from simulator.errors import InputError, Problem
from simulator.experiment.result import Comparison, DesignResult
from simulator.experiment.runner import compare_designs, run_experiment
from simulator.law import ExposureMap, analyse, explain
from simulator.model import Scenario, load_scenario, parse_scenario
from simulator.version import __version__

__all__ = [
    "Comparison",
    "DesignResult",
    "ExposureMap",
    "Outcome",
    "InputError",
    "Problem",
    "Scenario",
    "__version__",
    "analyse",
    "compare_designs",
    "evaluate",
    "explain",
    "load_scenario",
    "parse_scenario",
    "run_experiment",
    "simulate",
]
