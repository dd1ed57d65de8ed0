"""Data at rest: what one node holds of one data class, with memory-bounded expiry.

A storage, backup or telemetry node keeps each lot for the data class's retention ``R``.
Rather than remembering every lot, expiries are bucketed into cohorts: a ring of
``buckets + 3`` slots, one per tick of width ``R / buckets``. A lot arriving at ``t`` joins
the slot of tick ``round((t + R) / width)``, so its retention is ``R`` within half a tick
(unbiased on average); at each tick the expiry process deletes that slot's lots. Memory is
fixed per (data class, node), whatever the horizon or the number of lots.

The stock held at t=0 is assumed to have stationary ages: its residual lifetimes are spread
evenly over ``(0, R]``, one share per tick 1..buckets. A storage-only scenario whose stock
equals rate × lot × R therefore stays stationary (stock expiry over-estimates residual
lifetimes by half a tick, i.e. by a relative 1 / (2 × buckets)).

All sites of a node (primary and replicas) hold synchronous copies: the lots are counted at
every site place of the node, but as one lot in the conservation counters.
"""

from __future__ import annotations

BUCKETS = 256
"""Expiry cohorts per retention period."""


class Holding:
    """The lots of one data class at rest at one node, bucketed by expiry tick."""

    __slots__ = (
        "data",
        "node",
        "places",
        "retention",
        "width",
        "size",
        "lots",
        "records",
        "total_lots",
        "total_records",
        "tick",
    )

    def __init__(
        self, data: int, node: str, places: list[int], retention: float, buckets: int = BUCKETS
    ) -> None:
        self.data = data
        self.node = node
        self.places = places
        self.retention = retention
        self.width = retention / buckets
        self.size = buckets + 3
        self.lots = [0] * self.size
        self.records = [0] * self.size
        self.total_lots = 0
        self.total_records = 0
        self.tick = 0
        """Last tick whose slot was emptied."""

    def add(self, t: float, lots: int, records: int) -> None:
        """Hold ``lots`` lots (``records`` records) arrived at ``t`` for the full retention."""
        tick = max(self.tick + 1, int((t + self.retention) / self.width + 0.5))
        self._put(tick, lots, records)

    def add_stock(self, records: int, buckets: int = BUCKETS) -> int:
        """Hold the t=0 stock with residual lifetimes spread over the retention; return its lots."""
        lots = 0
        for tick in range(1, buckets + 1):
            share = records * tick // buckets - records * (tick - 1) // buckets
            if share:
                self._put(tick, 1, share)
                lots += 1
        return lots

    def _put(self, tick: int, lots: int, records: int) -> None:
        slot = tick % self.size
        self.lots[slot] += lots
        self.records[slot] += records
        self.total_lots += lots
        self.total_records += records

    def expire(self, tick: int) -> tuple[int, int]:
        """Empty the slot of ``tick``; return the (lots, records) deleted."""
        self.tick = tick
        slot = tick % self.size
        lots, records = self.lots[slot], self.records[slot]
        if lots:
            self.lots[slot] = 0
            self.records[slot] = 0
            self.total_lots -= lots
            self.total_records -= records
        return lots, records

    def clear(self) -> tuple[int, int]:
        """Delete everything held (a purge); return the (lots, records) deleted."""
        lots, records = self.total_lots, self.total_records
        self.lots = [0] * self.size
        self.records = [0] * self.size
        self.total_lots = 0
        self.total_records = 0
        return lots, records
