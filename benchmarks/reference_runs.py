"""Reference runs: fingerprints of every result field, to show a refactor changes nothing.

Each reference run is hashed field by field (engine outcomes: every array and counter;
experiment results, comparisons and sweeps: their JSON; findings and rendered reports: their
text). ``--write FILE`` records the fingerprints, ``--check FILE`` recomputes them and lists any
field that differs (exit 1). Run it before a refactor with ``--write`` and after with ``--check``::

    python benchmarks/reference_runs.py --write /tmp/reference.json
    python benchmarks/reference_runs.py --check /tmp/reference.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
TEST_SCENARIOS = [
    (ROOT / "tests/engine/data/desc.yaml", ROOT / "tests/data/catalog"),
    (ROOT / "tests/data/mini.yaml", ROOT / "tests/data/catalog"),
    (ROOT / "tests/compliance/data/exposed.yaml", ROOT / "tests/data/catalog"),
    (ROOT / "tests/compliance/data/sovereign.yaml", ROOT / "tests/data/catalog"),
]
COMPARED = ["hdh-azure", "bleu", "s3ns", "secnumcloud-host", "on-premises-hospital", "hdh-migration-24m"]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _array(value: np.ndarray) -> str:
    return _digest(f"{value.dtype}{value.shape}".encode() + np.ascontiguousarray(value).tobytes())


def _outcomes() -> Iterator[tuple[str, str]]:
    from simulator import analyse, load_scenario, simulate

    cases = [(path, None) for path in SCENARIOS] + TEST_SCENARIOS
    for path, catalog in cases:
        exposure = analyse(load_scenario(path, catalog=catalog))
        for seed, horizon in ((1, 24 * 60.0), (7, 24 * 200.0), (11, None)):
            if horizon is None and "darwin" in path.name:
                horizon = 24 * 400.0
            outcome = simulate(exposure, np.random.SeedSequence(seed), horizon=horizon)
            for f in fields(outcome):
                value = getattr(outcome, f.name)
                text = _array(value) if isinstance(value, np.ndarray) else _digest(repr(value).encode())
                yield f"outcome/{path.stem}/seed{seed}/{f.name}", text


def _experiments() -> Iterator[tuple[str, str]]:
    from simulator import analyse, compare_designs, evaluate, load_scenario, run_experiment
    from simulator.experiment.result import to_json
    from simulator.report.write import render_reports

    scenarios = {path.stem: load_scenario(path) for path in SCENARIOS}
    for stem, scenario in scenarios.items():
        result = run_experiment(scenario, replications=4, seed=5, horizon=24 * 90.0)
        yield f"result/{stem}", _digest(to_json(result).encode())
        findings = evaluate(scenario, analyse(scenario), result)
        yield f"findings/{stem}", _digest(json.dumps([f.model_dump(mode="json") for f in findings]).encode())
        for name, text in render_reports(result, findings).items():
            yield f"report/{stem}/{name}", _digest(text.encode())
    static = evaluate(scenarios["desc-azure-axon"], analyse(scenarios["desc-azure-axon"]))
    yield (
        "findings/desc-azure-axon/static",
        _digest(json.dumps([f.model_dump(mode="json") for f in static]).encode()),
    )
    comparison = compare_designs([scenarios[s] for s in COMPARED], replications=3, seed=3, horizon=24 * 60.0)
    yield "compare/six", _digest(to_json(comparison).encode())
    for name, text in render_reports(comparison).items():
        yield f"report/compare/{name}", _digest(text.encode())
    stopped = run_experiment(
        scenarios["hdh-azure"], replications=30, seed=2, horizon=24 * 30.0, target_half_width=0.2
    )
    yield "result/hdh-azure/target", _digest(to_json(stopped).encode())


def _sweeps() -> Iterator[tuple[str, str]]:
    from simulator import load_scenario
    from simulator.experiment import parse_params, sweep, sweep_json
    from simulator.report.sweep_html import render_sweep_html

    scenario = load_scenario(ROOT / "tests/experiment/data/sweep.yaml", catalog=ROOT / "tests/data/catalog")
    params = parse_params(
        ["nodes.desk.escalation.probability=0.1,0.5", "nodes.analytics.overflow.when_queue_above=0,50"]
    )
    result = sweep(scenario, params, replications=3, seed=4, horizon=24 * 30.0)
    yield "sweep/grid", _digest(sweep_json(result).encode())
    yield "sweep/grid/html", _digest(render_sweep_html(result).encode())


GROUPS: list[Callable[[], Iterator[tuple[str, str]]]] = [_outcomes, _experiments, _sweeps]


def fingerprints() -> dict[str, str]:
    """Field name → short hash, over every reference run."""
    return {key: value for group in GROUPS for key, value in group()}


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # the topology layout iterates over sets of strings
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="record the fingerprints in this file")
    action.add_argument("--check", type=Path, help="compare with the fingerprints in this file")
    args = parser.parse_args()
    now = fingerprints()
    if args.write:
        args.write.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
        print(f"{len(now)} fields recorded in {args.write}")
        return 0
    before = json.loads(args.check.read_text())
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in changed:
        print(f"DIFFERS {key}: {before.get(key)} -> {now.get(key)}")
    print(f"{len(now)} fields compared, {len(changed)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
