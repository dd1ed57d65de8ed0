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
    return _only(data, regimes) if regimes else data


def _only(data: dict[str, Any], regimes: Collection[str]) -> dict[str, Any]:
    def keep(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [item for item in items if item["regime"] in regimes]

    for node in data["nodes"]:
        for per_data in node["data"]:
            per_data["verdicts"] = keep(per_data["verdicts"])
    for entity in data["entities"]:
        entity["reached_by"] = keep(entity["reached_by"])
        entity["minority_holdings"] = keep(entity["minority_holdings"])
    return data


def _validation(path: Path, catalog: Path | None) -> Validation:
    try:
        return Validation(path, load_scenario(path, catalog=catalog), [])
    except InputError as exc:
        return Validation(path, None, exc.problems)
