"""Flows: lots created at their source, in transit, landed at rest or in a compute queue.

**Lots** are created by flows at their source (an ingest node, or a copy read out of a store)
and spend ``transit.duration`` hours at the flow's transit place before they land. At a
storage, backup or telemetry node they are held at every site of the node for the data
class's retention; at a compute node they are processed, then discarded (deleted). A lot in
transit is counted once, where it lands, not at its transit place; its origin is the flow's
source site.

A Poisson flow (thinned by its diurnal profile) draws from the stream ``flow:<name>`` if the
flow is named, else ``flow:<from>-><to>:<data>`` (not its position, so adding a flow does not
shift the others). A batch flow is deterministic: ``lots`` lots at ``every``, ``2 × every``, …
An arrival while the flow, its source or its destination is not running is dropped.

Creating and landing lots are the most frequent events of a run: the per-lot events are
:class:`~simulator.engine.timer.Timer` callbacks, not processes, and Poisson arrivals are a
chain of timers too (:class:`PoissonArrivals`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import simpy
from simpy.events import URGENT

from simulator.engine.holding import Holding
from simulator.engine.layout import Layout
from simulator.engine.ledger import Ledger
from simulator.engine.outcome import Tally, frozen
from simulator.engine.processing import ComputeNode
from simulator.engine.streams import Streams, exponential, uniform, unique_names
from simulator.engine.timeline import Phases
from simulator.engine.timer import Timer
from simulator.model.scenario import Flow


class Route:
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
        "transit_cell",
        "duration",
        "origin",
        "admit",
        "holding",
        "rest_cells",
        "outside_places",
        "moved",
        "created",
        "landed",
        "spare",
    )

    def __init__(
        self,
        env: simpy.Environment,
        ledger: Ledger,
        spare: list[Timer],
        d: int,
        records: int,
        transit_place: int,
        duration: float,
        origin: int,
        destination: ComputeNode | Holding,
    ) -> None:
        self.env = env
        self.ledger = ledger
        self.d = d
        self.records = records
        self.transit_cell = ledger.cell(d, transit_place)
        self.duration = duration
        self.origin = origin
        if isinstance(destination, ComputeNode):
            self.admit = destination.admit
            self.holding = None
            places = []
        else:
            self.admit = None
            self.holding = destination
            places = destination.places
        self.rest_cells = [ledger.cell(d, place) for place in places]
        self.outside_places = [place for place in places if ledger.outside(place)]
        self.moved = [(d, records)]
        """What a lot landing outside transfers: (data class, records)."""
        self.created = 0
        self.landed = 0
        self.spare = spare

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
        # As Storage._hold: enter at every site place, a transfer where the place is outside.
        for cell in self.rest_cells:
            cell.enter(records, t)
        for place in self.outside_places:
            self.ledger.transfer(self.origin, place, self.moved)
        self.spare.append(timer)

    @property
    def in_transit(self) -> int:
        return self.created - self.landed


def batches(env: simpy.Environment, flow: Flow, horizon: float, create: Callable[[], None], phases: Phases):
    """Lots of a batch flow: ``lots`` lots at ``every``, ``2 × every``, … while it runs."""
    every, lots = flow.batch.every, flow.batch.lots
    tick = 1
    while tick * every < horizon:
        yield env.timeout(tick * every - env.now)
        tick += 1
        if phases.flow_running(flow):
            for _ in range(lots):
                create()


class PoissonArrivals:
    """Lots of a Poisson flow (thinned by its diurnal profile), from t=0 to the horizon.

    The most frequent events of a run, so they are not a generator process but a chain of
    :class:`~simulator.engine.timer.Timer` callbacks, each scheduling the next arrival: this
    skips SimPy's process resumption (``Process._resume`` and a generator switch) on every
    arrival. It schedules exactly the events the equivalent process would, in the same order
    and at the same times (its ``Initialize`` event, one timeout per drawn arrival, and its
    end event), so the event order, the event count and every draw are unchanged::

        t = 0.0
        while True:
            t += gaps()
            if t >= horizon:
                return
            yield env.timeout(t - env.now)
            if accept is not None and accept() * peak >= profile[int(t % 24.0)]:
                continue
            if running is None or running():
                create()

    ``running`` is ``None`` when neither the flow nor its ends are limited to some phases.
    """

    __slots__ = ("env", "horizon", "create", "gaps", "accept", "profile", "peak", "running", "t")

    def __init__(
        self,
        env: simpy.Environment,
        flow: Flow,
        generator: np.random.Generator,
        horizon: float,
        create: Callable[[], None],
        running: Callable[[], bool] | None,
    ) -> None:
        profile = flow.diurnal
        self.peak = peak = max(profile) if profile else 1.0
        self.env = env
        self.horizon = horizon
        self.create = create
        self.gaps = exponential(generator, 1.0 / (flow.rate * peak))
        self.accept = uniform(generator) if profile else None
        self.profile = profile
        self.running = running
        self.t = 0.0
        # The process's Initialize event: urgent, at once.
        start = simpy.events.Event(env)
        start._ok = True
        start._value = None
        start.callbacks.append(self._start)
        env.schedule(start, URGENT)

    def _start(self, _event: simpy.events.Event) -> None:
        """The process's start: draw the first arrival."""
        self._next()

    def _next(self) -> None:
        """Draw the next arrival: a timer to it, or the end of the flow past the horizon."""
        t = self.t = self.t + self.gaps()
        env = self.env
        if t >= self.horizon:
            Timer(env, 0.0)  # the process's end event
        else:
            Timer(env, t - env._now, self._arrive)  # env.now, as the process computed it

    def _arrive(self, timer: Timer) -> None:
        """A lot arrives (unless thinned out or gated); then the next one is drawn.

        As :meth:`_next`, but the timer of this arrival is rearmed for the next one.
        """
        accept = self.accept
        if accept is None or accept() * self.peak < self.profile[int(self.t % 24.0)]:
            running = self.running
            if running is None or running():
                self.create()
        t = self.t = self.t + self.gaps()
        env = self.env
        if t >= self.horizon:
            Timer(env, 0.0)  # the process's end event
        else:
            timer.rearm(t - env._now, self._arrive)  # env.now, as the process computed it


