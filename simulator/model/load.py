"""Load a scenario file: YAML → catalogue merge → pydantic validation → reference checks.

Every failure is gathered into one :class:`~simulator.errors.InputError` whose problems
point at file, line, column and field, in the scenario file or in the catalogue file that
the faulty entry came from.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from simulator.errors import InputError, Problem
from simulator.model.references import reference_problems
from simulator.model.scenario import NodeKind, Scenario
from simulator.model.yaml_source import Loc, YamlDocument, parse_yaml, read_yaml

CATALOG_SECTIONS = ("regimes", "entities")
NODE_KINDS = frozenset(get_args(NodeKind))
DEFAULT_CATALOG = Path(__file__).resolve().parents[2] / "scenarios" / "catalog"


def catalog_dir(override: Path | None = None) -> Path:
    """The catalogue folder: the argument, else $SOVSIM_CATALOG, else the bundled one."""
    if override is not None:
        return Path(override)
    return Path(os.environ.get("SOVSIM_CATALOG", DEFAULT_CATALOG))


@dataclass
class _Sources:
    """Which document each catalogue entry (and each overridden field) came from."""

    scenario: YamlDocument
    catalog: dict[str, YamlDocument]
    overridden: set[tuple[str, str, str]]
    scenario_only: set[tuple[str, str]]

    def locate(self, loc: Loc) -> tuple[YamlDocument, Loc]:
        """The document that spelled out the value at ``loc`` (of the merged data), and its path there."""
        if len(loc) >= 2 and loc[0] in self.catalog and (loc[0], loc[1]) not in self.scenario_only:
            field = loc[2] if len(loc) > 2 else None
            if (loc[0], loc[1], field) not in self.overridden:
                return self.catalog[str(loc[0])], loc[1:]
        return self.scenario, loc

    def where(self, loc: Loc) -> tuple[Path, int | None, int | None]:
        """The file that spells ``loc`` (the scenario, or the catalogue it came from), line, column."""
        doc, doc_loc = self.locate(loc)
        line, column = doc.position(doc_loc) or (None, None)
        return doc.path, line, column

    def problem(self, loc: Loc, message: str) -> Problem:
        file, line, column = self.where(loc)
        return Problem(file=file, message=message, line=line, column=column, loc=loc)

    def retyped(self, loc: Loc) -> str | None:
        """The source text of the value at ``loc`` if YAML read it as a non-string, else None."""
        doc, doc_loc = self.locate(loc)
        return doc.plain.get(doc_loc)


def load_scenario(path: Path | str, catalog: Path | None = None) -> Scenario:
    """Read and validate a scenario file; raise :class:`InputError` listing every problem."""
    path = Path(path)
    return _validate(read_yaml(path), catalog)


def parse_scenario(text: str, name: str = "<scenario>", catalog: Path | None = None) -> Scenario:
    """Validate scenario YAML given as text (for tests, notebooks and services)."""
    return _validate(parse_yaml(text, Path(name)), catalog)


Locator = Callable[[Loc], tuple[Path, int | None, int | None]]
"""Where a path into the loaded scenario is written: file, line and column (1-based)."""


def locate(path: Path | str, catalog: Path | None = None) -> Locator:
    """Where each entry of a scenario file is defined, e.g. ``("nodes", "analytics")`` or
    ``("entities", "microsoft-uk")`` (in the catalogue unless the scenario defines it), so
    that a finding can point at the line that causes it."""
    _, sources = _merge(read_yaml(Path(path)), load_catalog(catalog))
    return sources.where


def load_catalog(catalog: Path | None = None) -> dict[str, YamlDocument]:
    """The catalogue documents, one per section, each a mapping of id to entry."""
    folder = catalog_dir(catalog)
    docs = {}
    for section in CATALOG_SECTIONS:
        doc = _read_catalog_file(folder / f"{section}.yaml")
        if not isinstance(doc.data, dict):
            raise InputError.single(doc.path, f"expected a mapping of {section} by id", line=1)
        docs[section] = doc
    return docs


def _read_catalog_file(path: Path) -> YamlDocument:
    """A catalogue file, parsed once per version: it is most of the work of loading a scenario."""
    try:
        info = path.stat()
    except OSError:
        return read_yaml(path)  # which reports the problem
    return _parsed(path.resolve(), info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int, size: int) -> YamlDocument:
    """Cached by modification time and size; callers copy entries before changing them."""
    return read_yaml(path)


def _validate(doc: YamlDocument, catalog: Path | None) -> Scenario:
    if not isinstance(doc.data, dict):
        raise InputError.single(doc.path, "a scenario must be a mapping (name:, sites:, nodes:, ...)", line=1)
    catalogs = load_catalog(catalog)
    merged, sources = _merge(doc, catalogs)
    problems: list[Problem] = []
    try:
        scenario = Scenario.model_validate(merged)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = clean_loc(merged, error["loc"])
            problems.append(sources.problem(loc, _with_yaml_hint(error, sources.retyped(loc))))
        raise InputError(sorted_problems(problems)) from None
    problems = [sources.problem(loc, message) for loc, message in reference_problems(scenario)]
    if problems:
        raise InputError(sorted_problems(problems))
    return scenario


def _merge(doc: YamlDocument, catalogs: dict[str, YamlDocument]) -> tuple[dict[str, Any], _Sources]:
    """Catalogue entries, with the scenario's same-id entries overriding field by field."""
    merged = dict(doc.data)
    overridden: set[tuple[str, str, str]] = set()
    scenario_only: set[tuple[str, str]] = set()
    for section, catalog_doc in catalogs.items():
        entries = {
            key: dict(value) if isinstance(value, dict) else value for key, value in catalog_doc.data.items()
        }
        own = merged.get(section) or {}
        if not isinstance(own, dict):
            continue  # pydantic reports the wrong type at its line
        for key, fields in own.items():
            if key in entries and isinstance(fields, dict) and isinstance(entries[key], dict):
                entries[key].update(fields)
                overridden.update((section, key, field) for field in fields)
            else:
                entries[key] = fields
                scenario_only.add((section, key))
        for key, fields in entries.items():
            if isinstance(fields, dict):
                fields.setdefault("id", key)
        merged[section] = entries
    return merged, _Sources(doc, catalogs, overridden, scenario_only)


