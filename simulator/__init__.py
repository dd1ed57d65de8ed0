"""sovsim: where sensitive health data becomes readable by non-EU legal regimes, over time.

The pipeline runs one way: model → law → engine → experiment → compliance → report. The
application layer :mod:`simulator.app` runs it end to end for the CLI and for scripts::

    from simulator import ExperimentSettings, app, load_scenario
    done = app.run(load_scenario("scenarios/hdh-azure.yaml"), ExperimentSettings(replications=20))
    print(done.folder, len(done.findings))
"""

from simulator import app
from simulator.app import ExperimentSettings
from simulator.compliance import evaluate
from simulator.engine import Outcome, simulate
from simulator.errors import InputError, Problem
from simulator.experiment import compare_designs, run_experiment
from simulator.experiment.result import Comparison, DesignResult
from simulator.law import ExposureMap, analyse, explain
from simulator.model import Scenario, load_scenario, parse_scenario
from simulator.version import __version__

__all__ = [
    "Comparison",
    "DesignResult",
    "ExperimentSettings",
    "ExposureMap",
    "Outcome",
    "InputError",
    "Problem",
    "Scenario",
    "__version__",
    "analyse",
    "app",
    "compare_designs",
    "evaluate",
    "explain",
    "load_scenario",
    "parse_scenario",
    "run_experiment",
    "simulate",
]
