"""Scenario model: pydantic definitions, YAML loading, catalogues and places."""

from simulator.model.load import load_scenario, parse_scenario
from simulator.model.scenario import Scenario

__all__ = ["Scenario", "load_scenario", "parse_scenario"]
