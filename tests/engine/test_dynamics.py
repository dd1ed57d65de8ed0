"""Events over time: bursts, outages and failover, diurnal load, demands, a migration."""

from __future__ import annotations

import numpy as np

from simulator.engine import simulate
from tests.engine.helpers import exposure_of, place_index, transfers_between

BASE = """
name: Hospital analytics
sources: [https://example.org/analytics]
horizon: 10d
sites: {{paris: {{country: FR}}, dublin: {{country: IE}}, us-east: {{country: US}}}}
nodes:
  his: {{kind: ingest, operator: hospital, site: paris}}
  analytics:
    kind: compute
    operator: eu-sub
    site: dublin
    servers: 2
    service: {{dist: exponential, mean: 30m}}
    {extra}
data:
  records: {{records: 1, sensitivity: health, retention: 30d}}
flows:
  - {{from: his, to: analytics, data: records, rate: {rate}/h, lot: 10}}
events:
{events}
"""


def design(extra: str = "", rate: float = 2.0, events: str = "  outages: []") -> str:
    return BASE.format(extra=extra, rate=rate, events=events)


def test_a_loaded_node_bursts_to_its_overflow_site() -> None:
    calm = exposure_of(design("overflow: {sites: [us-east], when_queue_above: 2}", rate=1.0))
    busy = exposure_of(design("overflow: {sites: [us-east], when_queue_above: 2}", rate=3.9))
    seed = np.random.SeedSequence(4)
    calm_run, busy_run = simulate(calm, seed), simulate(busy, seed)
    overflow = place_index(busy, node="analytics", role="overflow")
    assert busy_run.burst_fraction[0] > 0.05 > calm_run.burst_fraction[0]
    assert busy_run.record_hours[0, overflow] > 0
    assert busy_run.lots_overflowed[0] > 0 and busy_run.overflow_utilisation[0] > 0
    assert transfers_between(busy, busy_run, "FR", "US") == busy_run.lots_overflowed[0]


def test_an_outage_moves_processing_to_the_replica_site_while_it_lasts() -> None:
    text = design("replicas: [us-east]", events="  outages: [{site: dublin, rate: 1/2d, duration: 6h}]")
    exposure = exposure_of(text)
    outcome = simulate(exposure, np.random.SeedSequence(9))
    primary = place_index(exposure, node="analytics", role="primary", state="processing")
    replica = place_index(exposure, node="analytics", role="replica 1", state="processing")
    assert outcome.record_hours[0, replica] > 0
    share = outcome.record_hours[0, replica] / outcome.record_hours[0, [primary, replica]].sum()
    assert 0.02 < share < 0.4  # about 6 h down every 2 days and 6 h
    without = simulate(exposure_of(design("replicas: [us-east]")), np.random.SeedSequence(9))
    assert without.record_hours[0, replica] == 0


def test_without_a_replica_work_waits_for_the_site_to_come_back() -> None:
    events = "  outages: [{site: dublin, rate: 1/d, duration: 8h}]"
    seed = np.random.SeedSequence(12)
    steady = simulate(exposure_of(design()), seed)
    stalled = simulate(exposure_of(design(events=events)), seed)
    assert stalled.mean_wait[0] > 3 * steady.mean_wait[0]
    assert stalled.utilisation[0] < steady.utilisation[0] * 1.05
    assert stalled.lots_created == stalled.lots_in_flight + stalled.lots_deleted


def test_night_hours_of_a_diurnal_profile_bring_no_lots() -> None:
    profile = ", ".join(["0"] * 6 + ["2"] * 12 + ["0"] * 6)
    text = design(rate=1.0).replace("lot: 10}", f"lot: 10, diurnal: [{profile}]}}")
    exposure = exposure_of(text)
    outcome = simulate(exposure, np.random.SeedSequence(1), horizon=24.0, bins=24)
    transit = place_index(exposure, state="transit")
    hourly = outcome.timeline[0, transit]
    assert hourly[:6].sum() == 0 and hourly[19:].sum() == 0
    assert hourly[6:18].sum() > 0


MIGRATION = """
name: Migration to a sovereign host
sources: [https://example.org/migration]
horizon: 60d
sites: {paris: {country: FR}, dublin: {country: IE}}
nodes:
  his: {kind: ingest, operator: hospital, site: paris}
  old-store: {kind: storage, operator: eu-sub, site: dublin, phases: [legacy, dual-run]}
  new-store: {kind: storage, operator: eu-owner, site: paris, phases: [dual-run, sovereign]}
data:
  records: {records: 50000, sensitivity: health, encrypted_at_rest: false, retention: 5y, stored_in: [old-store]}
flows:
  - {from: his, to: old-store, data: records, rate: 4/h, lot: 10}
  - {from: his, to: new-store, data: records, rate: 4/h, lot: 10}
events:
  legal_demands: [{regime: us-law, target: us-parent, rate: 1/d}]
timeline:
  - {name: legacy, start: 0}
  - {name: dual-run, start: 20d, copy: [{from: old-store, to: new-store, data: records}]}
  - {name: sovereign, start: 40d, purge: [{node: old-store, after: 2d}]}
"""


def test_a_migration_copies_then_purges_and_ends_the_us_exposure() -> None:
    exposure = exposure_of(MIGRATION)
    outcome = simulate(exposure, np.random.SeedSequence(6), bins=60)
    old = place_index(exposure, node="old-store", state="rest")
    new = place_index(exposure, node="new-store", state="rest")
    daily_old, daily_new = outcome.timeline[0, old], outcome.timeline[0, new]
    assert daily_old[:42].min() > 0 and daily_old[42:].sum() == 0  # purged two days into phase 3
    assert daily_new[:20].sum() == 0 and outcome.first_entry[0, new] == 20 * 24.0
    assert outcome.inflow[0, new] > 50_000  # the copied stock plus its own flow
    mask = exposure.readable_mask()[0, 0]
    assert mask[old] and not mask[new]
    # The old store only receives lots while it runs (legacy and dual-run).
    assert outcome.inflow[0, old] < 50_000 + 4 * 10 * 24 * 40 * 1.1
    # Demands on the US parent stop succeeding once the old store is gone.
    assert 0 < outcome.disclosures[0] < outcome.demands[0]
    assert outcome.first_disclosure[0] < 42 * 24


def test_a_demand_fails_on_an_entity_that_does_not_control_the_holder() -> None:
    text = MIGRATION.replace("target: us-parent", "target: eu-minority")
    outcome = simulate(exposure_of(text), np.random.SeedSequence(6))
    assert outcome.demands[0] > 0 and outcome.disclosures[0] == 0
