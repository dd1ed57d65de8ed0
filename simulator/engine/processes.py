"""The engine's processes: short SimPy generator functions that write to the run's state.

Each is long-lived (one per flow, per (data class, node) holding, per incident entry, per
outage entry, per legal-demand entry, and one for the timeline) and draws its random numbers
in bulk from its own named stream (:mod:`simulator.engine.streams`). Per-lot events (the end
of a transit, the departure from a compute node, the end of a support session) are plain
timeouts with a callback, not processes (the two per-lot ones are a
:class:`~simulator.engine.timer.Timer`, a cheaper form of the same event).

Phase gating keeps common random numbers: a flow, incident or outage that is not running in
the current phase still draws its arrivals and simply drops them, so its stream stays aligned
with the same source in another design or phase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import simpy

from simulator.engine.holding import Holding
from simulator.engine.streams import exponential, uniform
from simulator.engine.timer import Timer

if TYPE_CHECKING:
    from simulator.engine.run import Run


def flow(env: simpy.Environment, run: Run, index: int):
    """Lots of one flow: Poisson arrivals (thinned by the diurnal profile) or fixed batches.

    Poisson arrivals start at t=0; batches arrive at ``every``, ``2 × every``, … An arrival
    while the flow, its source or its destination is not running is dropped.
    """
    spec = run.scenario.flows[index]
    horizon = run.horizon
    create = run.routes[index].create
    if spec.batch is not None:
        every, lots = spec.batch.every, spec.batch.lots
        tick = 1
        while tick * every < horizon:
            yield env.timeout(tick * every - env.now)
            tick += 1
            if run.flow_running(index):
                for _ in range(lots):
                    create()
        return
    generator = run.stream(run.flow_names[index])
    profile = spec.diurnal
    peak = max(profile) if profile else 1.0
    gaps = exponential(generator, 1.0 / (spec.rate * peak))
    accept = uniform(generator) if profile else None
    gated = run.flow_gated(index)
    t = 0.0
    while True:
        t += gaps()
        if t >= horizon:
            return
        yield Timer(env, t - env.now)  # env.timeout(t - env.now), cheaper
        if accept is not None and accept() * peak >= profile[int(t % 24.0)]:
            continue
        if not gated or run.flow_running(index):
            create()


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
    t = 0.0
    while True:
        t += gaps()
        if t >= run.horizon:
            return
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
    t = 0.0
    while True:
        t += gaps()
        if t >= run.horizon:
            return
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
