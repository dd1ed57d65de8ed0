"""Safe, bounded YAML reading that remembers where every value came from.

PyYAML's composer gives a node tree with line and column marks and with aliases left
shared (not expanded). We build plain Python data from that tree ourselves, so that we can
(1) record the position of every mapping key and list item, keyed by its path, for error
messages that point into the file, and (2) bound what a hostile file can cost. The bounds,
each refused with a message that names the file and line:

* only regular files are read (a directory, ``/dev/zero`` or a named pipe would hang or never
  end), and at most :data:`MAX_FILE_BYTES` of them;
* nesting deeper than :data:`MAX_DEPTH`, found in the flat event stream before composing (the
  composer recurses: 600 levels overflowed Python's stack);
* alias expansion beyond :data:`MAX_NODES` values or :data:`MAX_EXPANDED_CHARS` characters of
  text ("billion laughs", or one long string aliased many times: cheap to share here, but the
  validated scenario is copied and serialised downstream);
* tags other than YAML's plain data types (``!!python/object/apply`` and the like).

It also keeps the source text of every unquoted scalar that YAML read as something other than a
string (``NO`` → false, ``2024-01-01`` → a date), so that a "not a string" error can say so.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simulator.errors import InputError

Loc = tuple[str | int, ...]
MAX_FILE_BYTES = 1024 * 1024
"""Largest file read: the biggest bundled file is 27 kB, a 10,000-site design about 300 kB, and
a 1 MiB list of one-letter items takes 4 s and 400 MB to load (libyaml, on a busy machine)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists; a scenario needs about 8."""
MAX_NODES = 500_000
"""Most values a document may expand to once aliases are followed."""
MAX_EXPANDED_CHARS = 4 * MAX_FILE_BYTES
"""Most characters of text (keys and scalars) a document may expand to through aliases."""

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_MAP_TAG, _SEQ_TAG, _MERGE_TAG = _YAML + "map", _YAML + "seq", _YAML + "merge"


@dataclass
class YamlDocument:
    """Plain data plus a map from each path into it to its (line, column), 1-based.

    ``plain`` holds, by path, the source text of each unquoted scalar that YAML did not read
    as a string (a boolean, number, date or null), for messages such as "YAML read NO as false".
    """

    path: Path
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    plain: dict[Loc, str] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int] | None:
        """Position of the deepest prefix of ``loc`` that the file spells out."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(tuple(loc[:end]))
            if found:
                return found
        return None


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: ten times faster than the pure-Python one."""


def _compose(text: str) -> yaml.Node | None:
    """Compose the document once its nesting is known to be at most :data:`MAX_DEPTH`.

    The event stream is flat (no recursion) and cheap; composing recurses once per level.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep(event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.compose(text, Loader=_LOADER)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


class _Builder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.plain: dict[Loc, str] = {}
        self.nodes = MAX_NODES
        self.chars = MAX_EXPANDED_CHARS
        self.constructor = yaml.constructor.SafeConstructor()

    def error(self, node: yaml.Node, message: str, loc: Loc = ()) -> InputError:
        mark = node.start_mark
        return InputError.single(self.path, message, line=mark.line + 1, column=mark.column + 1, loc=loc)

    def spend(self, node: yaml.Node) -> None:
        """Count one value (and its text) against the expansion budget."""
        self.nodes -= 1
        if isinstance(node, yaml.ScalarNode):
            self.chars -= len(node.value)
        if self.nodes < 0 or self.chars < 0:
            raise self.error(
                node,
                f"the document expands to more than {MAX_NODES:,} values or {MAX_EXPANDED_CHARS:,} "
                "characters through aliases; refusing to load it (possible 'billion laughs' document)",
            )

    def build(self, node: yaml.Node, loc: Loc, active: frozenset[int] = frozenset()) -> Any:
        self.spend(node)
        if id(node) in active:
            raise self.error(node, "recursive alias")
        self.positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc, active | {id(node)})
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, _SEQ_TAG)
            inner = active | {id(node)}
            return [self.build(item, loc + (index,), inner) for index, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def mapping(self, node: yaml.MappingNode, loc: Loc, inner: frozenset[int]) -> dict[Any, Any]:
        self.check_tag(node, _MAP_TAG)
        explicit = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE_TAG)
        self.constructor.flatten_mapping(node)
        merged = len(node.value) - explicit  # merged pairs come first; explicit keys override them
        result: dict[Any, Any] = {}
        seen: set[Any] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            self.spend(key_node)
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int, float, bool)):
                raise self.error(key_node, "mapping keys must be plain scalars")
            if index >= merged:
                if key in seen:
                    raise self.error(key_node, f"duplicate key {key!r}", loc=loc + (str(key),))
                seen.add(key)
            key_loc = loc + (key if isinstance(key, (str, int)) else str(key),)
            self.positions[key_loc] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, key_loc, inner)
        return result

    def scalar(self, node: yaml.ScalarNode, loc: Loc | None = None) -> Any:
        """The scalar's value; for a value (not a key) at ``loc``, remember text YAML retyped."""
        if node.tag not in _PLAIN_TAGS:
            self.check_tag(node, "")
        try:
            value = self.constructor.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError) as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise self.error(node, f"invalid YAML value {node.value[:40]!r}: {problem}") from None
        if loc is not None and not node.style and not isinstance(value, str):  # plain: None, or "" (libyaml)
            self.plain[loc] = node.value
        return value

    def check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            raise self.error(
                node,
                f"the YAML tag {_short_tag(node.tag)!r} is not allowed: sovsim reads plain data "
                "(mappings, lists, text, numbers, booleans, dates); remove the tag",
            )