def clean_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """Drop pydantic's internal segments (union tags, validator names) from a location."""
    clean: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            clean.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            clean.append(part)
            current = current[part]
        elif isinstance(part, str) and not isinstance(current, (dict, list)):
            break
        elif isinstance(current, dict) and isinstance(part, str) and not any(c in part for c in "[]-"):
            # A missing field, or a union tag: keep only fields the model knows by name.
            if part not in NODE_KINDS:
                clean.append(part)
                current = None
    return tuple(clean)


def error_message(error: Any, unknown_field_hint: str = "see `sovsim schema`") -> str:
    """A pydantic error's message in plain words, without pydantic's prefixes."""
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    if error["type"] == "extra_forbidden":
        message = f"unknown field (check its spelling; {unknown_field_hint})"
    elif error["type"] == "union_tag_invalid":
        message = "unknown node kind; use one of: " + str(error.get("ctx", {}).get("expected_tags", ""))
    elif error["type"] == "missing":
        message = "required field is missing"
    return message


def _with_yaml_hint(error: Any, source_text: str | None) -> str:
    """Explain a type error on a value that YAML retyped: ``NO`` is false, ``2024-01-01`` a date."""
    message = error_message(error)
    if source_text is None or error["type"] not in _TEXT_EXPECTED:
        return message
    value = error.get("input")
    if isinstance(value, bool):
        read_as = str(value).lower()
    elif value is None:
        read_as = "null (no value)"
    elif isinstance(value, (date, datetime)):
        read_as = "a date"
    else:
        read_as = f"the number {value!r}"
    hint = f"YAML read {source_text} as {read_as}; quote it: '{source_text}'"
    return "expected text, but " + hint if error["type"] == "string_type" else f"{message} ({hint})"


_TEXT_EXPECTED = frozenset({"string_type", "literal_error", "enum"})


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in reading order: file, line, column, field."""
    return sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.column or 0, p.field))