class Flows:
    """Every flow of the scenario: its route, and what starts its lots."""

    def __init__(
        self,
        env: simpy.Environment,
        flows: list[Flow],
        layout: Layout,
        ledger: Ledger,
        compute: dict[str, ComputeNode],
        holdings: dict[tuple[int, str], Holding],
        streams: Streams,
        phases: Phases,
        spare: list[Timer],
        horizon: float,
    ) -> None:
        self.env = env
        self.flows = flows
        self.streams = streams
        self.phases = phases
        self.horizon = horizon
        self.routes: list[Route] = []
        for index, flow in enumerate(flows):
            d = layout.data_index[flow.data]
            destination = compute.get(flow.to) or holdings[(d, flow.to)]
            origin = layout.node_country[flow.source]
            transit = layout.transit_places[index]
            self.routes.append(
                Route(env, ledger, spare, d, flow.lot, transit, flow.transit.duration, origin, destination)
            )

    def start(self) -> None:
        """Start the lots of every flow: fixed batches as a process, Poisson arrivals as a timer chain."""
        env, phases = self.env, self.phases
        names = unique_names([_stream_name(flow) for flow in self.flows])
        for flow, route, name in zip(self.flows, self.routes, names, strict=True):
            if flow.batch is not None:
                env.process(batches(env, flow, self.horizon, route.create, phases))
            else:
                running = partial(phases.flow_running, flow) if phases.flow_gated(flow) else None
                PoissonArrivals(env, flow, self.streams(name), self.horizon, route.create, running)

    def figures(self) -> dict[str, object]:
        return {"flow_lots": frozen(np.array([r.created for r in self.routes], dtype=np.int64))}

    def tally(self) -> Tally:
        routes = self.routes
        return Tally(
            lots_created=sum(r.created for r in routes),
            records_created=sum(r.created * r.records for r in routes),
            lots_in_flight=sum(r.in_transit for r in routes),
            records_in_flight=sum(r.in_transit * r.records for r in routes),
        )


def _stream_name(flow: Flow) -> str:
    """Its name if it has one, else its ends and data class: never its position in the file."""
    return f"flow:{flow.name}" if flow.name else f"flow:{flow.source}->{flow.to}:{flow.data}"
