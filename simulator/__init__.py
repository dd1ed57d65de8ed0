"""sovsim: where sensitive health data becomes readable by non-EU legal regimes, over time.

The pipeline runs one way: model → law → engine → experiment → compliance → report.
"""

from simulator.errors import InputError, Problem
from simulator.law import ExposureMap, analyse, explain
from simulator.model import Scenario, load_scenario, parse_scenario

__version__ = "0.1.0"
__all__ = [
    "ExposureMap",
    "InputError",
    "Problem",
    "Scenario",
    "__version__",
    "analyse",
    "explain",
    "load_scenario",
    "parse_scenario",
]
