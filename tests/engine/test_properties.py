"""Properties that hold for any design: lots are conserved, exposure is never negative."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.engine import simulate
from tests.engine.helpers import exposure_of


@st.composite
def designs(draw) -> str:
    """A small random design: a store (maybe replicated), a compute node (maybe bursting),
    a support desk, outages, a two-phase timeline with a copy and a purge."""
    servers = draw(st.integers(1, 3))
    dist = draw(st.sampled_from(["exponential", "lognormal", "deterministic"]))
    threshold = draw(st.integers(0, 3))
    replica = draw(st.booleans())
    overflow = f"overflow: {{sites: [us-east], when_queue_above: {threshold}}}" if draw(st.booleans()) else ""
    compute_replicas = "replicas: [us-east]" if draw(st.booleans()) else ""
    retention = draw(st.sampled_from(["6h", "1d", "3d"]))
    batch = draw(st.booleans())
    arrivals = "batch: {every: 2h, lots: 3}" if batch else f"rate: {draw(st.sampled_from([1, 4, 9]))}/h"
    diurnal = (
        "" if batch or not draw(st.booleans()) else ", diurnal: [" + ", ".join(["0"] * 8 + ["1"] * 16) + "]"
    )
    second = draw(st.sampled_from([10.0, 30.0]))
    return f"""
name: random design
sources: [https://example.org/random]
horizon: 48h
sites: {{paris: {{country: FR}}, dublin: {{country: IE}}, us-east: {{country: US}}}}
nodes:
  his: {{kind: ingest, operator: hospital, site: paris}}
  store: {{kind: storage, operator: eu-sub, site: dublin{", replicas: [us-east]" if replica else ""}}}
  new-store: {{kind: storage, operator: eu-owner, site: paris, phases: [after]}}
  analytics:
    kind: compute
    operator: eu-sub
    site: dublin
    servers: {servers}
    service: {{dist: {dist}, mean: {draw(st.sampled_from(["10m", "40m"]))}, cv: 1.5}}
    {overflow}
    {compute_replicas}
  desk:
    kind: support
    operator: us-parent
    access: data
    session: 3h
    shifts: [{{hours: "00-12", site: dublin, entity: eu-sub}}, {{hours: "12-24", site: us-east, entity: us-parent}}]
    escalation: {{probability: 0.5, entity: us-parent, site: us-east}}
data:
  records: {{records: {draw(st.integers(1, 5000))}, sensitivity: health, retention: {retention}, stored_in: [store]}}
flows:
  - {{from: his, to: store, data: records, {arrivals}, lot: {draw(st.integers(1, 50))}{diurnal}}}
  - {{from: store, to: analytics, data: records, rate: {draw(st.sampled_from([2, 6]))}/h, lot: 7, transit: {{duration: 5m}}}}
  - {{from: his, to: new-store, data: records, rate: 1/h, lot: 3}}
events:
  incidents: [{{rate: 0.5/h, nodes: [analytics, store, his], support: desk}}]
  outages: [{{site: dublin, rate: {draw(st.sampled_from(["0.1/h", "0.5/h"]))}, duration: 2h}}]
  legal_demands: [{{regime: us-law, target: us-parent, rate: 1/h}}]
timeline:
  - {{name: before, start: 0}}
  - {{name: after, start: {second}h, copy: [{{from: store, to: new-store, data: records}}], purge: [{{node: store, after: 4h}}]}}
"""


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=designs(), seed=st.integers(0, 2**32 - 1))
def test_lots_and_records_are_conserved_and_exposure_is_sane(text: str, seed: int) -> None:
    outcome = simulate(exposure_of(text), np.random.SeedSequence(seed))
    assert outcome.lots_created == outcome.lots_held + outcome.lots_in_flight + outcome.lots_deleted
    assert (
        outcome.records_created == outcome.records_held + outcome.records_in_flight + outcome.records_deleted
    )
    assert min(outcome.lots_held, outcome.lots_in_flight, outcome.lots_deleted) >= 0
    assert (outcome.record_hours >= -1e-6).all()
    assert (outcome.timeline >= -1e-6).all()
    assert np.allclose(outcome.timeline.sum(axis=2), outcome.record_hours, rtol=1e-9, atol=1e-6)
    finite = np.isfinite(outcome.first_entry)
    assert (outcome.first_entry[finite] <= outcome.horizon).all()
    assert (outcome.first_entry[finite] >= 0).all()
    # Records were present wherever they entered, and only there.
    assert ((outcome.inflow > 0) == finite).all()
    assert (outcome.disclosures <= outcome.demands).all()
    served = outcome.lots_served
    assert (served <= outcome.lots_arrived).all()
    assert ((outcome.utilisation >= 0) & (outcome.utilisation <= 1 + 1e-9)).all()
    assert (outcome.support_hours >= 0).all()
