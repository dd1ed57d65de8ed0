"""Load rule files: YAML → :class:`RuleSet` → check and parameter validation.

The bundled rule sets live in ``simulator/compliance/rules/*.yaml``; users add their own with
``--rules FILE``. Every mistake becomes a :class:`~simulator.errors.Problem` naming the file,
line, column and field, like scenario errors, and all of them are raised at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from simulator.compliance.applicability import AppliesIf
from simulator.compliance.checks import CHECKS
from simulator.compliance.models import Rule, RuleSet
from simulator.errors import InputError, Problem
from simulator.model.load import error_message, sorted_problems
from simulator.model.yaml_source import Loc, YamlDocument, parse_yaml, read_yaml

RULES_DIR = Path(__file__).with_name("rules")


@dataclass(frozen=True)
class LoadedRule:
    """A rule with its rule set, validated parameters and the file it came from."""

    rule_set: str
    rule: Rule
    params: BaseModel
    file: Path
    title: str = ""
    """The rule set's title."""
    applies_if: AppliesIf | None = None
    """The rule set's conditions (see :mod:`simulator.compliance.applicability`)."""


def default_rule_files() -> list[Path]:
    return sorted(RULES_DIR.glob("*.yaml"))


def load_rule_file(path: Path | str) -> list[LoadedRule]:
    """Read and validate one rule file; raise :class:`InputError` listing every problem."""
    return _validate(read_yaml(Path(path)))


def parse_rule_file(text: str, name: str = "<rules>") -> list[LoadedRule]:
    """Validate rule-file YAML given as text."""
    return _validate(parse_yaml(text, Path(name)))


def load_rules(extra: list[Path | str] = (), defaults: bool = True) -> list[LoadedRule]:
    """The bundled rules (unless ``defaults`` is false) plus the user's rule files.

    A rule id defined twice is an error pointing at the second definition.
    """
    files = (default_rule_files() if defaults else []) + [Path(p) for p in extra]
    loaded: list[LoadedRule] = []
    problems: list[Problem] = []
    seen: dict[str, LoadedRule] = {}
    for file in files:
        try:
            rules = load_rule_file(file)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        doc_positions = _positions(file)
        for index, item in enumerate(rules):
            if item.rule.id in seen:
                other = seen[item.rule.id]
                loc: Loc = ("rules", index, "id")
                line, column = doc_positions.get(loc, (None, None))
                problems.append(
                    Problem(
                        file=file,
                        line=line,
                        column=column,
                        loc=loc,
                        message=(
                            f"rule id {item.rule.id!r} is already defined in {other.file}; give another id"
                        ),
                    )
                )
                continue
            seen[item.rule.id] = item
            loaded.append(item)
    if problems:
        raise InputError(problems)
    return loaded


def _positions(file: Path) -> dict[Loc, tuple[int, int]]:
    try:
        return read_yaml(file).positions
    except InputError:
        return {}


def _validate(doc: YamlDocument) -> list[LoadedRule]:
    if not isinstance(doc.data, dict):
        raise InputError.single(
            doc.path, "a rule file must be a mapping (rule_set:, title:, source:, rules:)", line=1
        )
    try:
        rule_set = RuleSet.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(
            sorted_problems([_problem(doc, (), error) for error in exc.errors(include_url=False)])
        ) from None
    problems: list[Problem] = []
    loaded: list[LoadedRule] = []
    ids: dict[str, int] = {}
    for index, rule in enumerate(rule_set.rules):
        base: Loc = ("rules", index)
        if rule.id in ids:
            problems.append(
                _at(doc, base + ("id",), f"rule id {rule.id!r} is already used by rules[{ids[rule.id]}]")
            )
            continue
        ids[rule.id] = index
        check = CHECKS.get(rule.check)
        if check is None:
            problems.append(
                _at(
                    doc,
                    base + ("check",),
                    f"unknown check {rule.check!r}; known: {', '.join(sorted(CHECKS))}",
                )
            )
            continue
        values = {name: parameter.value for name, parameter in rule.parameters.items()}
        try:
            params = check.params.model_validate(values)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = base + ("parameters",) + _param_loc(doc, base, error["loc"])
                problems.append(_at(doc, loc, error_message(error, "see the bundled rule files")))
            continue
        loaded.append(
            LoadedRule(rule_set.rule_set, rule, params, doc.path, rule_set.title, rule_set.applies_if)
        )
    if problems:
        raise InputError(sorted_problems(problems))
    return loaded


def _param_loc(doc: YamlDocument, base: Loc, loc: tuple[Any, ...]) -> Loc:
    """Parameters may be written bare or as ``{value: ...}``: point at the value either way."""
    if not loc:
        return ()
    name, rest = loc[0], tuple(loc[1:])
    raw = doc.data["rules"][base[1]].get("parameters", {}).get(name)
    if isinstance(raw, dict) and "value" in raw:
        return (name, "value", *rest)
    return (name, *rest)


def _problem(doc: YamlDocument, prefix: Loc, error: dict[str, Any]) -> Problem:
    loc = tuple(part for part in (prefix + tuple(error["loc"])) if not _internal(part))
    return _at(doc, loc, error_message(error, "see the bundled rule files"))


def _internal(part: Any) -> bool:
    return (
        isinstance(part, str)
        and any(c in part for c in "[]-")
        and not part.replace("-", "").replace("_", "").isalnum()
    )


def _at(doc: YamlDocument, loc: Loc, message: str) -> Problem:
    line, column = doc.position(loc) or (None, None)
    return Problem(file=doc.path, message=message, line=line, column=column, loc=loc)
