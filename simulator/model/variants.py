"""Scenario variants: set values at dotted paths of a scenario and validate it again.

A **path** points into the scenario as loaded (catalogue entries merged in), e.g.
``nodes.desk.escalation.probability``. It follows mapping keys (ids may contain dots: the
longest matching key wins) and list items, by position (``flows.0.rate``) or by ``name``
(``flows.study-runs.rate``, ``timeline.migration.start``). Values are written in the file's
own notation (``10/h``, ``2h``, ``51%``); ``None`` unsets an optional field.

Every variant goes through the model again, so a bad path or value is an
:class:`~simulator.errors.InputError` whose problems name the path that caused them (the
``--param`` of a sweep, hence :data:`PARAM_SOURCE` in place of a file).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.errors import InputError, Problem
from simulator.model.load import clean_loc, error_message
from simulator.model.references import reference_problems
from simulator.model.scenario import Scenario

PARAM_SOURCE = Path("--param")
"""What a bad path's problem names instead of a file."""

Segments = list[str | int]


def variant(scenario: Scenario, settings: Mapping[str, Any]) -> Scenario:
    """``scenario`` with each dotted path set to its value, validated again through the model."""
    data = _dump(scenario)
    where: dict[str, Segments] = {}
    for path, value in settings.items():
        segments = _segments(data, path)
        where[path] = segments
        _get(data, segments[:-1])[segments[-1]] = value
    described = ", ".join(f"{path}={_show(value)}" for path, value in settings.items())

    def problem(loc: Sequence[Any], message: str) -> Problem:
        clean = list(clean_loc(data, tuple(loc)))
        blamed = _blame(clean, where)
        field = "" if len(blamed) == 1 and list(clean) == where[blamed[0]] else _field(clean)
        return Problem(PARAM_SOURCE, f"{described}: {field}{message}", loc=blamed)

    try:
        result = Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            [problem(error["loc"], error_message(error)) for error in exc.errors(include_url=False)]
        ) from None
    problems = reference_problems(result)
    if problems:
        raise InputError([problem(loc, message) for loc, message in problems])
    return result


def value_at(scenario: Scenario, path: str) -> Any:
    """The value at a dotted path, as the model holds it (durations in hours, rates per hour)."""
    data = _dump(scenario)
    return _get(data, _segments(data, path))


def _dump(scenario: Scenario) -> dict[str, Any]:
    return scenario.model_dump(mode="json", by_alias=True)


def _get(data: Any, segments: Sequence[str | int]) -> Any:
    for part in segments:
        data = data[part]
    return data


def _segments(data: Any, path: str) -> Segments:
    """Resolve a dotted path against ``data`` into keys and list positions."""
    words = path.split(".")
    resolved: Segments = []
    current = data
    position = 0
    while position < len(words):
        where = ".".join(str(part) for part in resolved) or "the scenario"
        step: str | int
        if isinstance(current, dict):
            step = _key(current, words, position, path, where)
            position += len(step.split("."))
        elif isinstance(current, list):
            step = _item(current, words[position], path, where)
            position += 1
        elif current is None and position == len(words) - 1:
            # An optional block left out (e.g. escalation: none): the model says what it needs.
            raise _bad(
                path, f"{where} is not set in the scenario; set it there first (with its required fields)"
            )
        else:
            raise _bad(path, f"{where} is a value, not a section; it has no {words[position]!r}")
        resolved.append(step)
        current = current[step]
    return resolved


def _key(mapping: dict[str, Any], words: list[str], position: int, path: str, where: str) -> str:
    """The longest key of ``mapping`` spelled by the words from ``position`` on (ids may hold dots)."""
    for end in range(len(words), position, -1):
        key = ".".join(words[position:end])
        if key in mapping:
            return key
    known = ", ".join(sorted(map(str, mapping))) or "none"
    raise _bad(path, f"{where} has no {words[position]!r} (known: {_short(known)})")


def _item(items: list[Any], word: str, path: str, where: str) -> int:
    """The position of a list item given by its position (negative counts from the end) or its name."""
    if not word.lstrip("-").isdigit():
        return _named(items, word, path, where)
    index = int(word)
    if not -len(items) <= index < len(items):
        raise _bad(path, f"{where} has {len(items)} item(s); no item {index}")
    return index % len(items)


def _named(items: list[Any], word: str, path: str, where: str) -> int:
    """The position of the one item whose ``name`` is ``word``."""
    names = [item.get("name") if isinstance(item, dict) else None for item in items]
    named = [k for k, name in enumerate(names) if name == word]
    if len(named) != 1:
        known = ", ".join(str(name) for name in names if name) or "none named"
        why = "several items are" if named else "no item is"
        raise _bad(path, f"in {where} {why} named {word!r}; use a position or one of: {known}")
    return named[0]


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bad(path: str, message: str) -> InputError:
    return InputError([Problem(PARAM_SOURCE, message, loc=(path,))])


def _show(value: Any) -> str:
    if value is None:
        return "(unset)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _field(loc: Sequence[Any]) -> str:
    return f"{'.'.join(str(part) for part in loc)}: " if loc else ""


def _blame(loc: Sequence[Any], where: Mapping[str, Segments]) -> tuple[str, ...]:
    """The path the error lies under (or all of them)."""
    loc = list(loc)
    for path, segments in where.items():
        if loc[: len(segments)] == segments or segments[: len(loc)] == loc:
            return (path,)
    return tuple(where)
