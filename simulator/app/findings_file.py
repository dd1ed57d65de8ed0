"""``findings.json`` beside ``result.json``: the findings a run folder's reports show.

One design's findings are a list; a comparison's are an object keyed by design index. Reading
validates every finding again, so ``sovsim report`` renders exactly what ``run`` wrote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from simulator.compliance import Finding
from simulator.errors import InputError

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
    """The findings saved at ``path``; ``None`` when there is no such file."""
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError.single(path, f"cannot read findings: {exc}") from None
    if isinstance(raw, dict):
        return {int(key): [Finding.model_validate(f) for f in value] for key, value in raw.items()}
    return [Finding.model_validate(f) for f in raw]
