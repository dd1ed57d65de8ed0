"""One replication: build the run's state from the exposure map, start the processes, run.

The :class:`Run` holds the domain state (ledger, holdings, compute pools, phase, site status,
counters); the SimPy environment only orders events. Semantics not covered elsewhere:

* **Lots** are created by flows at their source (an ingest node, or a copy read out of a store)
  and spend ``transit.duration`` hours at the flow's transit place before they land. At a
  storage, backup or telemetry node they are held at every site of the node for the data
  class's retention; at a compute node they are processed, then discarded (deleted).
* **Stock**: each data class's ``records`` are held at t=0 at every ``stored_in`` node.
* **Nodes with phases** run only in those phases: flows from or to a node that is not running
  drop their arrivals and incidents on it open no ticket; what it already holds stays until
  its retention ends or a purge deletes it.
* **Support sessions** read a snapshot, taken when the session opens, of the records of every
  data class the target node holds (at rest, or in processing in either compute pool), and
  keep it at the support place for the session's length, even across a shift change.
* **Transfers**: one event, with its records, each time records land at a place whose site's
  country is outside the controller's home jurisdiction (a replica, storage, overflow, telemetry, support session, failover),
  from the country of the data's origin: the flow's source site for lots, the holding node's
  (active) site for stock, copies, sessions and failovers. A lot in transit is counted once,
  where it lands, not at its transit place. A session transfers the records its access level
  shows (a metadata-level session does not transfer the content of health records); one that
  shows no record is not a transfer.
  Diagonal entries (origin and destination in the same non-EEA country) are data already
  held outside the EEA.
* **Incidents**: each incident of an entry hits one of its ``nodes``, chosen uniformly at
  random; the entry's rate is the total over those nodes. An escalated ticket (probability
  from the desk, drawn from its own stream) opens a second session at the escalation place
  when the first-line session ends, for the same length, reading a fresh snapshot.
* **Outages** alternate: an exponential gap (mean 1 / rate) then ``duration`` hours down.
  Storage replicas already hold copies, so only compute pools react (see
  :mod:`simulator.engine.compute`).
* **Random sources and their stream names** (see :mod:`simulator.engine.streams`):
  ``flow:<name>`` if the flow is named, else ``flow:<from>-><to>:<data>`` (not its position,
  so adding a flow does not shift the others); ``service:<node>``; ``incident:<index>`` (gaps
  and target choice) and ``escalation:<index>``; ``outage:<site>``;
  ``demand:<regime>:<target>``. A name used twice gets ``#2``, ``#3``, … in file order.
  Batch flows are deterministic: ``lots`` lots at ``every``, ``2 × every``, …
* **Legal demands** succeed iff at that moment some place holds records (of the targeted
  classes) that the regime can read there and whose holder is the target or is controlled by
  it (the target is on the holder's reach chain): "possession, custody or control".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np
import simpy

from simulator.engine import processes
from simulator.engine.compute import Pool
from simulator.engine.holding import Holding
from simulator.engine.ledger import Ledger
from simulator.engine.outcome import Outcome
from simulator.engine.streams import Draws, service_times, stream
from simulator.engine.timer import Timer
from simulator.law.readability import ExposureMap
from simulator.model.places import can_see, data_at_nodes

RING_KINDS = ("storage", "backup", "telemetry")


class _ComputeNode:
    """A compute node: primary pool, optional overflow pool, one service-time stream."""

    def __init__(self, primary: Pool, overflow: Pool | None, threshold: int, service: Draws) -> None:
        self.primary = primary
        self.overflow = overflow
        self.threshold = threshold
        self.overflowed = 0
        primary.track_waiting = overflow is not None  # only then does arrive() ask waiting()
        for pool in self.pools:
            pool.service = service  # both pools draw from the node's stream, one draw per lot

    @property
    def admit(self) -> Callable[[Timer, int, int, int], None]:
        """What a landing lot calls: the primary pool itself when there is no overflow pool."""
        return self.primary.arrive if self.overflow is None else self.arrive

    def arrive(self, landing: Timer, d: int, records: int, origin: int) -> None:
        """Send a lot to the overflow pool if too many wait in the primary pool (see Pool.arrive)."""
        pool = self.primary
        if pool.waiting(landing.at) > self.threshold:
            pool = self.overflow
            self.overflowed += 1
        pool.arrive(landing, d, records, origin)

    @property
    def pools(self) -> list[Pool]:
        return [self.primary] if self.overflow is None else [self.primary, self.overflow]


class _Route:
    """The path of every lot of one flow: created at its source, in transit, landed.

    Everything a lot needs that does not change during the run (data class, records, transit
    cell, duration, origin country, where it lands) is looked up once here, so that creating
    and landing a lot — the most frequent events of a run — cost a few attribute reads. The
    counters are per flow; the run adds them up at the end (integers, so in any order). A lot's
    timer is recycled: its landing timer becomes its departure from a compute node, and a new
    lot rearms the timer of one that has gone (``spare``) rather than allocating one.
    """

    __slots__ = (
        "env",
        "ledger",
        "d",
        "records",
        "transit_place",
        "transit_cell",
        "duration",
        "origin",
        "compute",
        "admit",
        "holding",
        "rest_cells",
        "outside_places",
        "created",
        "landed",
        "spare",
    )

    def __init__(self, run: Run, index: int) -> None:
        flow = run.scenario.flows[index]
        ledger = run.ledger
        self.env = run.env
        self.ledger = ledger
        self.d = run.data_index[flow.data]
        self.records = flow.lot
        self.transit_place = run.transit_places[index]
        self.transit_cell = ledger.cell(self.d, self.transit_place)
        self.duration = flow.transit.duration
        self.origin = run.site_country[run.scenario.nodes[flow.source].site]
        self.compute = run.compute.get(flow.to)
        self.admit = self.compute.admit if self.compute is not None else None
        self.holding = None if self.compute is not None else run.holdings[(self.d, flow.to)]
        places = self.holding.places if self.holding is not None else []
        self.rest_cells = [ledger.cell(self.d, place) for place in places]
        self.outside_places = [place for place in places if ledger.outside(place)]
        self.created = 0
        self.landed = 0
        self.spare = run.spare_timers

    def create(self) -> None:
        """A lot leaves the source now: in transit until it lands ``duration`` hours later."""
        self.created += 1
        self.transit_cell.enter(self.records, self.env._now)  # env.now, without the property
        spare = self.spare
        if spare:
            spare.pop().rearm(self.duration, self.land)  # the timer of a lot that has gone
        else:
            Timer(self.env, self.duration, self.land)

    def land(self, timer: Timer) -> None:
        """The lot reaches its destination: queued for processing, or held at rest."""
        t = timer.at
        records = self.records
        self.landed += 1
        self.transit_cell.leave(records, t)
        if self.admit is not None:
            self.admit(timer, self.d, records, self.origin)  # rearms the timer as the departure
            return
        self.holding.add(t, 1, records)
        # As Run._hold: enter at every site place, a transfer where the place is outside.
        for cell in self.rest_cells:
            cell.enter(records, t)
        for place in self.outside_places:
            self.ledger.transfer(self.origin, place, records)
        self.spare.append(timer)

    @property
    def in_transit(self) -> int:
        return self.created - self.landed


def _unique_names(names: list[str]) -> list[str]:
    """Suffix repeated stream names with #2, #3, … in order."""
    seen: Counter[str] = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return unique


