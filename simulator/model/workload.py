"""How much work a run asks for, estimated before anything runs, and the budget it must fit.

A scenario can be valid and still ask for years of computing: ``horizon: 1000y``, a rate of a
million lots an hour, ``--reps 1000000000`` or a grid of a million sweep points. The engine's
cost is its events (each takes about 2 µs), and its memory is the lots it holds in flight; both
follow from the scenario's rates and durations, so they can be estimated from the model alone:

* **events per replication** — per flow, one event per arrival drawn (Poisson flows draw at
  their diurnal peak and thin) and, per lot created, one at the end of its transit plus one when
  it leaves a compute node; per batch flow, one per batch; per (data class, node) held at rest,
  one expiry tick every ``retention / 256``; per incident, its arrival, the end of its session
  and, if escalated, the end of the second; per outage, its start and end; per legal demand, one;
* **memory per replication** — the interpreter, a ledger cell per (data class, place), a clock
  per server, and every lot in flight: in transit (rate × transit time) and at compute nodes
  (Little's law below capacity; an overloaded node's queue grows by the excess rate until the
  horizon).

:func:`check_budget` refuses a run past :data:`DEFAULT_BUDGET`'s hard limits unless forced, and
returns a warning above its lower ones. The estimate is within a factor of two of the events the
engine counts on the bundled scenarios (see ``tests/model/test_workload.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.errors import InputError
from simulator.model.places import data_at_nodes, enumerate_places
from simulator.model.scenario import ComputeNode, Flow, Scenario, SupportNode
from simulator.model.units import format_hours

Loc = tuple[str | int, ...]

EXPIRY_TICKS = 256
"""Expiry ticks per retention period: the engine's ``holding.BUCKETS`` (a test keeps them equal;
the model cannot import the engine)."""
EVENTS_PER_SECOND = 500_000
"""Engine speed on one core, measured on a 2-core machine shared with other jobs (400 k/s to
650 k/s on high-rate flows, 200 k/s to 360 k/s on the bundled scenarios' mix of events)."""
SECONDS_PER_REPLICATION = 0.01
"""Fixed cost of a replication outside the event loop (set-up, summary, hand-over)."""
SECONDS_PER_POINT = 0.05
"""Fixed cost of a sweep point (validation, analysis, writing its result)."""
BASE_BYTES = 150e6
"""A worker process with sovsim imported, before it simulates anything (measured: 130 MB)."""
BYTES_PER_CELL = 2_000
"""A ledger cell (a data class at a place) with its 48 timeline bins, during the run and after."""
BYTES_PER_SERVER = 64
BYTES_PER_LOT_IN_FLIGHT = 600
"""A lot waiting at an overloaded compute node: 960 k of them took 580 MB (measured)."""


@dataclass(frozen=True)
class Budget:
    """Limits of a run: warn above ``warn_*``, refuse above ``hard_*`` unless forced."""

    warn_seconds: float = 120.0
    hard_seconds: float = 3600.0
    warn_bytes: float = 1e9
    hard_bytes: float = 4e9


DEFAULT_BUDGET = Budget()
"""Warn past 2 minutes of computing or 1 GB per replication; refuse past an hour or 4 GB."""


@dataclass(frozen=True)
class WorkEstimate:
    """Expected events and memory of a run, with the events of each source of work."""

    events_per_replication: float
    bytes_per_replication: float
    replications: int = 1
    points: int = 1
    parts: dict[Loc, float] = field(default_factory=dict)
    """Events per replication by the field that drives them, e.g. ``("flows", 0, "rate")``."""

    @property
    def events(self) -> float:
        return self.events_per_replication * self.replications * self.points

    @property
    def seconds(self) -> float:
        """Computing time on one core."""
        runs = self.replications * self.points
        overhead = runs * SECONDS_PER_REPLICATION + self.points * SECONDS_PER_POINT
        return self.events / EVENTS_PER_SECOND + overhead

    @property
    def largest(self) -> Loc:
        """The field behind most events (the one to change to make the run smaller)."""
        return max(self.parts, key=self.parts.__getitem__) if self.parts else ("horizon",)

    def describe(self) -> str:
        runs = f"{self.replications:,} replication(s)"
        if self.points > 1:
            runs += f" × {self.points:,} sweep points"
        driver = ".".join(str(part) for part in self.largest)
        return (
            f"about {self.events:.2g} events ({runs}, {_duration(self.seconds)} on one core) and "
            f"{self.bytes_per_replication / 1e9:.2g} GB per replication; most events come from {driver}"
        )


def estimate_work(
    scenario: Scenario, horizon: float | None = None, replications: int = 1, points: int = 1
) -> WorkEstimate:
    """The work of ``replications`` runs of ``scenario`` (at ``points`` sweep points) to ``horizon``."""
    hours = scenario.horizon if horizon is None else horizon
    parts: dict[Loc, float] = {}
    for source in (_flow_events, _expiry_events, _random_events):
        parts.update(source(scenario, hours))
    return WorkEstimate(
        events_per_replication=sum(parts.values()) + len(scenario.timeline),
        bytes_per_replication=_memory(scenario, hours),
        replications=replications,
        points=points,
        parts=parts,
    )


def _lot_rates(index: int, flow: Flow) -> tuple[Loc, float, float]:
    """The field driving a flow, its arrivals drawn per hour and its lots created per hour."""
    if flow.batch is not None:
        return ("flows", index, "batch", "every"), 1 / flow.batch.every, flow.batch.lots / flow.batch.every
    assert flow.rate is not None
    profile = flow.diurnal or [1.0]
    return ("flows", index, "rate"), flow.rate * max(profile), flow.rate * sum(profile) / len(profile)


def _flow_events(scenario: Scenario, hours: float) -> dict[Loc, float]:
    """Arrivals drawn, ends of transit, and departures from compute nodes."""
    parts = {}
    for index, flow in enumerate(scenario.flows):
        loc, drawn, created = _lot_rates(index, flow)
        per_lot = 2 if scenario.nodes[flow.to].kind == "compute" else 1
        parts[loc] = hours * (drawn + created * per_lot)
    return parts


def _expiry_events(scenario: Scenario, hours: float) -> dict[Loc, float]:
    """Expiry ticks of every (data class, node) held at rest, by the data class's retention."""
    parts: dict[Loc, float] = {}
    for node_id, held in data_at_nodes(scenario).items():
        if scenario.nodes[node_id].kind in ("storage", "backup", "telemetry"):
            for data_id in held:
                loc = ("data", data_id, "retention")
                parts[loc] = parts.get(loc, 0.0) + hours * EXPIRY_TICKS / scenario.data[data_id].retention
    return parts


def _random_events(scenario: Scenario, hours: float) -> dict[Loc, float]:
    """Incidents (with their sessions), outages (start and end) and legal demands."""
    parts: dict[Loc, float] = {}
    for index, incident in enumerate(scenario.events.incidents):
        desk = scenario.nodes[incident.support]
        escalated = desk.escalation.probability if isinstance(desk, SupportNode) and desk.escalation else 0.0
        parts[("events", "incidents", index, "rate")] = hours * incident.rate * (2 + escalated)
    for index, outage in enumerate(scenario.events.outages):
        parts[("events", "outages", index, "rate")] = 2 * hours / (1 / outage.rate + outage.duration)
    for index, demand in enumerate(scenario.events.legal_demands):
        rate = demand.rate if demand.rate is not None else scenario.regimes[demand.regime].demand_rate
        parts[("events", "legal_demands", index, "rate")] = hours * rate
    return parts


def _lots_in_flight(scenario: Scenario, hours: float) -> float:
    """Lots in transit, plus lots at compute nodes (growing until the horizon when overloaded)."""
    in_flight = 0.0
    inflow: dict[str, float] = {}
    for index, flow in enumerate(scenario.flows):
        created = _lot_rates(index, flow)[2]
        in_flight += created * flow.transit.duration
        inflow[flow.to] = inflow.get(flow.to, 0.0) + created
    for node_id, rate in inflow.items():
        node = scenario.nodes[node_id]
        if isinstance(node, ComputeNode):
            capacity = _servers(node) / node.service.mean
            in_flight += (rate - capacity) * hours if rate >= capacity else rate * node.service.mean
    return in_flight


def _memory(scenario: Scenario, hours: float) -> float:
    """Peak bytes of one replication."""
    cells = len(enumerate_places(scenario)) * len(scenario.data)
    countries = len({site.country for site in scenario.sites.values()})
    servers = sum(_servers(node) for node in scenario.nodes.values() if isinstance(node, ComputeNode))
    return (
        BASE_BYTES
        + BYTES_PER_CELL * cells
        + 16 * len(scenario.data) * countries**2
        + BYTES_PER_SERVER * servers
        + BYTES_PER_LOT_IN_FLIGHT * _lots_in_flight(scenario, hours)
    )


def check_budget(
    estimate: WorkEstimate, source: Path, force: bool = False, budget: Budget = DEFAULT_BUDGET
) -> str | None:
    """Refuse a run past the hard budget (an :class:`InputError` on ``source``) unless ``force``.

    Returns a warning to show when the run is past the lower budget (or forced past the hard
    one), else None.
    """
    over_hard = estimate.seconds > budget.hard_seconds or estimate.bytes_per_replication > budget.hard_bytes
    if over_hard and not force:
        raise InputError.single(
            source,
            f"this run would take {estimate.describe()}, past the limit of "
            f"{_duration(budget.hard_seconds)} or {budget.hard_bytes / 1e9:.0f} GB; shorten the horizon, "
            "lower that rate or the replications, or force it (--force)",
            loc=estimate.largest,
        )
    over_warn = estimate.seconds > budget.warn_seconds or estimate.bytes_per_replication > budget.warn_bytes
    if over_hard or over_warn:
        return f"a large run: {estimate.describe()}"
    return None


def _servers(node: ComputeNode) -> int:
    """Servers of the primary pool and, if any, of the overflow pool."""
    return node.servers + ((node.overflow.servers or node.servers) if node.overflow else 0)


def _duration(seconds: float) -> str:
    return format_hours(seconds / 3600)
