"""Scenario model: pydantic definitions, YAML loading, catalogues, places and work estimates."""

from simulator.model.load import load_scenario, parse_scenario
from simulator.model.scenario import Scenario
from simulator.model.workload import WorkEstimate, check_budget, estimate_work

__all__ = ["Scenario", "WorkEstimate", "check_budget", "estimate_work", "load_scenario", "parse_scenario"]