def read_yaml(path: Path) -> YamlDocument:
    """Read one YAML document; every failure becomes an :class:`InputError` naming the file."""
    return parse_yaml(read_text(path), path)


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes (a scenario's by default).

    Opened without blocking (a named pipe with no writer would wait forever) and checked with
    ``fstat`` on the open file, so the file checked is the file read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError.single(path, "file not found") from None
    except OSError as exc:
        raise InputError.single(path, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError.single(path, "is a directory, expected a YAML file")
        if not stat.S_ISREG(mode):
            raise InputError.single(path, f"is {_kind(mode)}, not a regular file; give a YAML file")
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise InputError.single(path, f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    _check_size(path, len(data), limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"cannot read the file: not UTF-8 text ({exc.reason})") from None


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"


def _check_size(path: Path, size: int, limit: int = MAX_FILE_BYTES) -> None:
    if size > limit:
        hint = "; a scenario is a few kilobytes" if limit == MAX_FILE_BYTES else ""
        raise InputError.single(path, f"is larger than {limit // (1024 * 1024)} MiB{hint}", line=1)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML text (already read) into a :class:`YamlDocument`."""
    _check_size(path, len(text))
    try:
        node = _compose(text)
    except _TooDeep as exc:
        message = f"nested more than {MAX_DEPTH} levels deep; a scenario needs fewer than 10"
        raise InputError.single(path, message, line=exc.mark.line + 1, column=exc.mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise _syntax_error(path, text, exc) from None
    if node is None:
        raise InputError.single(path, "the file is empty", line=1)
    builder = _Builder(path)
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:  # from flatten_mapping: a bad merge key
        mark = exc.problem_mark
        raise InputError.single(
            path, f"invalid YAML value: {exc.problem}", line=mark.line + 1 if mark else None
        ) from None
    return YamlDocument(path=path, data=data, positions=builder.positions, plain=builder.plain)


def _syntax_error(path: Path, text: str, exc: yaml.YAMLError) -> InputError:
    """The parser's complaint, at its line and column."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return InputError.single(path, f"invalid YAML: {message}", line=line, column=column)
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return InputError.single(path, f"invalid YAML: {exc.reason} (U+{code:04X})", line=line)
    return InputError.single(path, f"invalid YAML: {exc}")
