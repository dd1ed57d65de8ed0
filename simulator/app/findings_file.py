"""``findings.json`` beside ``result.json``: the findings a run folder's reports show.

One design's findings are a list; a comparison's are an object keyed by design index. Reading
validates every finding again, so ``sovsim report`` renders exactly what ``run`` wrote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from pydantic import TypeAdapter

from simulator.app.saved import read_json, validated
from simulator.compliance import Finding

FINDINGS_FILE = "findings.json"

DesignFindings = list[Finding] | dict[int, list[Finding]]
"""A design's findings, or a comparison's per design index."""


def findings_text(findings: DesignFindings) -> str:
    """Stable JSON text: sorted keys, two-space indent, a final newline."""
    data: object
    if isinstance(findings, Mapping):
        data = {str(key): _dump(items) for key, items in findings.items()}
    else:
        data = _dump(findings)
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def _dump(findings: list[Finding]) -> list[dict[str, object]]:
    return [finding.model_dump(mode="json") for finding in findings]


def read_findings(path: Path) -> DesignFindings | None:
    """The findings saved at ``path`` (checked as untrusted input); ``None`` when there is no such file."""
    if not path.exists():
        return None
    raw = read_json(path)
    adapter = _COMPARISON if isinstance(raw, dict) else _DESIGN
    return validated(path, adapter, raw, ("findings",))


_DESIGN = TypeAdapter(list[Finding])
_COMPARISON = TypeAdapter(dict[int, list[Finding]])
