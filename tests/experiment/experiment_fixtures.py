"""Helpers for experiment tests: the mini scenario, and results built without the engine."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.random import SeedSequence

from simulator.engine.outcome import Outcome
from simulator.experiment.aggregation import Accumulator, design_result
from simulator.experiment.replication import prepare, summarise
from simulator.experiment.result import DesignResult, Parameters
from simulator.law.readability import ExposureMap
from simulator.model.load import parse_scenario

TESTS = Path(__file__).resolve().parents[1]
CATALOG = TESTS / "data" / "catalog"
MINI_TEXT = (TESTS / "data" / "mini.yaml").read_text(encoding="utf-8")


def mini(**replace: str):
    """The mini scenario, with lines of its YAML replaced (``{old: new}``)."""
    text = MINI_TEXT
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return parse_scenario(text, catalog=CATALOG)


def fake_outcome(exposure: ExposureMap, seed: SeedSequence, horizon: float, bins: int) -> Outcome:
    """An engine outcome with random content (no SimPy): tests the aggregation alone."""
    rng = np.random.default_rng(seed)
    scenario = exposure.scenario
    data, places = len(exposure.data), len(exposure.places)
    timeline = rng.uniform(0, 10, size=(data, places, bins))
    countries = tuple(sorted({site.country for site in scenario.sites.values()}))
    demands = len(scenario.events.legal_demands)
    compute = tuple(scenario.nodes_of("compute"))
    first = rng.uniform(0, horizon, size=(data, places))
    first[rng.uniform(size=first.shape) < 0.3] = np.inf
    disclosures = rng.poisson(0.5, size=demands)
    per_node = {name: rng.uniform(0, 1, size=len(compute)) for name in ("u", "w", "s", "l")}
    return Outcome(
        horizon=horizon,
        bins=bins,
        data=tuple(exposure.data),
        places=tuple(place.label for place in exposure.places),
        countries=countries,
        compute_nodes=compute,
        record_hours=timeline.sum(axis=2),
        timeline=timeline,
        inflow=rng.integers(0, 50, size=(data, places)).astype(float),
        first_entry=first,
        transfers_events=rng.poisson(2.0, size=(len(countries), places)),
        transfers_records=rng.poisson(20.0, size=(data, len(countries), places)).astype(float),
        demands=disclosures + rng.poisson(1.0, size=demands),
        disclosures=disclosures,
        first_disclosure=np.where(disclosures > 0, rng.uniform(0, horizon, size=demands), np.inf),
        demand_rates=rng.uniform(0, 1e-3, size=demands),
        success_share=rng.uniform(0, 1, size=demands),
        in_force_hours=np.zeros(demands),
        disclosed_record_hours=np.zeros(demands),
        disclosed_records=rng.poisson(5.0, size=demands).astype(float),
        flow_lots=rng.poisson(100, size=len(scenario.flows)),
        lots_arrived=np.full(len(compute), 100.0),
        lots_served=np.full(len(compute), 99.0),
        lots_overflowed=np.zeros(len(compute)),
        mean_wait=per_node["w"],
        mean_sojourn=per_node["w"] + per_node["s"],
        utilisation=per_node["u"],
        overflow_utilisation=np.full(len(compute), np.nan),
        burst_fraction=np.zeros(len(compute)),
        mean_in_system=per_node["l"],
        support_hours=rng.uniform(0, 5, size=places),
        sessions=rng.poisson(2, size=places),
        lots_created=10,
        lots_deleted=3,
        lots_held=6,
        lots_in_flight=1,
        records_created=100,
        records_deleted=30,
        records_held=60,
        records_in_flight=10,
        events=1000,
    )


def fake_result(scenario, replications: int = 5, seed: int = 7, bins: int = 6) -> DesignResult:
    horizon = scenario.horizon
    design = prepare(scenario, horizon, bins)
    acc = Accumulator(design)
    for index, child in enumerate(SeedSequence(seed).spawn(replications)):
        acc.add(summarise(design, fake_outcome(design.exposure, child, horizon, bins), index))
    parameters = Parameters(
        seed=seed,
        replications=replications,
        max_replications=replications,
        target_half_width=None,
        batch_size=10,
        stopped_early=False,
        horizon_hours=horizon,
        bins=bins,
        confidence=0.95,
        sovsim_version="test",
    )
    return design_result(acc, parameters, "mini-design")
