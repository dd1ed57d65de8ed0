"""Hypothesis strategies for hostile scenario files, built from the bundled scenarios.

Three families, all ending as YAML text:

* :func:`mutated_scenarios` — a bundled scenario with one to three mutations at random places:
  numbers pushed to extremes or to the edges of their documented ranges, values replaced by raw
  YAML that no dumper would write (``1e400``, ``1/0h``, ``NO``, an object tag, 5,000 digits),
  references to unknown ids, structures deepened, keys removed, containers swapped, strings
  turned into payloads (terminal escapes, U+202E, ``=HYPERLINK(``, 10 kB), entries multiplied;
  and, on the text, a line duplicated.
* :func:`edge_scenarios` — a bundled scenario with a few quantities set to the edges of their
  documented ranges or to small valid values: most load, and must then run.
* :func:`schema_spliced_scenarios` — a bundled scenario with one entry (a node, a flow, a data
  class, a site, an event, a phase, an entity, a regime, an assertion) replaced by a document
  that hypothesis-jsonschema generates from that entry's JSON Schema, the one ``sovsim schema``
  prints. (Whole documents generated from the full schema take about a second each and are
  always refused for their references, so entries are generated instead.)
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from simulator.model.scenario import Scenario

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
Path_ = tuple[str | int, ...]

INFINITE = [float("inf"), float("-inf"), float("nan")]
NUMBERS = [0, -1, 1, 0.5, 1e-300, 1e308, -1e308, *INFINITE, 10**30, 2**63, True]
EDGES = ["1s", "10000y", "1000000/h", "1/9999y", "0%", "100%", 1, 100_000, 1_000_000_000, 0.999999]
"""Values at the edges of the documented ranges, most of them valid somewhere."""
RAW_YAML = [
    "1e400",
    "1.0e+400",
    "1e400/h",
    "1e308/h",
    "1/0h",
    "1/0.0y",
    "1e-300h",
    ".inf",
    "-.inf",
    ".nan",
    "NO",
    "yes",
    "off",
    "~",
    "2024-01-01",
    "2024-13-45",
    "1:30",
    "0x1F",
    "1_000_000_000_000",
    "9" * 5000,
    "!!python/object/apply:os.system [echo pwned]",
    "!!python/name:os.system ''",
    "!!binary aGVsbG8=",
    "*nowhere",
    "&loop [*loop]",
    "[" * 80 + "]" * 80,
]
PAYLOADS = [
    "\x1b[2J\x1b]0;pwned\x07",
    "\u202eevil\u202c",
    '=HYPERLINK("http://example.org","x")',
    "+cmd|' /C calc'!A0",
    "x" * 10_000,
    "",
    " ",
    "no-such-id",
    "\x00",
    "../../etc/passwd",
]


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.cache
def _bundled() -> tuple[dict[str, Any], ...]:
    return tuple(_load(path) for path in SCENARIOS)


def bundled_data() -> st.SearchStrategy[dict[str, Any]]:
    """A fresh copy of one bundled scenario, as plain data."""
    return st.sampled_from(range(len(SCENARIOS))).map(lambda index: copy.deepcopy(_bundled()[index]))


def _paths(data: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every path into ``data`` (the root excluded)."""
    found: list[Path_] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append(prefix + (key,))
        found.extend(_paths(value, prefix + (key,)))
    return found


def _parent(data: Any, path: Path_) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


