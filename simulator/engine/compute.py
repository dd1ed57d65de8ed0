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

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from heapq import heapreplace

import simpy

from simulator.engine.ledger import Cell, Ledger
from simulator.engine.timer import Timer


@dataclass(eq=False, slots=True)
class Pool:
    """``servers`` FCFS servers at the first site of ``sites`` that is up."""

    env: simpy.Environment
    ledger: Ledger
    servers: int
    sites: list[str]
    places: list[int]
    site_country: list[int]
    n_data: int
    active: int = 0
    paused: bool = False
    epoch: int = 0
    paused_total: float = 0.0
    pause_start: float = 0.0
    free: list[float] = field(default_factory=list)
    track_waiting: bool = False
    """Keep ``starts`` for :meth:`waiting` (only a primary pool with overflow asks)."""
    starts: deque = field(default_factory=deque)
    lots: dict[int, tuple] | None = field(default_factory=dict)
    """The lots in the pool by id: the ``args`` of their departure timers (see :meth:`arrive`),
    to reschedule them when the pool resumes after a pause. ``None`` when none of its sites
    can go down (no outage entry): then the pool never pauses, and it saves a dictionary
    write and delete per lot."""
    records: list[float] = field(default_factory=list)
    seq: int = 0
    """Lots arrived so far (also their ids)."""
    in_system: int = 0
    last: float = 0.0
    area: float = 0.0
    busy_area: float = 0.0
    served: int = 0
    served_records: int = 0
    """Records of the served lots (deleted when they leave the node)."""
    wait_sum: float = 0.0
    sojourn_sum: float = 0.0
    cells: list[Cell] = field(default_factory=list)
    """Ledger cell of each data class at the active place (kept in step by :meth:`_move`)."""
    outside: bool = False
    """Whether the active place lies outside the EEA (arrivals there are transfers)."""
    service: Callable[[], float] | None = None
    """Service times of the node (set by the node; shared with its other pool)."""
    spare: list[Timer] = field(default_factory=list)
    """Where departed lots leave their timers for new lots to rearm (the run's, shared with
    its flows: see :class:`~simulator.engine.flows.Route`)."""

    def __post_init__(self) -> None:
        self.free = [0.0] * self.servers
        self.records = [0.0] * self.n_data
        self._locate()

    def _locate(self) -> None:
        """Cache the active place's ledger cells and EEA status, read on every arrival."""
        place = self.places[self.active]
        self.cells = [self.ledger.cell(d, place) for d in range(self.n_data)]
        self.outside = self.ledger.outside(place)

    @property
    def arrived(self) -> int:
        return self.seq

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
        """Add the lots in the pool since the last change, up to ``t``, to the time averages.

        :meth:`arrive` and :meth:`_depart` repeat these lines inline: they run for every lot.
        """
        span = t - self.last
        if span > 0:
            in_system = self.in_system
            self.area += in_system * span
            if not self.paused:
                self.busy_area += (in_system if in_system < self.servers else self.servers) * span
        self.last = t

    def arrive(self, landing: Timer, d: int, records: int, origin: int) -> None:
        """Admit a lot now: it is in processing at the active place until it departs.

        ``landing`` is the lot's timer that has just fired (``landing.at`` is now); it is
        rearmed as the lot's departure.
        """
        t = landing.at
        service = self.service()
        paused = self.paused
        in_system = self.in_system
        span = t - self.last  # self._accrue(t), inlined
        if span > 0:
            self.area += in_system * span
            if not paused:
                self.busy_area += (in_system if in_system < self.servers else self.servers) * span
        self.last = t
        v = (self.pause_start if paused else t) - self.paused_total  # self.vnow(t)
        free = self.free
        start = free[0]  # the earliest free server
        if not start > v:
            start = v  # max(v, start), equal values included
        elif self.track_waiting:
            self.starts.append(start)  # it waits
        finish = start + service
        heapreplace(free, finish)
        seq = self.seq = self.seq + 1
        lot = (finish, d, records, t, service, seq, self.epoch)
        if self.lots is not None:
            self.lots[seq] = lot
        self.in_system = in_system + 1
        self.records[d] += records
        self.cells[d].enter(records, t)
        if self.outside:
            self.ledger.transfer(origin, self.places[self.active], [(d, records)])
        if not paused:
            landing.rearm(finish - v, self._depart, lot)

    def _depart(self, timer: Timer) -> None:
        finish, d, records, arrival, service, seq, epoch = timer.args
        if epoch != self.epoch:
            return  # scheduled before a pause; rescheduled at the resume
        t = timer.at
        if self.lots is not None:
            del self.lots[seq]
        in_system = self.in_system
        span = t - self.last  # self._accrue(t), inlined; never paused here (epoch)
        if span > 0:
            self.area += in_system * span
            self.busy_area += (in_system if in_system < self.servers else self.servers) * span
        self.last = t
        self.in_system = in_system - 1
        self.served += 1
        self.served_records += records
        sojourn = t - arrival
        self.sojourn_sum += sojourn
        wait = sojourn - service
        self.wait_sum += wait if wait > 0.0 else 0.0
        self.records[d] -= records
        self.cells[d].leave(records, t)
        self.spare.append(timer)

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
                lot = self.lots[seq] = lot[:-1] + (self.epoch,)
                Timer(self.env, max(lot[0] - v, 0.0), self._depart, lot)

    def _move(self, t: float, to: int) -> None:
        old, new = self.places[self.active], self.places[to]
        origin = self.site_country[self.active]
        self.active = to
        self._locate()
        ledger = self.ledger
        moved = [(d, records) for d, records in enumerate(self.records) if records > 0]
        for d, records in moved:
            ledger.leave(d, old, records, t)
            ledger.enter(d, new, records, t)
        ledger.transfer(origin, new, moved)

    def close(self, t: float) -> None:
        self._accrue(t)
