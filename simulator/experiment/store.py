"""Write results atomically: runs under ``results/<scenario-slug>/<run-id>/``, sweeps in their folder.

Every file goes through :mod:`simulator.io`'s atomic writes. A run id is a UTC timestamp
plus a short hash of what determines the folder's files (scenario hash, seed, replications,
horizon, bins, and the rules and risk decisions the findings were judged by), suffixed ``-2``,
``-3``... when the same run starts twice in one second; the JSON itself holds no timestamp, so
equal seeds give byte-identical ``result.json``. A sweep keeps each finished point in
``<folder>/points/<key>.json``, the key hashing the same things for the point's variant, so that
a rerun reuses it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.experiment.result import Comparison, DesignResult, from_json, to_json
from simulator.experiment.sweep_result import StoredPoint, SweepResult, sweep_json
from simulator.io import atomic_write_text, new_folder

RESULT_FILE = "result.json"
SWEEP_FILE = "sweep.json"
POINTS_FOLDER = "points"
DEFAULT_ROOT = Path("results")


def _key(parts: list[Any], length: int) -> str:
    text = json.dumps(parts, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def run_key(document: DesignResult | Comparison, inputs: Sequence[str] = ()) -> str:
    """Short hash of what determines the run folder's files: scenario hash(es), seed, replications,
    horizon, bins, and ``inputs`` (the rules and risk decisions the findings were judged by)."""
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
    if inputs:
        parts.append(hashlib.sha256("\n".join(inputs).encode()).hexdigest())
    return _key(parts, 8)


def run_id(
    document: DesignResult | Comparison, now: datetime | None = None, inputs: Sequence[str] = ()
) -> str:
    """UTC timestamp plus the run key, e.g. ``20250311T142501Z-1a2b3c4d``."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{moment:%Y%m%dT%H%M%SZ}-{run_key(document, inputs)}"


def run_dir(
    document: DesignResult | Comparison,
    root: Path | str = DEFAULT_ROOT,
    now: datetime | None = None,
    inputs: Sequence[str] = (),
) -> Path:
    """``<root>/<slug>/<run-id>``: where this run's files go (see :func:`new_run_dir` to create it)."""
    return Path(root) / document.slug / run_id(document, now, inputs)


def new_run_dir(document: DesignResult | Comparison, root: Path | str, inputs: Sequence[str] = ()) -> Path:
    """Create this run's folder, suffixed ``-2``, ``-3``... when a run with the same key started in
    the same second: a run never writes into another's folder."""
    return new_folder(run_dir(document, root, inputs=inputs))


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


def point_key(digest: str, seed: int, replications: int, horizon: float, bins: int) -> str:
    """The resume key of a sweep point: what determines its result, hashed."""
    return _key([digest, seed, replications, float(horizon), bins], 20)


def save_point(folder: Path | str, point: StoredPoint) -> Path:
    """Write one finished point atomically into ``<folder>/points/``."""
    return atomic_write_text(
        Path(folder) / POINTS_FOLDER / f"{point.key}.json", point.model_dump_json(indent=1) + "\n"
    )


def load_point(folder: Path | str, key: str) -> StoredPoint | None:
    """The point saved under ``key`` in ``<folder>/points/``, or None if missing, unreadable or stale."""
    try:
        stored = StoredPoint.model_validate_json((Path(folder) / POINTS_FOLDER / f"{key}.json").read_bytes())
    except (OSError, ValueError):
        return None
    return stored if stored.key == key else None


def save_sweep(result: SweepResult, out_dir: Path | str) -> Path:
    """Write ``sweep.json`` atomically into ``out_dir``."""
    return atomic_write_text(Path(out_dir) / SWEEP_FILE, sweep_json(result))


def load_sweep(path: Path | str) -> SweepResult:
    """Read a ``sweep.json`` (or the folder holding it) and validate it."""
    path = Path(path)
    if path.is_dir():
        path = path / SWEEP_FILE
    return SweepResult.model_validate_json(path.read_bytes())
