"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives a node tree with line and column marks and with aliases left
shared (not expanded). We build plain Python data from that tree ourselves, so that we can
(1) record the position of every mapping key and list item, keyed by its path, for error
messages that point into the file, and (2) refuse alias expansion beyond a budget, which
defeats "billion laughs" documents that expand a few lines into gigabytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simulator.errors import InputError

Loc = tuple[str | int, ...]
MAX_NODES = 1_000_000
"""Most values a document may expand to once aliases are followed."""


@dataclass
class YamlDocument:
    """Plain data plus a map from each path into it to its (line, column), 1-based."""

    path: Path
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int] | None:
        """Position of the deepest prefix of ``loc`` that the file spells out."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(tuple(loc[:end]))
            if found:
                return found
        return None


class _Builder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.budget = MAX_NODES
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, loc: Loc, active: frozenset[int] = frozenset()) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise InputError.single(
                self.path,
                f"the document expands to more than {MAX_NODES:,} values through aliases; "
                "refusing to load it (possible 'billion laughs' document)",
                line=node.start_mark.line + 1,
            )
        if id(node) in active:
            raise InputError.single(self.path, "recursive alias", line=node.start_mark.line + 1)
        self.positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            self.constructor.flatten_mapping(node)
            inner = active | {id(node)}
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise InputError.single(
                        self.path, "mapping keys must be plain scalars", line=key_node.start_mark.line + 1
                    )
                if key in result:
                    raise InputError.single(
                        self.path,
                        f"duplicate key {key!r}",
                        line=key_node.start_mark.line + 1,
                        column=key_node.start_mark.column + 1,
                        loc=loc + (str(key),),
                    )
                key_loc = loc + (key if isinstance(key, (str, int)) else str(key),)
                self.positions[key_loc] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, key_loc, inner)
            return result
        if isinstance(node, yaml.SequenceNode):
            inner = active | {id(node)}
            return [self.build(item, loc + (index,), inner) for index, item in enumerate(node.value)]
        return self.constructor.construct_object(node)


def read_yaml(path: Path) -> YamlDocument:
    """Read one YAML document; every failure becomes an :class:`InputError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(path, "file not found") from None
    except IsADirectoryError:
        raise InputError.single(path, "is a directory, expected a YAML file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(path, f"cannot read the file: {exc}") from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML text (already read) into a :class:`YamlDocument`."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        raise InputError.single(
            path,
            f"invalid YAML: {message}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.single(path, f"invalid YAML: {exc}") from None
    if node is None:
        raise InputError.single(path, "the file is empty")
    builder = _Builder(path)
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise InputError.single(
            path, f"invalid YAML value: {exc.problem}", line=mark.line + 1 if mark else None
        ) from None
    return YamlDocument(path=path, data=data, positions=builder.positions)
