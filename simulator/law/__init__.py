"""Legal reach: which regime can compel which entity, and read which data where."""

from simulator.law.explain import explain
from simulator.law.reach import ReachMap, resolve_reach
from simulator.law.readability import ExposureMap, Verdict, analyse

__all__ = ["ExposureMap", "ReachMap", "Verdict", "analyse", "explain", "resolve_reach"]
