"""The engine's processes: short SimPy generator functions that write to the run's state.

Each is long-lived (one per flow, per (data class, node) holding, per incident entry, per
outage entry, per legal-demand entry, and one for the timeline) and draws its random numbers
in bulk from its own named stream (:mod:`simulator.engine.streams`). A Poisson flow is the
exception in form only: :class:`PoissonArrivals` schedules the very events its process would,
as a chain of timer callbacks, because its arrivals are the most frequent events of a run.
Per-lot events (the end of a transit, the departure from a compute node, the end of a support
session) are plain timeouts with a callback, not processes (the two per-lot ones are a
:class:`~simulator.engine.timer.Timer`, a cheaper form of the same event).

Phase gating keeps common random numbers: a flow, incident or outage that is not running in
the current phase still draws its arrivals and simply drops them, so its stream stays aligned
with the same source in another design or phase.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import simpy
from simpy.events import URGENT

from simulator.engine.holding import Holding
from simulator.engine.streams import exponential, uniform
from simulator.engine.timer import Timer

if TYPE_CHECKING:
    from simulator.engine.run import Run


def start_flow(env: simpy.Environment, run: Run, index: int) -> None:
    """Start the lots of one flow: fixed batches as a process, Poisson arrivals as a timer chain."""
    if run.scenario.flows[index].batch is not None:
        env.process(batches(env, run, index))
    else:
        PoissonArrivals(env, run, index)


def batches(env: simpy.Environment, run: Run, index: int):
    """Lots of a batch flow: ``lots`` lots at ``every``, ``2 × every``, … while it runs."""
    spec = run.scenario.flows[index]
    horizon = run.horizon
    create = run.routes[index].create
    every, lots = spec.batch.every, spec.batch.lots
    tick = 1
    while tick * every < horizon:
        yield env.timeout(tick * every - env.now)
        tick += 1
        if run.flow_running(index):
            for _ in range(lots):
                create()


def poisson_times(gaps: Callable[[], float], horizon: float) -> Iterator[float]:
    """Event times before ``horizon``, from successive gaps (one draw per event, plus the last)."""
    t = gaps()
    while t < horizon:
        yield t
        t += gaps()


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
            if not gated or run.flow_running(index):
                create()

    An arrival while the flow, its source or its destination is not running is dropped.
    """

    __slots__ = (
        "env",
        "run",
        "index",
        "horizon",
        "create",
        "gaps",
        "accept",
        "profile",
        "peak",
        "gated",
        "t",
    )

    def __init__(self, env: simpy.Environment, run: Run, index: int) -> None:
        spec = run.scenario.flows[index]
        generator = run.stream(run.flow_names[index])
        profile = spec.diurnal
        self.peak = peak = max(profile) if profile else 1.0
        self.env = env
        self.run = run
        self.index = index
        self.horizon = run.horizon
        self.create = run.routes[index].create
        self.gaps = exponential(generator, 1.0 / (spec.rate * peak))
        self.accept = uniform(generator) if profile else None
        self.profile = profile
        self.gated = run.flow_gated(index)
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
            if not self.gated or self.run.flow_running(self.index):
                self.create()
        t = self.t = self.t + self.gaps()
        env = self.env
        if t >= self.horizon:
            Timer(env, 0.0)  # the process's end event
        else:
            timer.rearm(t - env._now, self._arrive)  # env.now, as the process computed it


def expiry(env: simpy.Environment, run: Run, holding: Holding):
    """Delete, at each tick, the cohort of lots whose retention ends then."""
    tick = 0
    while True:
        tick += 1
        when = tick * holding.width
        if when >= run.horizon:
            return
        yield env.timeout(when - env.now)
        run.expire(holding, tick)


def incidents(env: simpy.Environment, run: Run, index: int):
    """Poisson incidents, each on one of the entry's nodes chosen uniformly at random.

    The ticket goes to the shift on duty at that UTC hour for ``session`` hours; with the
    escalation probability (its own stream) an escalation session follows when it ends.
    """
    spec = run.scenario.events.incidents[index]
    desk = run.scenario.nodes[spec.support]
    generator = run.stream(f"incident:{index}")
    gaps = exponential(generator, 1.0 / spec.rate)
    picks = uniform(generator)
    escalate = uniform(run.stream(f"escalation:{index}"))
    probability = desk.escalation.probability if desk.escalation else 0.0
    for t in poisson_times(gaps, run.horizon):
        yield env.timeout(t - env.now)
        target = spec.nodes[min(int(picks() * len(spec.nodes)), len(spec.nodes) - 1)]
        escalated = escalate() < probability
        if not (run.on(spec.phases) and run.node_running(target) and run.node_running(spec.support)):
            continue
        shift = desk.shift_at(t % 24.0)
        place = run.support_places[(target, spec.support, f"shift {shift.hours}")]
        follow_up = run.support_places[(target, spec.support, "escalation")] if escalated else None
        run.open_session(place, target, desk.session, follow_up)


def outages(env: simpy.Environment, run: Run, index: int):
    """Outages of one site: exponential gaps between the end of one and the start of the next."""
    spec = run.scenario.events.outages[index]
    gaps = exponential(run.stream(run.outage_names[index]), 1.0 / spec.rate)
    while True:
        yield env.timeout(gaps())
        if not run.on(spec.phases):
            continue
        run.site_down(spec.site, +1)
        yield env.timeout(spec.duration)
        run.site_down(spec.site, -1)


def demands(env: simpy.Environment, run: Run, index: int):
    """Poisson legal demands of one regime on one target entity."""
    gaps = exponential(run.stream(run.demand_names[index]), 1.0 / run.demand_rates[index])
    for t in poisson_times(gaps, run.horizon):
        yield env.timeout(t - env.now)
        run.legal_demand(index)


def timeline(env: simpy.Environment, run: Run):
    """Enter each phase at its start: switch what runs, copy data, schedule purges."""
    for phase in run.scenario.timeline:
        if phase.start >= run.horizon:
            return
        yield env.timeout(phase.start - env.now)
        run.phase = phase.name
        for copy in phase.copy_data:
            run.copy(copy.source, copy.to, copy.data)
        for purge in phase.purge:
            env.process(_purge(env, run, purge.node, purge.after, purge.data))


def _purge(env: simpy.Environment, run: Run, node: str, after: float, data: list[str]):
    if env.now + after < run.horizon:
        yield env.timeout(after)
        run.purge(node, data)
