"""A compute node behaves like the queue it models: Erlang C waits and Little's law."""

from __future__ import annotations

import math

from tests.engine.helpers import ci95, exposure_of, replicate

ARRIVALS = 140.0  # lots per hour
SERVICE = 0.01  # hours per lot (36 s), so each server serves 100 lots per hour
SERVERS = 2

MMC = f"""
name: M/M/2 analytics node
sources: [https://example.org/mmc]
horizon: 200h
sites: {{dublin: {{country: IE}}}}
nodes:
  portal: {{kind: ingest, operator: eu-sub, site: dublin}}
  analytics:
    kind: compute
    operator: eu-sub
    site: dublin
    servers: {SERVERS}
    service: {{dist: exponential, mean: {SERVICE}h}}
data:
  scans: {{records: 1, sensitivity: health, retention: 1d}}
flows:
  - {{from: portal, to: analytics, data: scans, rate: {ARRIVALS}/h, lot: 1, transit: {{duration: 1s}}}}
"""


def erlang_c_wait(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Mean wait in queue of an M/M/c queue (Erlang C)."""
    load = arrival_rate / service_rate
    top = load**servers / math.factorial(servers) * servers / (servers - load)
    waiting = top / (sum(load**k / math.factorial(k) for k in range(servers)) + top)
    return waiting / (servers * service_rate - arrival_rate)


def test_poisson_fed_compute_node_waits_as_erlang_c_predicts() -> None:
    outcomes = replicate(exposure_of(MMC), n=8)
    expected = erlang_c_wait(ARRIVALS, 1 / SERVICE, SERVERS)
    mean, low, high = ci95([o.mean_wait[0] for o in outcomes])
    assert low <= expected <= high, (
        f"Erlang C {expected:.6f} h outside [{low:.6f}, {high:.6f}] (mean {mean:.6f})"
    )
    utilisation, low, high = ci95([o.utilisation[0] for o in outcomes])
    assert low - 0.005 <= ARRIVALS * SERVICE / SERVERS <= high + 0.005


def test_littles_law_links_number_in_system_to_time_in_system() -> None:
    for outcome in replicate(exposure_of(MMC), n=3, seed=7, horizon=100.0):
        arrival_rate = outcome.lots_arrived[0] / outcome.horizon
        assert math.isclose(outcome.mean_in_system[0], arrival_rate * outcome.mean_sojourn[0], rel_tol=0.01)


def test_queued_and_served_lots_are_counted_in_processing_at_the_node() -> None:
    outcome = replicate(exposure_of(MMC), n=1, horizon=50.0)[0]
    processing = outcome.places.index("analytics@dublin (processing, primary)")
    # Records are one per lot, so record-hours in processing equal lot-hours in the system.
    lot_hours = outcome.mean_in_system[0] * outcome.horizon
    assert math.isclose(outcome.record_hours[0, processing], lot_hours, rel_tol=1e-9)
