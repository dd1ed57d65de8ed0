"""The timeline: which phase the run is in, what runs in it, and the copies and purges it makes.

**Nodes, flows, incidents and outages with phases** run only in those phases (an empty list
means always): flows from or to a node that is not running drop their arrivals and incidents
on it open no ticket; what a node already holds stays until its retention ends or a purge
deletes it. At each phase start the timeline copies what a node holds of a data class to
another node, and schedules the phase's purges ``after`` hours later.

Phase gating keeps common random numbers: a flow, incident or outage that is not running in
the current phase still draws its arrivals and simply drops them, so its stream stays aligned
with the same source in another design or phase. The processes therefore only read
:class:`Phases`; the :class:`Timeline` alone changes it.
"""

from __future__ import annotations

import simpy

from simulator.engine.storage import Storage
from simulator.model.scenario import Flow, Scenario


class Phases:
    """The current phase, and whether something limited to some phases runs in it."""

    def __init__(self, scenario: Scenario) -> None:
        self.nodes = scenario.nodes
        self.current = scenario.phase_at(0.0)

    def on(self, phases: list[str]) -> bool:
        """Whether something limited to ``phases`` runs now (an empty list means always)."""
        return not phases or self.current in phases

    def node_running(self, node_id: str) -> bool:
        return self.on(self.nodes[node_id].phases)

    def flow_running(self, flow: Flow) -> bool:
        return self.on(flow.phases) and self.node_running(flow.source) and self.node_running(flow.to)

    def flow_gated(self, flow: Flow) -> bool:
        """Whether the flow, its source or its destination is limited to some phases."""
        nodes = self.nodes
        return bool(flow.phases or nodes[flow.source].phases or nodes[flow.to].phases)


class Timeline:
    """Enters each phase at its start: switches what runs, copies data, schedules purges."""

    def __init__(
        self, env: simpy.Environment, scenario: Scenario, phases: Phases, storage: Storage, horizon: float
    ) -> None:
        self.env = env
        self.timeline = scenario.timeline
        self.phases = phases
        self.storage = storage
        self.horizon = horizon

    def start(self) -> None:
        self.env.process(self._run())

    def _run(self):
        env = self.env
        for phase in self.timeline:
            if phase.start >= self.horizon:
                return
            yield env.timeout(phase.start - env.now)
            self.phases.current = phase.name
            for copy in phase.copy_data:
                self.storage.copy(copy.source, copy.to, copy.data)
            for purge in phase.purge:
                env.process(self._purge(purge.node, purge.after, purge.data))

    def _purge(self, node: str, after: float, data: list[str]):
        env = self.env
        if env.now + after < self.horizon:
            yield env.timeout(after)
            self.storage.purge(node, data)