class _Raw:
    """A placeholder for raw YAML text, substituted after dumping."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def token(self, text: str) -> str:
        token = f"RAWTOKEN{len(self.texts)}XQ"
        self.texts[token] = text
        return token

    def substitute(self, dumped: str) -> str:
        for token, text in self.texts.items():
            dumped = dumped.replace(token, text)
        return dumped


KINDS = ["number", "edge", "raw", "payload", "unknown_id", "deepen", "remove", "swap", "multiply", "big_list"]


def _mutate(draw: st.DrawFn, data: dict[str, Any], raw: _Raw) -> None:
    path = draw(st.sampled_from(_paths(data)))
    parent, key = _parent(data, path), path[-1]
    value = parent[key]
    kind = draw(st.sampled_from(KINDS))
    if kind == "number":
        parent[key] = draw(st.sampled_from(NUMBERS))
    elif kind == "edge":
        parent[key] = draw(st.sampled_from(EDGES))
    elif kind == "raw":
        parent[key] = raw.token(draw(st.sampled_from(RAW_YAML)))
    elif kind == "payload":
        parent[key] = draw(st.sampled_from(PAYLOADS))
    elif kind == "unknown_id":
        parent[key] = f"{value}-unknown" if isinstance(value, str) else "unknown-id"
    elif kind == "deepen":
        for _ in range(draw(st.integers(1, 100))):
            value = [value] if draw(st.booleans()) else {"deeper": value}
        parent[key] = value
    elif kind == "remove":
        del parent[key]
    elif kind == "swap":
        parent[key] = list(value.values()) if isinstance(value, dict) else {"swapped": value}
    elif kind == "multiply" and isinstance(parent, dict):
        for copy_index in range(draw(st.integers(1, 300))):
            parent[f"{key}-copy-{copy_index}"] = copy.deepcopy(value)
    elif kind == "big_list":
        parent[key] = [copy.deepcopy(value) for _ in range(draw(st.integers(2, 2_000)))]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> str:
    """A bundled scenario with one to three mutations, as YAML text."""
    data = draw(bundled_data())
    raw = _Raw()
    for _ in range(draw(st.integers(1, 3))):
        if _paths(data):
            _mutate(draw, data, raw)
    text = raw.substitute(_dump(data))
    if draw(st.integers(0, 9)) == 0:  # a duplicated line: a repeated key, or broken indentation
        lines = text.splitlines()
        index = draw(st.integers(0, len(lines) - 1))
        lines.insert(index, lines[index])
        text = "\n".join(lines) + "\n"
    return text


EDGES_LIKE = {
    "count": [1, 2, 3, 100_000, 1_000_000_000],
    "fraction": [0.0, 0.1, 0.999999, 1.0],
    "rate": ["1/h", "1/week", "1/9999y", "1000000/h", "60/s"],
    "share": ["0%", "30%", "100%"],
    "duration": ["1s", "5m", "1h", "10000y"],
}
"""Edge values of the same kind as the value they replace, so that most of them are valid."""


def _kind_of(value: Any) -> str:
    if isinstance(value, int):
        return "count"
    if isinstance(value, float):
        return "fraction"
    return "rate" if "/" in value else "share" if "%" in value else "duration"


def _quantity_paths(data: Any) -> list[Path_]:
    """Paths to numbers and to text that starts like a quantity (``20m``, ``500/h``, ``51%``)."""
    found = []
    for path in _paths(data):
        value = _parent(data, path)[path[-1]]
        if isinstance(value, (int, float)) or (isinstance(value, str) and value[:1].isdigit()):
            found.append(path)
    return found


@st.composite
def edge_scenarios(draw: st.DrawFn) -> str:
    """A bundled scenario with one to three quantities set to edge values of their kind.

    Most such files load, so this is the family that checks that what validates, runs.
    """
    data = draw(bundled_data())
    paths = _quantity_paths(data)
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3)):
        parent = _parent(data, path)
        parent[path[-1]] = draw(st.sampled_from(EDGES_LIKE[_kind_of(parent[path[-1]])]))
    return _dump(data)


# Where an entry of each schema definition goes in a scenario: a mapping section (by id) or a
# list section (by position).
_SECTIONS: dict[str, Path_] = {
    "Site": ("sites",),
    "IngestNode": ("nodes",),
    "StorageNode": ("nodes",),
    "BackupNode": ("nodes",),
    "KeyManagerNode": ("nodes",),
    "ComputeNode": ("nodes",),
    "SupportNode": ("nodes",),
    "TelemetryNode": ("nodes",),
    "DataClass": ("data",),
    "Entity": ("entities",),
    "Regime": ("regimes",),
    "Flow": ("flows",),
    "Incident": ("events", "incidents"),
    "Outage": ("events", "outages"),
    "LegalDemand": ("events", "legal_demands"),
    "Phase": ("timeline",),
    "Assertion": ("assertions",),
}


@functools.cache
def _entry_strategy(name: str) -> st.SearchStrategy[Any]:
    schema = Scenario.model_json_schema(by_alias=True)
    return from_schema({**schema["$defs"][name], "$defs": schema["$defs"]})


@st.composite
def schema_spliced_scenarios(draw: st.DrawFn) -> str:
    """A bundled scenario with one entry generated from its JSON Schema, as YAML text."""
    data = draw(bundled_data())
    name = draw(st.sampled_from(sorted(_SECTIONS)))
    entry = draw(_entry_strategy(name))
    *outer, last = _SECTIONS[name]
    holder = data
    for key in outer:
        holder = holder.setdefault(key, {})
    section = holder.get(last) or ({} if last in ("sites", "nodes", "data", "entities", "regimes") else [])
    holder[last] = section
    if isinstance(section, dict):
        key = draw(st.sampled_from([*section, "generated"])) if section else "generated"
        section[key] = entry
    elif isinstance(section, list):
        index = draw(st.integers(0, len(section)))
        section[index : index + 1] = [entry]
    return _dump(data)