class Run:
    """The state of one replication."""

    def __init__(
        self, exposure: ExposureMap, seed: np.random.SeedSequence, horizon: float | None, bins: int
    ) -> None:
        scenario = exposure.scenario
        self.scenario = scenario
        self.exposure = exposure
        self.seed = seed
        self.horizon = float(scenario.horizon if horizon is None else horizon)
        self.env = simpy.Environment()
        self.places = exposure.places
        self.data_index = {data_id: index for index, data_id in enumerate(exposure.data)}
        # What a support session at each place can show, per data class (its access level).
        self.shown = [
            [can_see(place.access, scenario.data[data_id].access_needed) for data_id in exposure.data]
            for place in self.places
        ]
        self.countries = sorted({site.country for site in scenario.sites.values()})
        country_index = {country: index for index, country in enumerate(self.countries)}
        self.site_country = {site_id: country_index[site.country] for site_id, site in scenario.sites.items()}
        self.ledger = Ledger(
            n_data=len(exposure.data),
            place_country=[self.site_country[place.site] for place in self.places],
            place_outside_eea=[scenario.frame.is_foreign(scenario.sites[place.site].country) for place in self.places],
            n_countries=len(self.countries),
            horizon=self.horizon,
            bins=bins,
        )
        self.phase = scenario.phase_at(0.0)
        self.down: Counter[str] = Counter()
        self.flow_names = _unique_names(
            [
                f"flow:{flow.name}" if flow.name else f"flow:{flow.source}->{flow.to}:{flow.data}"
                for flow in scenario.flows
            ]
        )
        self.outage_names = _unique_names([f"outage:{outage.site}" for outage in scenario.events.outages])
        demands = scenario.events.legal_demands
        self.demand_names = _unique_names([f"demand:{d.regime}:{d.target}" for d in demands])
        self.demand_rates = [
            d.rate if d.rate is not None else scenario.regimes[d.regime].demand_rate for d in demands
        ]
        self.support_hours = np.zeros(len(self.places))
        self.sessions = np.zeros(len(self.places), dtype=np.int64)
        self.demands = np.zeros(len(demands), dtype=np.int64)
        self.disclosures = np.zeros(len(demands), dtype=np.int64)
        self.first_disclosure = np.full(len(demands), np.inf)
        self.lots_created = self.lots_deleted = self.records_created = self.records_deleted = 0
        self.spare_timers: list[Timer] = []
        """Fired timers of lots that have gone (landed at rest, or departed), for new lots to
        rearm instead of allocating a timer each (:meth:`Timer.rearm`). Never longer than
        the most lots in flight at once, so bounded as the event queue is."""
        self._index_places()
        self._build_nodes()
        self.routes = [_Route(self, index) for index in range(len(scenario.flows))]
        self._eligible = [self.ledger.eligible_cells(self._demand_eligibility(d)) for d in demands]

    # --- construction -------------------------------------------------------------------

    def _index_places(self) -> None:
        self.support_places: dict[tuple[str, str, str], int] = {}
        self.transit_places: dict[int, int] = {}
        self.site_places: dict[str, list[int]] = {}
        """Rest (or telemetry) places of each node, in site order."""
        self.processing_places: dict[tuple[str, str, str], int] = {}
        for place in self.places:
            if place.state == "transit" and place.flow is not None:
                self.transit_places[place.flow] = place.index
            elif place.state == "support" and place.desk is not None:
                self.support_places[(place.node, place.desk, place.role)] = place.index
            elif place.state == "rest" or (place.state == "support" and place.role.startswith("telemetry")):
                self.site_places.setdefault(place.node, []).append(place.index)
            elif place.state == "processing":
                kind = "overflow" if place.role == "overflow" else "primary"
                self.processing_places.setdefault((place.node, kind, place.site), place.index)

    def _build_nodes(self) -> None:
        scenario = self.scenario
        present = data_at_nodes(scenario)
        self.holdings: dict[tuple[int, str], Holding] = {}
        self.compute: dict[str, _ComputeNode] = {}
        for node_id, node in scenario.nodes.items():
            if node.kind in RING_KINDS:
                for data_id in sorted(present[node_id]):
                    d = self.data_index[data_id]
                    places = self.site_places.get(node_id, [])
                    retention = scenario.data[data_id].retention
                    self.holdings[(d, node_id)] = Holding(d, node_id, places, retention)
            elif node.kind == "compute":
                primary = self._pool(node_id, "primary", node.sites, node.servers)
                overflow = None
                if node.overflow is not None:
                    servers = node.overflow.servers or node.servers
                    overflow = self._pool(node_id, "overflow", node.overflow.sites, servers)
                service = service_times(
                    self.stream(f"service:{node_id}"), node.service.dist, node.service.mean, node.service.cv
                )
                threshold = node.overflow.when_queue_above if node.overflow else 0
                self.compute[node_id] = _ComputeNode(primary, overflow, threshold, service)

    def _pool(self, node_id: str, kind: str, sites: list[str], servers: int) -> Pool:
        places = [self.processing_places[(node_id, kind, site)] for site in sites]
        outage_sites = {outage.site for outage in self.scenario.events.outages}
        return Pool(
            env=self.env,
            ledger=self.ledger,
            servers=servers,
            sites=list(sites),
            places=places,
            site_country=[self.site_country[site] for site in sites],
            n_data=len(self.data_index),
            lots={} if outage_sites.intersection(sites) else None,
            spare=self.spare_timers,
        )

    def _demand_eligibility(self, demand) -> np.ndarray:
        """[data, place]: where records would let this demand succeed."""
        regime = self.exposure.regimes.index(demand.regime)
        mask = self.exposure.readable_mask()[regime].copy()
        if demand.data:
            wanted = np.zeros(len(self.data_index), dtype=bool)
            wanted[[self.data_index[data_id] for data_id in demand.data]] = True
            mask &= wanted[:, None]
        controlled = np.zeros(len(self.places), dtype=bool)
        for place in self.places:
            reach = self.exposure.reach.reach(demand.regime, place.entity)
            controlled[place.index] = place.entity == demand.target or (
                reach is not None and demand.target in reach.chain
            )
        return mask & controlled[None, :]

    # --- helpers used by the processes --------------------------------------------------

    def stream(self, name: str) -> np.random.Generator:
        return stream(self.seed, name)

    def on(self, phases: list[str]) -> bool:
        """Whether something limited to ``phases`` runs now (an empty list means always)."""
        return not phases or self.phase in phases

    def node_running(self, node_id: str) -> bool:
        return self.on(self.scenario.nodes[node_id].phases)

    def flow_running(self, index: int) -> bool:
        flow = self.scenario.flows[index]
        return self.on(flow.phases) and self.node_running(flow.source) and self.node_running(flow.to)

    def flow_gated(self, index: int) -> bool:
        """Whether the flow, its source or its destination is limited to some phases."""
        flow = self.scenario.flows[index]
        nodes = self.scenario.nodes
        return bool(flow.phases or nodes[flow.source].phases or nodes[flow.to].phases)

    def _origin(self, node_id: str) -> int:
        """Country index of where a node holds its data now (a compute node's active site)."""
        if node_id in self.compute:
            primary = self.compute[node_id].primary
            return primary.site_country[primary.active]
        return self.site_country[self.scenario.nodes[node_id].site]

    # --- events -------------------------------------------------------------------------

    def place_stock(self) -> None:
        for data_id, data in self.scenario.data.items():
            d = self.data_index[data_id]
            for node_id in data.stored_in:
                holding = self.holdings[(d, node_id)]
                lots = holding.add_stock(data.records)
                self.lots_created += lots
                self.records_created += data.records
                self._hold(holding, data.records, self._origin(node_id))

    def _hold(self, holding: Holding, records: int, origin: int) -> None:
        t = self.env.now
        ledger = self.ledger
        for place in holding.places:
            ledger.enter(holding.data, place, records, t)
            ledger.transfer(origin, place, records)

    def create_lot(self, index: int) -> None:
        """A lot of flow ``index`` leaves its source now (see :class:`_Route`)."""
        self.routes[index].create()

    def expire(self, holding: Holding, tick: int) -> None:
        lots, records = holding.expire(tick)
        self._delete(holding, lots, records)

    def _delete(self, holding: Holding, lots: int, records: int) -> None:
        if not lots:
            return
        t = self.env.now
        ledger = self.ledger
        for place in holding.places:
            ledger.leave(holding.data, place, records, t)
        self.lots_deleted += lots
        self.records_deleted += records

    def held(self, node_id: str) -> list[tuple[int, float]]:
        """(data class, records) the node holds now, at rest or in processing."""
        if node_id in self.compute:
            totals = [0.0] * len(self.data_index)
            for pool in self.compute[node_id].pools:
                for d, records in enumerate(pool.records):
                    totals[d] += records
            return [(d, records) for d, records in enumerate(totals) if records > 0]
        return [
            (d, holding.total_records)
            for (d, node), holding in self.holdings.items()
            if node == node_id and holding.total_records > 0
        ]

    def open_session(self, place: int, target: str, length: float, follow_up: int | None) -> None:
        t = self.env.now
        snapshot = self.held(target)
        shown = self.shown[place]
        total = 0.0
        ledger = self.ledger
        for d, records in snapshot:
            ledger.enter(d, place, records, t)
            if shown[d]:
                total += records
        self.ledger.transfer(self._origin(target), place, total)
        self.sessions[place] += 1
        self.support_hours[place] += min(length, self.horizon - t)
        event = self.env.timeout(length)
        event.callbacks.append(lambda _event: self._close_session(place, snapshot, target, length, follow_up))

    def _close_session(self, place: int, snapshot, target: str, length: float, follow_up: int | None) -> None:
        t = self.env.now
        ledger = self.ledger
        for d, records in snapshot:
            ledger.leave(d, place, records, t)
        if follow_up is not None:
            self.open_session(follow_up, target, length, None)

    def site_down(self, site: str, change: int) -> None:
        self.down[site] += change
        t = self.env.now
        for node in self.compute.values():
            for pool in node.pools:
                if site in pool.sites:
                    pool.site_status(t, lambda s: self.down[s] <= 0)

    def legal_demand(self, index: int) -> None:
        self.demands[index] += 1
        if self.ledger.holds_any(self._eligible[index]):
            self.disclosures[index] += 1
            self.first_disclosure[index] = min(self.first_disclosure[index], self.env.now)

    def copy(self, source: str, to: str, data_id: str) -> None:
        d = self.data_index[data_id]
        held = self.holdings.get((d, source))
        if held is None or not held.total_lots:
            return
        target = self.holdings[(d, to)]
        target.add(self.env.now, held.total_lots, held.total_records)
        self.lots_created += held.total_lots
        self.records_created += held.total_records
        self._hold(target, held.total_records, self._origin(source))

    def purge(self, node_id: str, data: list[str]) -> None:
        wanted = {self.data_index[data_id] for data_id in data} if data else None
        for (d, node), holding in self.holdings.items():
            if node == node_id and (wanted is None or d in wanted):
                lots, records = holding.clear()
                self._delete(holding, lots, records)

    # --- the run ------------------------------------------------------------------------

    def execute(self) -> Outcome:
        env = self.env
        self.place_stock()
        env.process(processes.timeline(env, self))
        for index in range(len(self.scenario.flows)):
            processes.start_flow(env, self, index)
        for holding in self.holdings.values():
            env.process(processes.expiry(env, self, holding))
        for index in range(len(self.scenario.events.incidents)):
            env.process(processes.incidents(env, self, index))
        for index in range(len(self.scenario.events.outages)):
            env.process(processes.outages(env, self, index))
        for index in range(len(self.scenario.events.legal_demands)):
            env.process(processes.demands(env, self, index))
        env.run(until=self.horizon)
        return self._outcome()

    def _outcome(self) -> Outcome:
        horizon = self.horizon
        self.ledger.close(horizon)
        nodes = list(self.compute.values())
        for node in nodes:
            for pool in node.pools:
                pool.close(horizon)

        def per_node(values: list[float], dtype=np.float64) -> np.ndarray:
            return _frozen(np.array(values, dtype=dtype))

        def ratio(num: float, den: float) -> float:
            return num / den if den else float("nan")

        served = [sum(p.served for p in n.pools) for n in nodes]
        arrived = [sum(p.arrived for p in n.pools) for n in nodes]
        routes = self.routes
        pools = [p for n in nodes for p in n.pools]
        # Lots and records are integers: the per-flow and per-pool counters add up exactly.
        lots_created = self.lots_created + sum(r.created for r in routes)
        records_created = self.records_created + sum(r.created * r.records for r in routes)
        lots_deleted = self.lots_deleted + sum(p.served for p in pools)
        records_deleted = self.records_deleted + sum(p.served_records for p in pools)
        lots_in_transit = sum(r.in_transit for r in routes)
        records_in_transit = sum(r.in_transit * r.records for r in routes)
        in_flight_lots = lots_in_transit + sum(p.in_system for p in pools)
        in_flight_records = records_in_transit + sum(sum(p.records) for p in pools)
        ledger = self.ledger
        return Outcome(
            horizon=horizon,
            bins=ledger.bins,
            data=tuple(self.exposure.data),
            places=tuple(place.label for place in self.places),
            countries=tuple(self.countries),
            compute_nodes=tuple(self.compute),
            record_hours=_frozen(ledger.record_hours),
            timeline=_frozen(ledger.timeline),
            inflow=_frozen(ledger.inflow),
            first_entry=_frozen(ledger.first_entry),
            transfers_events=_frozen(ledger.transfers_events),
            transfers_records=_frozen(ledger.transfers_records),
            demands=_frozen(self.demands),
            disclosures=_frozen(self.disclosures),
            first_disclosure=_frozen(self.first_disclosure),
            flow_lots=_frozen(np.array([r.created for r in routes], dtype=np.int64)),
            lots_arrived=per_node(arrived, np.int64),
            lots_served=per_node(served, np.int64),
            lots_overflowed=per_node([n.overflowed for n in nodes], np.int64),
            mean_wait=per_node(
                [ratio(sum(p.wait_sum for p in n.pools), s) for n, s in zip(nodes, served, strict=True)]
            ),
            mean_sojourn=per_node(
                [ratio(sum(p.sojourn_sum for p in n.pools), s) for n, s in zip(nodes, served, strict=True)]
            ),
            utilisation=per_node([n.primary.busy_area / (n.primary.servers * horizon) for n in nodes]),
            overflow_utilisation=per_node(
                [
                    n.overflow.busy_area / (n.overflow.servers * horizon) if n.overflow else float("nan")
                    for n in nodes
                ]
            ),
            burst_fraction=per_node([ratio(n.overflowed, a) for n, a in zip(nodes, arrived, strict=True)]),
            mean_in_system=per_node([sum(p.area for p in n.pools) / horizon for n in nodes]),
            support_hours=_frozen(self.support_hours),
            sessions=_frozen(self.sessions),
            lots_created=int(lots_created),
            lots_deleted=int(lots_deleted),
            lots_held=int(sum(h.total_lots for h in self.holdings.values())),
            lots_in_flight=int(in_flight_lots),
            records_created=int(records_created),
            records_deleted=int(records_deleted),
            records_held=int(sum(h.total_records for h in self.holdings.values())),
            records_in_flight=int(round(in_flight_records)),
            events=_events_scheduled(self.env),
        )


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array)  # a copy the run no longer writes to
    array.flags.writeable = False
    return array


def _events_scheduled(env: simpy.Environment) -> int:
    counter = getattr(env, "_eid", None)
    return int(next(counter)) if counter is not None else -1


def simulate(
    exposure: ExposureMap,
    seed: np.random.SeedSequence,
    horizon: float | None = None,
    bins: int = 48,
) -> Outcome:
    """Run one replication of ``exposure.scenario`` with the random streams of ``seed``.

    A pure function of (scenario, seed, horizon, bins): the same arguments give identical
    arrays. ``horizon`` (hours) defaults to the scenario's.
    """
    if not isinstance(seed, np.random.SeedSequence):
        raise TypeError(f"seed must be a numpy.random.SeedSequence, got {type(seed).__name__}")
    return Run(exposure, seed, horizon, bins).execute()
