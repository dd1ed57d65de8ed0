"""Scenario files before any simulation: load them, validate them, explain their static map."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.errors import InputError, Problem
from simulator.law.explain import explain as explain_map
from simulator.law.readability import analyse
from simulator.model.load import load_scenario
from simulator.model.scenario import Scenario


@dataclass(frozen=True)
class Validation:
    """One file: its scenario when valid, else its problems."""

    path: Path
    scenario: Scenario | None
    problems: list[Problem]


def validate(paths: Sequence[Path], catalog: Path | None = None) -> list[Validation]:
    """Check every file against the schema and the catalogues, collecting all problems."""
    return [_validation(path, catalog) for path in paths]


def load(paths: Sequence[Path], catalog: Path | None = None) -> list[Scenario]:
    """Load every file; an :class:`InputError` lists the problems of all of them."""
    checks = validate(paths, catalog)
    problems = [problem for check in checks for problem in check.problems]
    if problems:
        raise InputError(problems)
    return [check.scenario for check in checks if check.scenario is not None]


def explain(scenario: Scenario, regimes: Collection[str] = ()) -> dict[str, Any]:
    """The static map as plain data (see :func:`simulator.law.explain`), limited to ``regimes`` if any."""
    data = explain_map(analyse(scenario))
    if not regimes:
        return data
    for node in data["nodes"]:
        for per_data in node["data"]:
            per_data["verdicts"] = [v for v in per_data["verdicts"] if v["regime"] in regimes]
    for entity in data["entities"]:
        entity["reached_by"] = [r for r in entity["reached_by"] if r["regime"] in regimes]
        entity["minority_holdings"] = [m for m in entity["minority_holdings"] if m["regime"] in regimes]
    return data


def _validation(path: Path, catalog: Path | None) -> Validation:
    try:
        return Validation(path, load_scenario(path, catalog=catalog), [])
    except InputError as exc:
        return Validation(path, None, exc.problems)
