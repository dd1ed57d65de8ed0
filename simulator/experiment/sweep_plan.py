"""The plan of a sweep: its parameters parsed, and every variant built and validated before anything runs.

A parameter is a dotted path into the scenario (see :mod:`simulator.model.variants`) and a
list of values, e.g. ``nodes.desk.escalation.probability=0.1,0.3,0.5``. Values are YAML
scalars in the file's own notation (``10/h``, ``2h``, ``51%``, ``true``); an empty value means
"unset" (``data.records.keys=hsm,`` compares customer-held keys with provider-managed keys).

The grid is the cartesian product of the parameters' values; besides, the baseline (the
scenario as given) and, for the tornado chart, the one-at-a-time variants at each parameter's
lowest and highest value are run. Variants are keyed by their scenario hash, so those that
come out identical run once. A typo fails here, before hours of simulation.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from simulator.errors import InputError, Problem
from simulator.experiment.describe import scenario_hash
from simulator.model.scenario import Scenario
from simulator.model.variants import PARAM_SOURCE, value_at, variant
from simulator.model.yaml_source import parse_yaml


@dataclass(frozen=True)
class Axis:
    """One parameter: its values as given and as the model reads them, and its tornado ends."""

    path: str
    values: list[Any]
    normalised: list[Any]
    digests: list[str]
    """Scenario hash of the one-at-a-time variant at each value."""
    low: int
    """Position of the lowest value (by the model's reading), else the first."""
    high: int
    """Position of the highest value, else the last."""


@dataclass(frozen=True)
class SweepPlan:
    """Every variant of one sweep, validated, keyed by scenario hash."""

    scenario: Scenario
    baseline: str
    axes: list[Axis]
    grid: list[tuple[dict[str, Any], str]]
    """Settings and scenario hash of each grid point, in the order of the cartesian product."""
    variants: dict[str, Scenario]
    horizon: float | None
    """Hours every variant runs for; None: each its own."""

    @property
    def order(self) -> list[str]:
        """The distinct variants to run: baseline, grid, then the tornado ends."""
        ends = [axis.digests[end] for axis in self.axes for end in (axis.low, axis.high)]
        return list(dict.fromkeys([self.baseline, *(digest for _, digest in self.grid), *ends]))

    def horizon_of(self, digest: str) -> float:
        return float(self.horizon if self.horizon is not None else self.variants[digest].horizon)


def plan_sweep(
    scenario: Scenario, params: Mapping[str, Sequence[Any]], horizon: float | None = None
) -> SweepPlan:
    """Build every variant of the sweep; an :class:`InputError` lists every bad ``--param`` at once."""
    _check_values(params)
    baseline = scenario_hash(scenario)
    variants = {baseline: scenario}

    def build(settings: dict[str, Any]) -> str:
        model = variant(scenario, settings)
        digest = scenario_hash(model)
        variants.setdefault(digest, model)
        return digest

    # One-at-a-time variants first, so that a bad value is blamed on its own --param.
    axes: list[Axis] = []
    problems: list[Problem] = []
    for path, values in params.items():
        try:
            axes.append(_axis(path, list(values), build, variants))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    grid = [(settings, build(settings)) for settings in iter_settings(params)]
    return SweepPlan(scenario, baseline, axes, grid, variants, horizon)


def _check_values(params: Mapping[str, Sequence[Any]]) -> None:
    if not params:
        raise InputError.single(
            PARAM_SOURCE, "give at least one parameter, e.g. --param nodes.desk.session=1h,4h"
        )
    empty = [
        Problem(PARAM_SOURCE, f"{path}: no values given", loc=(path,)) for path, v in params.items() if not v
    ]
    if empty:
        raise InputError(empty)


def _axis(
    path: str, values: list[Any], build: Callable[[dict[str, Any]], str], variants: Mapping[str, Scenario]
) -> Axis:
    """Build the variant of each value alone (every bad value is reported, a bad path once) and find
    the tornado ends."""
    digests: list[str] = []
    problems: dict[Problem, None] = {}
    for value in values:
        try:
            digests.append(build({path: value}))
        except InputError as exc:
            problems.update(dict.fromkeys(exc.problems))
    if problems:
        raise InputError(list(problems))
    normalised = [value_at(variants[digest], path) for digest in digests]
    return Axis(path, values, normalised, digests, *_extremes(normalised))


def _extremes(normalised: Sequence[Any]) -> tuple[int, int]:
    """Positions of the lowest and highest value (by the model's reading), else first and last."""
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in normalised)
    if numeric and len(normalised) > 1:
        order = sorted(range(len(normalised)), key=lambda k: (normalised[k], k))
        return order[0], order[-1]
    return 0, len(normalised) - 1


# --------------------------------------------------------------------------- parsing --param


def _split_values(text: str) -> list[str]:
    """Split on commas that are not inside brackets, braces or quotes."""
    parts, current, depth, quote = [], [], 0, ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _scalar(text: str) -> Any:
    """A value read as YAML with the scenario files' bounds (depth, size, no tags); text that is
    not YAML (``a: b: c``) is kept as text, for the model to judge."""
    text = text.strip()
    if text == "":
        return None
    try:
        return parse_yaml(text, PARAM_SOURCE).data
    except InputError as exc:
        if all(problem.message.startswith("invalid YAML") for problem in exc.problems):
            return text
        raise


def parse_param(text: str) -> tuple[str, list[Any]]:
    """``"PATH=V1,V2"`` -> ``("PATH", [V1, V2])`` with YAML scalars; an empty value is ``None``."""
    path, sep, values = text.partition("=")
    path = path.strip()
    if not sep or not path:
        raise InputError.single(
            PARAM_SOURCE, f"{text!r}: expected PATH=VALUE1,VALUE2,... e.g. nodes.desk.session=1h,4h"
        )
    return path, [_scalar(part) for part in _split_values(values)]


def parse_params(texts: Sequence[str]) -> dict[str, list[Any]]:
    """Several ``--param`` options; every problem is reported at once."""
    params: dict[str, list[Any]] = {}
    problems: list[Problem] = []
    for text in texts:
        try:
            path, values = parse_param(text)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if path in params:
            problems.append(Problem(PARAM_SOURCE, f"{path}: given twice; list all its values in one --param"))
        params[path] = values
    if problems:
        raise InputError(problems)
    return params


def grid_size(params: Mapping[str, Sequence[Any]]) -> int:
    """Points in the grid (the cartesian product of the values)."""
    size = 1
    for values in params.values():
        size *= len(values)
    return size


def iter_settings(params: Mapping[str, Sequence[Any]]) -> Iterator[dict[str, Any]]:
    """The grid's settings in order."""
    paths = list(params)
    for combo in itertools.product(*(params[p] for p in paths)):
        yield dict(zip(paths, combo, strict=True))
