"""The support desks: incidents open tickets, and tickets open sessions that read the data.

* **Incidents**: each incident of an entry hits one of its ``nodes``, chosen uniformly at
  random; the entry's rate is the total over those nodes (stream ``incident:<index>``, gaps
  and target choice). The ticket goes to the shift on duty at that UTC hour. An escalated
  ticket (probability from the desk, drawn from its own stream ``escalation:<index>``) opens a
  second session at the escalation place when the first-line session ends, for the same
  length, reading a fresh snapshot. An incident outside its phases, or on a node or desk not
  running, opens no ticket (its draws are made all the same).
* **Lockbox**: a desk whose mode is ``lockbox`` asks the controller first; the request is
  approved with the lockbox's probability (stream ``lockbox:<index>``, drawn only for such
  desks) and the session opens ``delay`` hours later, served by the shift on duty then.
* **Sessions** read a snapshot, taken when the session opens, of the records of every data
  class the target node holds (at rest, or in processing in either compute pool), and keep it
  at the support place for the session's length, even across a shift change. A session is a
  transfer of the records it reads in clear (:func:`~simulator.law.custody.session_reads`: its
  access level shows them, its mode reaches them, and its entity or the node's operator can
  decrypt them), from the country where the target holds them now; one that reads no record in
  clear is not a transfer.
"""

from __future__ import annotations

import numpy as np
import simpy

from simulator.engine.layout import Layout
from simulator.engine.ledger import Ledger
from simulator.engine.outcome import frozen
from simulator.engine.processing import ComputeNode
from simulator.engine.storage import Storage
from simulator.engine.streams import Streams, exponential, poisson_times, uniform
from simulator.engine.timeline import Phases
from simulator.law.custody import session_reads
from simulator.model.scenario import Incident, Scenario


class SupportDesks:
    """Incidents, tickets and the sessions they open, with the sessions' figures per place."""

    def __init__(
        self,
        env: simpy.Environment,
        scenario: Scenario,
        layout: Layout,
        ledger: Ledger,
        storage: Storage,
        compute: dict[str, ComputeNode],
        streams: Streams,
        phases: Phases,
        horizon: float,
    ) -> None:
        self.env = env
        self.nodes = scenario.nodes
        self.incidents = scenario.events.incidents
        self.layout = layout
        self.ledger = ledger
        self.storage = storage
        self.compute = compute
        self.streams = streams
        self.phases = phases
        self.horizon = horizon
        # What a session at each place reads in clear, per data class.
        self.shown = [
            [place.desk is not None and session_reads(scenario, place, data_id) for data_id in layout.data]
            for place in layout.places
        ]
        self.support_hours = np.zeros(len(layout.places))
        self.sessions = np.zeros(len(layout.places), dtype=np.int64)

    def start(self) -> None:
        """Start the incidents of every entry."""
        for index, spec in enumerate(self.incidents):
            self.env.process(self._incidents(index, spec))

    def _incidents(self, index: int, spec: Incident):
        """Poisson incidents, each on one of the entry's nodes chosen uniformly at random."""
        env, phases, support_places = self.env, self.phases, self.layout.support_places
        desk = self.nodes[spec.support]
        generator = self.streams(f"incident:{index}")
        gaps = exponential(generator, 1.0 / spec.rate)
        picks = uniform(generator)
        escalate = uniform(self.streams(f"escalation:{index}"))
        probability = desk.escalation.probability if desk.escalation else 0.0
        approve = uniform(self.streams(f"lockbox:{index}")) if desk.lockbox else None
        for t in poisson_times(gaps, self.horizon):
            yield env.timeout(t - env.now)
            target = spec.nodes[min(int(picks() * len(spec.nodes)), len(spec.nodes) - 1)]
            escalated = escalate() < probability
            if approve is not None and approve() >= desk.lockbox.approval:
                continue  # the controller refused the session
            if not (
                phases.on(spec.phases) and phases.node_running(target) and phases.node_running(spec.support)
            ):
                continue
            follow_up = support_places[(target, spec.support, "escalation")] if escalated else None
            self._request(spec.support, target, follow_up)

    def _request(self, desk_id: str, target: str, follow_up: int | None) -> None:
        """Open the session now, or once the lockbox's delay has passed (if before the horizon)."""
        lockbox = self.nodes[desk_id].lockbox
        if lockbox is None:
            self._start_session(desk_id, target, follow_up)
        elif self.env.now + lockbox.delay < self.horizon:
            wait = self.env.timeout(lockbox.delay)
            wait.callbacks.append(lambda _event: self._start_session(desk_id, target, follow_up))

    def _start_session(self, desk_id: str, target: str, follow_up: int | None) -> None:
        """Open a session at the place of the shift on duty now."""
        desk = self.nodes[desk_id]
        shift = desk.shift_at(self.env.now % 24.0)
        place = self.layout.support_places[(target, desk_id, f"shift {shift.hours}")]
        self._open(place, target, desk.session, follow_up)

    def _open(self, place: int, target: str, length: float, follow_up: int | None) -> None:
        t = self.env.now
        node = self.compute.get(target)
        snapshot = node.held() if node is not None else self.storage.held(target)
        shown = self.shown[place]
        ledger = self.ledger
        for d, records in snapshot:
            ledger.enter(d, place, records, t)
        origin = node.origin if node is not None else self.layout.node_country[target]
        ledger.transfer(origin, place, [(d, records) for d, records in snapshot if shown[d]])
        self.sessions[place] += 1
        self.support_hours[place] += min(length, self.horizon - t)
        event = self.env.timeout(length)
        event.callbacks.append(lambda _event: self._close(place, snapshot, target, length, follow_up))

    def _close(self, place: int, snapshot, target: str, length: float, follow_up: int | None) -> None:
        t = self.env.now
        ledger = self.ledger
        for d, records in snapshot:
            ledger.leave(d, place, records, t)
        if follow_up is not None:
            self._open(follow_up, target, length, None)

    def figures(self) -> dict[str, object]:
        return {"support_hours": frozen(self.support_hours), "sessions": frozen(self.sessions)}
