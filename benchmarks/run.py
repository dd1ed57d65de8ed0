"""Performance harness: measure the engine on this machine, in one run, against fixed targets.

    python benchmarks/run.py            # full run (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # smaller sizes, a sanity check (about a minute)
    python benchmarks/run.py --profile  # also write a cProfile of one replication

Measures, all on the same machine and in the same run, so that ratios are meaningful:

(a) engine events per second on a reference scenario (Darwin EU) against a bare SimPy loop
    doing the same number of events (a few generator processes yielding timeouts). Events are
    counted the same way on both sides: events scheduled (SimPy's event counter) minus those
    still queued at the end, i.e. events processed. Target: ratio >= 0.5.
(b) replication throughput with 1 and 2 worker processes. Target: speed-up >= 1.8.
(c) peak memory of one replication (tracemalloc, in a fresh subprocess each) as the horizon
    grows 10x and as the stock grows from 10 thousand to 10 million records.
    Target: growth < 10 % (both).
(d) Darwin EU (10 M records), one year, 100 replications, 2 workers. Target: < 60 s.
    With --quick, 20 replications are timed and the time for 100 is projected.

Prints a table (measured, target, pass/fail) and writes results/bench.json atomically.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import simpy

from simulator.experiment import replicate, run_experiment
from simulator.io import atomic_write_text
from simulator.law.readability import analyse
from simulator.model.load import load_scenario
from simulator.model.variants import variant

ROOT = Path(__file__).resolve().parents[1]

REFERENCE = ROOT / "scenarios" / "darwin-eu.yaml"
STOCK_PATH = "data.darwin-omop.records"
DAY = 24.0
YEAR = 365 * DAY


# --------------------------------------------------------------------------- (a) events per second


def _processed(env: simpy.Environment, scheduled: int) -> int:
    """Events processed: scheduled minus those still waiting in the queue."""
    return scheduled - len(env._queue)


def engine_run(scenario, seed: int, horizon: float) -> tuple[int, float]:
    """(events processed, seconds) for one replication of the engine."""
    from simulator.engine.run import Run

    exposure = analyse(scenario)
    run = Run(exposure, np.random.SeedSequence(seed), horizon, 48)
    start = time.perf_counter()
    outcome = run.execute()
    elapsed = time.perf_counter() - start
    return _processed(run.env, outcome.events), elapsed


def _ticker(env: simpy.Environment, delays: list[float]):
    for delay in delays:
        yield env.timeout(delay)


def bare_run(events: int, processes: int = 4, seed: int = 0) -> tuple[int, float]:
    """(events processed, seconds) of a bare SimPy loop: ``processes`` generators yielding timeouts."""
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    per = max(1, (events - processes) // processes)  # each process also has its Initialize event
    for _ in range(processes):
        env.process(_ticker(env, rng.exponential(1.0, per).tolist()))
    start = time.perf_counter()
    env.run()
    elapsed = time.perf_counter() - start
    return _processed(env, next(env._eid)), elapsed


def bench_events(scenario, horizon: float, repeats: int) -> dict:
    """Engine and bare loop measured in alternation after one warm-up each, so that a slow
    moment of the shared machine hits both sides; the ratio is the median of the pairs."""
    events = engine_run(scenario, 1, horizon)[0]
    bare_run(events)
    engine, bare = [], []
    for k in range(repeats):
        engine.append(engine_run(scenario, k + 1, horizon))
        bare.append(bare_run(engine[-1][0], seed=k))
    engine_rate = statistics.median(n / t for n, t in engine)
    bare_rate = statistics.median(n / t for n, t in bare)
    pair_ratio = statistics.median((n / t) / (m / u) for (n, t), (m, u) in zip(engine, bare, strict=True))
    return {
        "scenario": REFERENCE.name,
        "horizon_hours": horizon,
        "repeats": repeats,
        "engine_events": [n for n, _ in engine],
        "engine_seconds": [round(t, 4) for _, t in engine],
        "bare_events": [n for n, _ in bare],
        "bare_seconds": [round(t, 4) for _, t in bare],
        "engine_events_per_s": round(engine_rate),
        "bare_simpy_events_per_s": round(bare_rate),
        "ratio": pair_ratio,
    }


# --------------------------------------------------------------------------- (b) throughput


def _warm(_: int) -> str:
    """Make a pool worker import the simulator before anything is timed."""
    import simulator.experiment.runner  # noqa: F401

    return "ready"


def bench_throughput(scenario, horizon: float, replications: int) -> dict:
    """Replications per second with 1 and 2 workers.

    The speed-up is measured on a started pool (steady-state throughput, what a long run or
    a sweep sees); the cold figure, which includes starting the pool and importing the
    simulator in each worker (about half a second here), is reported beside it.
    """
    timings, results = {}, {}
    start = time.perf_counter()
    results[1] = run_experiment(scenario, replications, seed=7, horizon=horizon, workers=1).model_dump_json()
    timings[1] = time.perf_counter() - start
    start = time.perf_counter()
    results["cold"] = run_experiment(
        scenario, replications, seed=7, horizon=horizon, workers=2
    ).model_dump_json()
    timings["cold"] = time.perf_counter() - start
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_warm, range(4)))
        start = time.perf_counter()
        results[2] = run_experiment(
            scenario, replications, seed=7, horizon=horizon, executor=pool
        ).model_dump_json()
        timings[2] = time.perf_counter() - start
    return {
        "scenario": REFERENCE.name,
        "horizon_hours": horizon,
        "replications": replications,
        "seconds_1_worker": round(timings[1], 3),
        "seconds_2_workers": round(timings[2], 3),
        "seconds_2_workers_cold": round(timings["cold"], 3),
        "replications_per_s_1": replications / timings[1],
        "replications_per_s_2": replications / timings[2],
        "speedup": timings[1] / timings[2],
        "speedup_cold": timings[1] / timings["cold"],
        "identical_results": results[1] == results[2] == results["cold"],
        "cpus": os.cpu_count(),
    }


# --------------------------------------------------------------------------- (c) memory


def memory_probe(horizon: float, records: int) -> dict:
    """Run in a fresh interpreter: peak traced memory of one replication (simulate + summarise)."""
    import resource
    import tracemalloc

    scenario = variant(load_scenario(REFERENCE), {STOCK_PATH: records})
    analyse(scenario)  # warm caches and imports outside the measurement
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    replicate(scenario, 0, np.random.SeedSequence(3), horizon, 48)
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return {
        "horizon_hours": horizon,
        "records": records,
        "tracemalloc_peak_bytes": peak,
        "max_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def _probe(horizon: float, records: int) -> dict:
    command = [sys.executable, __file__, "--memory-probe", str(horizon), str(records)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_memory(short: float, records_horizon: float) -> dict:
    small_h, large_h = _probe(short, 10_000_000), _probe(10 * short, 10_000_000)
    small_r, large_r = _probe(records_horizon, 10_000), _probe(records_horizon, 10_000_000)

    def growth(a: dict, b: dict, key: str) -> float:
        return b[key] / a[key] - 1

    return {
        "horizon": [small_h, large_h],
        "records": [small_r, large_r],
        "horizon_growth": growth(small_h, large_h, "tracemalloc_peak_bytes"),
        "records_growth": growth(small_r, large_r, "tracemalloc_peak_bytes"),
        "horizon_growth_rss": growth(small_h, large_h, "max_rss_bytes"),
        "records_growth_rss": growth(small_r, large_r, "max_rss_bytes"),
    }


# --------------------------------------------------------------------------- (d) Darwin EU


def bench_darwin(scenario, replications: int) -> dict:
    start = time.perf_counter()
    result = run_experiment(scenario, replications, seed=1, horizon=YEAR, workers=2)
    elapsed = time.perf_counter() - start
    headline = result.summary[0].value
    return {
        "scenario": REFERENCE.name,
        "records": scenario.data["darwin-omop"].records,
        "horizon_hours": YEAR,
        "replications": replications,
        "workers": 2,
        "seconds": round(elapsed, 3),
        "projected_seconds_for_100": round(elapsed * 100 / replications, 3),
        "headline": {"key": result.summary[0].key, "mean": headline.mean, "half_width": headline.half_width},
    }


# --------------------------------------------------------------------------- profile


def profile(scenario, horizon: float, top: int = 30) -> str:
    exposure = analyse(scenario)
    from simulator.engine import simulate

    simulate(exposure, np.random.SeedSequence(1), horizon=horizon)  # warm up
    profiler = cProfile.Profile()
    profiler.enable()
    simulate(exposure, np.random.SeedSequence(2), horizon=horizon)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    return text.getvalue()


# --------------------------------------------------------------------------- main


def _row(name: str, value: str, target: str, ok: bool | None) -> dict:
    return {"measure": name, "value": value, "target": target, "pass": ok}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="Smaller sizes (a sanity check, about a minute)."
    )
    parser.add_argument("--profile", action="store_true", help="Also cProfile one replication into results/.")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "results" / "bench.json", help="Where to write the JSON."
    )
    parser.add_argument("--memory-probe", nargs=2, metavar=("HORIZON", "RECORDS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.memory_probe:
        print(json.dumps(memory_probe(float(args.memory_probe[0]), int(args.memory_probe[1]))))
        return 0

    quick = args.quick
    scenario = load_scenario(REFERENCE)
    started = time.perf_counter()
    sizes = {
        "events_horizon": 90 * DAY if quick else YEAR,
        "events_repeats": 3 if quick else 9,
        "throughput_horizon": YEAR,
        "throughput_replications": 8 if quick else 60,  # enough work to amortise starting the pool
        "memory_short_horizon": 36.5 * DAY if quick else YEAR,
        "memory_records_horizon": 36.5 * DAY if quick else YEAR,
        "darwin_replications": 20 if quick else 100,
    }
    print(
        f"sovsim benchmark ({'quick' if quick else 'full'}) on {platform.node()}: "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, SimPy {simpy.__version__}",
        flush=True,
    )

    load = {"start": os.getloadavg()[0]}
    if load["start"] > 0.5:
        print(
            f"warning: load average {load['start']:.2f} before the run; other processes share the CPUs, "
            "so timings (above all the 2-worker speed-up) read low",
            flush=True,
        )
    print("(a) engine vs bare SimPy ...", flush=True)
    events = bench_events(scenario, sizes["events_horizon"], sizes["events_repeats"])
    load["after_events"] = os.getloadavg()[0]
    print("(b) throughput, 1 and 2 workers ...", flush=True)
    throughput = bench_throughput(scenario, sizes["throughput_horizon"], sizes["throughput_replications"])
    load["after_throughput"] = os.getloadavg()[0]
    print("(c) peak memory (fresh subprocesses) ...", flush=True)
    memory = bench_memory(sizes["memory_short_horizon"], sizes["memory_records_horizon"])
    load["after_memory"] = os.getloadavg()[0]
    print("(d) Darwin EU, 2 workers ...", flush=True)
    darwin = bench_darwin(scenario, sizes["darwin_replications"])
    load["after_darwin"] = os.getloadavg()[0]

    d_seconds = darwin["projected_seconds_for_100"]
    rows = [
        _row(
            "(a) engine / bare SimPy events per s",
            f"{events['ratio']:.3f} ({events['engine_events_per_s']:,}"
            f" / {events['bare_simpy_events_per_s']:,})",
            ">= 0.5",
            events["ratio"] >= 0.5,
        ),
        _row(
            "(b) speed-up 2 workers vs 1",
            f"{throughput['speedup']:.2f}x ({throughput['seconds_1_worker']:.2f} s"
            f" / {throughput['seconds_2_workers']:.2f} s;"
            f" cold pool {throughput['speedup_cold']:.2f}x)",
            ">= 1.8",
            throughput["speedup"] >= 1.8,
        ),
        _row(
            "(c) peak memory, horizon x10",
            f"{memory['horizon_growth']:+.1%} ({memory['horizon'][0]['tracemalloc_peak_bytes'] / 1e6:.2f} -> "
            f"{memory['horizon'][1]['tracemalloc_peak_bytes'] / 1e6:.2f} MB)",
            "< +10 %",
            memory["horizon_growth"] < 0.10,
        ),
        _row(
            "(c) peak memory, records 10 k -> 10 M",
            f"{memory['records_growth']:+.1%} ({memory['records'][0]['tracemalloc_peak_bytes'] / 1e6:.2f} -> "
            f"{memory['records'][1]['tracemalloc_peak_bytes'] / 1e6:.2f} MB)",
            "< +10 %",
            memory["records_growth"] < 0.10,
        ),
        _row(
            "(d) Darwin EU 1 y x 100 reps, 2 workers",
            f"{d_seconds:.1f} s" + (f" (projected from {darwin['replications']} reps)" if quick else ""),
            "< 60 s",
            d_seconds < 60,
        ),
    ]
    width = max(len(r["measure"]) for r in rows)
    value_width = max(len(r["value"]) for r in rows)
    print()
    print(f"{'measure':<{width}}  {'measured':<{value_width}}  {'target':<8}  result")
    for r in rows:
        verdict = "PASS" if r["pass"] else "FAIL"
        print(f"{r['measure']:<{width}}  {r['value']:<{value_width}}  {r['target']:<8}  {verdict}")

    document = {
        "mode": "quick" if quick else "full",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "simpy": simpy.__version__,
            "platform": platform.platform(),
        },
        "sizes": sizes,
        "load_average_1min": load,
        "events": events,
        "throughput": throughput,
        "memory": memory,
        "darwin": darwin,
        "table": rows,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    if args.profile:
        text = profile(scenario, sizes["events_horizon"])
        profile_path = args.out.with_name("bench-profile.txt")
        atomic_write_text(profile_path, text)
        document["profile"] = str(profile_path)
        print(f"\nprofile: {profile_path}")
    atomic_write_text(args.out, json.dumps(document, indent=2, sort_keys=True) + "\n")
    print("load average (1 min): " + ", ".join(f"{k} {v:.2f}" for k, v in load.items()))
    print(f"wrote {args.out} in {document['wall_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
