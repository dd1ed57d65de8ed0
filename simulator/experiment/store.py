"""Write results atomically under ``results/<scenario-slug>/<run-id>/``.

Every file goes through :mod:`simulator.io`'s atomic writes. The run id is a UTC timestamp
plus a short hash of what determines the result
(scenario hash, seed, replications, horizon); the JSON itself holds no timestamp, so equal
seeds give byte-identical ``result.json``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from simulator.experiment.result import Comparison, DesignResult, from_json, to_json
from simulator.io import atomic_write_text

RESULT_FILE = "result.json"
DEFAULT_ROOT = Path("results")


def run_key(document: DesignResult | Comparison) -> str:
    """Short hash of what determines the result: scenario hash(es), seed, replications, horizon."""
    if isinstance(document, DesignResult):
        parts = [
            document.scenario_hash,
            document.parameters.seed,
            document.parameters.max_replications,
            document.parameters.horizon_hours,
            document.parameters.bins,
        ]
    else:
        parts = [
            document.comparison_hash,
            document.parameters.seed,
            document.parameters.max_replications,
            [d.parameters.horizon_hours for d in document.designs],
            document.parameters.bins,
        ]
    text = json.dumps(parts, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def run_id(document: DesignResult | Comparison, now: datetime | None = None) -> str:
    """UTC timestamp plus the run key, e.g. ``20250311T142501Z-1a2b3c4d``."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{moment:%Y%m%dT%H%M%SZ}-{run_key(document)}"


def run_dir(
    document: DesignResult | Comparison, root: Path | str = DEFAULT_ROOT, now: datetime | None = None
) -> Path:
    """``<root>/<slug>/<run-id>``: where this run's files go."""
    return Path(root) / document.slug / run_id(document, now)


def save_result(
    document: DesignResult | Comparison,
    root: Path | str = DEFAULT_ROOT,
    now: datetime | None = None,
    folder: Path | str | None = None,
) -> Path:
    """Write ``result.json`` atomically and return its path.

    ``folder`` writes into that folder instead of a new ``<root>/<slug>/<run-id>``.
    """
    target = Path(folder) if folder is not None else run_dir(document, root, now)
    return atomic_write_text(target / RESULT_FILE, to_json(document))


def load_result(path: Path | str) -> DesignResult | Comparison:
    """Read a ``result.json`` (or the folder holding it) and validate it."""
    path = Path(path)
    if path.is_dir():
        path = path / RESULT_FILE
    return from_json(path.read_bytes())
