"""Data at rest: a stationary store keeps its stock; retention and replicas behave."""

from __future__ import annotations

import math

import numpy as np

from simulator.engine import simulate
from tests.engine.helpers import ci95, exposure_of, place_index, replicate, transfers_between

RATE, LOT, RETENTION_H = 5.0, 4, 240.0
STOCK = int(RATE * LOT * RETENTION_H)  # 4 800 records: what the flow keeps in store at equilibrium

STATIONARY = f"""
name: Stationary archive
sources: [https://example.org/archive]
horizon: 480h
sites: {{paris: {{country: FR}}, dublin: {{country: IE}}}}
nodes:
  his: {{kind: ingest, operator: hospital, site: paris}}
  archive: {{kind: storage, operator: eu-sub, site: dublin}}
data:
  records: {{records: {STOCK}, sensitivity: health, retention: {RETENTION_H}h, stored_in: [archive]}}
flows:
  - {{from: his, to: archive, data: records, rate: {RATE}/h, lot: {LOT}}}
"""


def test_stationary_store_exposes_stock_times_horizon() -> None:
    exposure = exposure_of(STATIONARY)
    archive = place_index(exposure, node="archive", state="rest")
    outcomes = replicate(exposure, n=8)
    mean, low, high = ci95([o.record_hours[0, archive] for o in outcomes])
    expected = STOCK * 480.0
    assert low <= expected <= high, f"{expected} outside [{low:.0f}, {high:.0f}]"
    assert abs(mean / expected - 1) < 0.02


def test_timeline_bins_add_up_to_record_hours() -> None:
    outcome = replicate(exposure_of(STATIONARY), n=1)[0]
    assert np.allclose(outcome.timeline.sum(axis=2), outcome.record_hours, rtol=1e-9)
    assert outcome.timeline.shape[2] == outcome.bins == 48


def test_records_expire_after_their_retention() -> None:
    # Stock only, no flow: after one retention period nothing is left.
    text = STATIONARY.split("flows:")[0]
    outcome = replicate(exposure_of(text), n=1)[0]
    assert outcome.records_held == 0 and outcome.records_deleted == STOCK
    # The stock decays linearly: STOCK × R / 2 record-hours (within half an expiry tick).
    assert math.isclose(outcome.record_hours[0, 0], STOCK * RETENTION_H / 2, rel_tol=0.01)
    # In the second half of the horizon the archive is empty.
    assert outcome.timeline[0, 0, 24:].sum() == 0


def test_replica_in_a_third_country_holds_a_copy_and_counts_as_a_transfer() -> None:
    text = STATIONARY.replace(
        "archive: {kind: storage, operator: eu-sub, site: dublin}",
        "archive: {kind: storage, operator: eu-sub, site: dublin, replicas: [us-east]}",
    ).replace("dublin: {country: IE}}", "dublin: {country: IE}, us-east: {country: US}}")
    exposure = exposure_of(text)
    primary = place_index(exposure, node="archive", state="rest", role="primary")
    replica = place_index(exposure, node="archive", state="rest", role="replica 1")
    outcome = simulate(exposure, np.random.SeedSequence(5))
    assert outcome.record_hours[0, replica] == outcome.record_hours[0, primary] > 0
    # Every lot from the Paris hospital lands on the US replica; the stock is copied from Dublin.
    assert transfers_between(exposure, outcome, "FR", "US") == outcome.flow_lots[0]
    assert transfers_between(exposure, outcome, "IE", "US") == 1
    assert transfers_between(exposure, outcome, "IE", "US", "records") == STOCK
    assert outcome.transfers_events.sum() == outcome.flow_lots[0] + 1
