"""Data in use: compute nodes as first-come-first-served multi-server queues.

A compute node has a primary pool (``servers`` servers, running at the first of its sites
that is up: primary, then replica 1, 2, …) and, with ``overflow``, an overflow pool
(``overflow.servers`` servers, default the node's, at the first overflow site that is up).
A lot arriving when more than ``overflow.when_queue_above`` lots wait in the primary pool's
queue goes to the overflow pool (a *burst*).

Every lot in a pool — waiting or being served — counts as records **in processing** at the
pool's active site place: a queued lot has already been loaded into the node's memory. So the
ledger only changes when a lot arrives and when it departs, and the queue discipline itself
needs no event: start and finish times follow the FCFS recursion over a heap of server free
times (the Kiefer–Wolfowitz recursion), and a single timeout per lot marks its departure.

Outages: when the active site goes down, the pool moves to the next site that is up and takes
the records in the pool with it. When no site of the pool is up, the pool is paused: its
clock stops, lots wait (still counted at the last active place) and neither start nor finish
service until a site comes back; the paused time counts as waiting. Each pool therefore runs on
a *virtual clock*: real time minus the time spent paused.

Operational figures: lots arrived and served (departed before the horizon), mean wait (time in
system minus service time) and mean time in system over served lots, utilisation (time-average
busy servers ÷ servers, busy = min(lots in system, servers), zero while paused), burst fraction
(overflowed ÷ arrived) and the time-average number of lots in system (Little's law).
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import simpy

from simulator.engine.ledger import Ledger


@dataclass(eq=False)
class Pool:
    """``servers`` FCFS servers at the first site of ``sites`` that is up."""

    env: simpy.Environment
    ledger: Ledger
    servers: int
    sites: list[str]
    places: list[int]
    site_country: list[int]
    n_data: int
    on_departure: Callable[[int, int], None]
    """Called with (data class, records) when a lot leaves the node."""
    active: int = 0
    paused: bool = False
    epoch: int = 0
    paused_total: float = 0.0
    pause_start: float = 0.0
    free: list[float] = field(default_factory=list)
    starts: deque = field(default_factory=deque)
    lots: dict[int, tuple] = field(default_factory=dict)
    records: list[float] = field(default_factory=list)
    seq: int = 0
    in_system: int = 0
    last: float = 0.0
    area: float = 0.0
    busy_area: float = 0.0
    arrived: int = 0
    served: int = 0
    wait_sum: float = 0.0
    sojourn_sum: float = 0.0

    def __post_init__(self) -> None:
        self.free = [0.0] * self.servers
        self.records = [0.0] * self.n_data

    @property
    def place(self) -> int:
        return self.places[self.active]

    def vnow(self, t: float) -> float:
        """The pool's virtual clock at real time ``t``."""
        return (self.pause_start if self.paused else t) - self.paused_total

    def waiting(self, t: float) -> int:
        """Lots that have not started service yet."""
        v = self.vnow(t)
        starts = self.starts
        while starts and starts[0] <= v:
            starts.popleft()
        return len(starts)

    def _accrue(self, t: float) -> None:
        span = t - self.last
        if span > 0:
            self.area += self.in_system * span
            if not self.paused:
                self.busy_area += min(self.in_system, self.servers) * span
        self.last = t

    def arrive(self, t: float, d: int, records: int, service: float, origin: int) -> None:
        """Admit a lot: it is in processing at the active place until it departs."""
        self._accrue(t)
        v = self.vnow(t)
        start = max(v, heapq.heappop(self.free))
        finish = start + service
        heapq.heappush(self.free, finish)
        if start > v:
            self.starts.append(start)
        self.seq += 1
        self.lots[self.seq] = (finish, d, records, t, service)
        self.in_system += 1
        self.arrived += 1
        self.records[d] += records
        self.ledger.enter(d, self.place, records, t)
        self.ledger.transfer(origin, self.place, records)
        if not self.paused:
            self._schedule(self.seq, finish - v)

    def _schedule(self, seq: int, delay: float) -> None:
        event = self.env.timeout(delay)
        epoch = self.epoch
        event.callbacks.append(lambda _event: self._depart(seq, epoch))

    def _depart(self, seq: int, epoch: int) -> None:
        if epoch != self.epoch:
            return  # scheduled before a pause; rescheduled at the resume
        t = self.env.now
        finish, d, records, arrival, service = self.lots.pop(seq)
        self._accrue(t)
        self.in_system -= 1
        self.served += 1
        sojourn = t - arrival
        self.sojourn_sum += sojourn
        self.wait_sum += max(sojourn - service, 0.0)
        self.records[d] -= records
        self.ledger.leave(d, self.place, records, t)
        self.on_departure(d, records)

    def site_status(self, t: float, up: Callable[[str], bool]) -> None:
        """Follow the sites' status: fail over, pause or resume."""
        first_up = next((index for index, site in enumerate(self.sites) if up(site)), None)
        if first_up is None:
            if not self.paused:
                self._accrue(t)
                self.paused = True
                self.pause_start = t
                self.epoch += 1
            return
        if first_up != self.active:
            self._move(t, first_up)
        if self.paused:
            self._accrue(t)
            self.paused_total += t - self.pause_start
            self.paused = False
            self.epoch += 1
            v = self.vnow(t)
            for seq, lot in sorted(self.lots.items()):
                self._schedule(seq, max(lot[0] - v, 0.0))

    def _move(self, t: float, to: int) -> None:
        old, new = self.places[self.active], self.places[to]
        origin = self.site_country[self.active]
        self.active = to
        moved = 0.0
        for d, records in enumerate(self.records):
            if records > 0:
                self.ledger.leave(d, old, records, t)
                self.ledger.enter(d, new, records, t)
                moved += records
        self.ledger.transfer(origin, new, moved)

    def close(self, t: float) -> None:
        self._accrue(t)
