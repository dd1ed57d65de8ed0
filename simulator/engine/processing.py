"""Compute nodes at their sites: their pools, the sites' outages and failover, their figures.

A compute node is a primary pool and an optional overflow pool (see
:mod:`simulator.engine.compute` for the queues). **Outages** alternate: an exponential gap
(mean 1 / rate) then ``duration`` hours down; an outage outside its phases is drawn and
skipped. Storage replicas already hold copies, so only the compute pools react: each follows
its sites' status (fail over to the next site that is up, pause, resume).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import simpy

from simulator.engine.compute import Pool
from simulator.engine.layout import Layout
from simulator.engine.ledger import Ledger
from simulator.engine.outcome import Tally, frozen
from simulator.engine.streams import Draws, Streams, exponential, service_times, unique_names
from simulator.engine.timeline import Phases
from simulator.engine.timer import Timer
from simulator.model.scenario import ComputeNode as ComputeNodeSpec
from simulator.model.scenario import Outage


class NodeFigures(NamedTuple):
    """The outcome's figures of one compute node (see :class:`~simulator.engine.outcome.Outcome`)."""

    lots_arrived: int
    lots_served: int
    lots_overflowed: int
    mean_wait: float
    mean_sojourn: float
    utilisation: float
    overflow_utilisation: float
    burst_fraction: float
    mean_in_system: float


_INTEGER_FIGURES = ("lots_arrived", "lots_served", "lots_overflowed")


def _ratio(num: float, den: float) -> float:
    return num / den if den else float("nan")


class ComputeNode:
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

    @property
    def origin(self) -> int:
        """Country index of where the node holds its data now: its active site."""
        return self.primary.site_country[self.primary.active]

    def held(self) -> list[tuple[int, float]]:
        """(data class, records) in processing in either pool now."""
        totals = [0.0] * self.primary.n_data
        for pool in self.pools:
            for d, records in enumerate(pool.records):
                totals[d] += records
        return [(d, records) for d, records in enumerate(totals) if records > 0]

    def figures(self, horizon: float) -> NodeFigures:
        pools = self.pools
        served = sum(p.served for p in pools)
        arrived = sum(p.arrived for p in pools)
        overflow = self.overflow
        return NodeFigures(
            lots_arrived=arrived,
            lots_served=served,
            lots_overflowed=self.overflowed,
            mean_wait=_ratio(sum(p.wait_sum for p in pools), served),
            mean_sojourn=_ratio(sum(p.sojourn_sum for p in pools), served),
            utilisation=self.primary.busy_area / (self.primary.servers * horizon),
            overflow_utilisation=(
                overflow.busy_area / (overflow.servers * horizon) if overflow else float("nan")
            ),
            burst_fraction=_ratio(self.overflowed, arrived),
            mean_in_system=sum(p.area for p in pools) / horizon,
        )


class Processing:
    """The compute nodes, and the status of the sites they run at."""

    def __init__(
        self,
        env: simpy.Environment,
        nodes: dict[str, ComputeNodeSpec],
        outages: list[Outage],
        layout: Layout,
        ledger: Ledger,
        streams: Streams,
        phases: Phases,
        spare: list[Timer],
    ) -> None:
        self.env = env
        self.outages = outages
        self.streams = streams
        self.phases = phases
        self.down: Counter[str] = Counter()
        """Outages under way at each site."""
        outage_sites = {outage.site for outage in self.outages}

        def pool(node_id: str, kind: str, sites: list[str], servers: int) -> Pool:
            return Pool(
                env=env,
                ledger=ledger,
                servers=servers,
                sites=list(sites),
                places=[layout.processing_places[(node_id, kind, site)] for site in sites],
                site_country=[layout.site_country[site] for site in sites],
                n_data=len(layout.data),
                lots={} if outage_sites.intersection(sites) else None,
                spare=spare,
            )

        self.nodes: dict[str, ComputeNode] = {}
        for node_id, node in nodes.items():
            primary = pool(node_id, "primary", node.sites, node.servers)
            overflow = None
            if node.overflow is not None:
                servers = node.overflow.servers or node.servers
                overflow = pool(node_id, "overflow", node.overflow.sites, servers)
            service = service_times(
                streams(f"service:{node_id}"), node.service.dist, node.service.mean, node.service.cv
            )
            threshold = node.overflow.when_queue_above if node.overflow else 0
            self.nodes[node_id] = ComputeNode(primary, overflow, threshold, service)

    def start(self) -> None:
        """Start the outages of every entry."""
        names = unique_names([f"outage:{outage.site}" for outage in self.outages])
        for spec, name in zip(self.outages, names, strict=True):
            self.env.process(self._outages(spec, exponential(self.streams(name), 1.0 / spec.rate)))

    def _outages(self, spec: Outage, gaps: Draws):
        """Outages of one site: exponential gaps between the end of one and the start of the next."""
        env = self.env
        while True:
            yield env.timeout(gaps())
            if not self.phases.on(spec.phases):
                continue
            self._site_down(spec.site, +1)
            yield env.timeout(spec.duration)
            self._site_down(spec.site, -1)

    def _site_down(self, site: str, change: int) -> None:
        self.down[site] += change
        t = self.env.now
        for node in self.nodes.values():
            for pool in node.pools:
                if site in pool.sites:
                    pool.site_status(t, self._up)

    def _up(self, site: str) -> bool:
        return self.down[site] <= 0

    def close(self, horizon: float) -> dict[str, object]:
        """Bring the pools' time averages up to the horizon; return the nodes' outcome fields."""
        pools = [pool for node in self.nodes.values() for pool in node.pools]
        for pool in pools:
            pool.close(horizon)
        figures = [node.figures(horizon) for node in self.nodes.values()]
        columns = {
            name: frozen(
                np.array(
                    [getattr(f, name) for f in figures],
                    dtype=np.int64 if name in _INTEGER_FIGURES else np.float64,
                )
            )
            for name in NodeFigures._fields
        }
        return {"compute_nodes": tuple(self.nodes), **columns}

    def tally(self) -> Tally:
        """Served lots are deleted as they leave; the others are in flight."""
        pools = [pool for node in self.nodes.values() for pool in node.pools]
        return Tally(
            lots_deleted=sum(p.served for p in pools),
            records_deleted=sum(p.served_records for p in pools),
            lots_in_flight=sum(p.in_system for p in pools),
            records_in_flight=sum(sum(p.records) for p in pools),
        )
