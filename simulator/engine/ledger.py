"""The ledger: fixed-shape counters that every process writes to, in O(1) per event.

For each (data class, place) it keeps the number of records present ``n`` and the time of
its last change. Each change first adds ``n × (t − last)`` to ``record_hours`` (and to the
timeline bins that the interval spans), then applies the change. Nothing is stored per lot
or per record, so memory depends only on the numbers of data classes, places, countries and
timeline bins — never on the horizon or on the number of records.

Transfers are counted apart (:meth:`Ledger.transfer`): one event each time records land at a
place whose site lies outside the home jurisdiction, from the country where they came from, and
the records of each data class it carries (record-visits: a record read by two sessions counts
twice; the experiment layer bounds the distinct records by the population).

Performance: during the run each (data class, place) is a small :class:`Cell` object of
Python floats that the processes look up once and then write to directly (``cell.enter``,
``cell.leave``), because reading and writing numpy scalars in 2-D arrays cost several times
more on every event. :meth:`Ledger.close` gathers the cells into the numpy arrays the outcome
reports. Each product and each accumulation is the one the numpy version did, in the same
order, so the results are identical to the last bit. A cell also remembers the time bounds of
the timeline bin of its last change (:func:`bin_starts`), so that a change in that same bin,
the usual case, needs no division to find its bin.
"""

from __future__ import annotations

import math

import numpy as np


def bin_starts(width: float, bins: int) -> list[float]:
    """For each bin ``b``, the least time ``t`` with ``min(int(t / width), bins - 1) >= b``.

    So ``starts[b] <= t < starts[b + 1]`` holds exactly when the ledger's own arithmetic puts
    ``t`` in bin ``b`` (the first bin is open below, the last above): a cell can tell whether a
    change stays in the bin of the previous one with two comparisons instead of two divisions,
    with the very same answer, float rounding included (``t / width`` rounds monotonically).
    """
    starts = [-math.inf]
    for b in range(1, bins):
        t = b * width
        while int(t / width) >= b:
            t = math.nextafter(t, -math.inf)
        while int(t / width) < b:
            t = math.nextafter(t, math.inf)
        starts.append(t)
    starts.append(math.inf)
    return starts


class Cell:
    """The records of one data class at one place: count, last change, integrals."""

    __slots__ = (
        "n",
        "last",
        "hours",
        "inflow",
        "first",
        "row",
        "width",
        "last_bin",
        "starts",
        "bin",
        "low",
        "high",
    )

    def __init__(self, width: float, bins: int, starts: list[float] | None = None) -> None:
        self.n = 0.0
        """Records present now."""
        self.last = 0.0
        """Time of the last change of ``n``."""
        self.hours = 0.0
        """Integral of ``n`` over time up to ``last`` (record-hours)."""
        self.inflow = 0.0
        self.first = float("inf")
        """First time records entered (``inf`` if never)."""
        self.row = [0.0] * bins
        """``hours`` split into the timeline bins."""
        self.width = width
        self.last_bin = bins - 1
        self.starts = bin_starts(width, bins) if starts is None else starts
        """See :func:`bin_starts` (shared by the cells of a ledger)."""
        self.bin = 0
        """The timeline bin of ``last``, which lies in ``[low, high)``."""
        self.low = self.high = 0.0
        self._rebin(0.0)

    def _rebin(self, t: float) -> None:
        """Point ``bin``, ``low`` and ``high`` at the bin of ``t``: ``low <= t < high``."""
        b = self.bin = min(int(t / self.width), self.last_bin)
        self.low = self.starts[b]
        self.high = self.starts[b + 1]

    def _spread(self, start: float, t: float, n: float) -> None:
        """Add ``n × (t − start)`` to the bins from ``start`` to ``t`` (any number of them)."""
        width = self.width
        last_bin = self.last_bin
        first = min(int(start / width), last_bin)
        final = min(int(t / width), last_bin)
        row = self.row
        if first == final:
            row[first] += n * (t - start)
            return
        row[first] += n * ((first + 1) * width - start)
        if final > first + 1:
            full = n * width
            for b in range(first + 1, final):
                row[b] += full
        row[final] += n * (t - final * width)

    def _cross(self, t: float, n: float) -> None:
        """Integrate up to ``t`` when it lies outside the bin of the last change, then rebin.

        The arithmetic of the integration before bin tracking, term for term.
        """
        start = self.last
        if n and t > start:
            area = n * (t - start)
            self.hours += area
            width = self.width
            first = int(start / width)
            if first == int(t / width) and first <= self.last_bin:
                self.row[first] += area
            else:
                self._spread(start, t, n)
        self._rebin(t)

    # enter and leave inline the integration up to t in the usual case, where t lies in the
    # bin of the last change (``low <= t < high``): then it costs no call and no division.

    def enter(self, records: float, t: float) -> None:
        """``records`` records arrive at time ``t``."""
        if records <= 0:
            return
        n = self.n
        if self.low <= t < self.high:
            if n:
                start = self.last
                if t > start:
                    area = n * (t - start)
                    self.hours += area
                    self.row[self.bin] += area
        else:
            self._cross(t, n)
        self.last = t
        self.n = n + records
        self.inflow += records
        if t < self.first:
            self.first = t

    def leave(self, records: float, t: float) -> None:
        """``records`` records leave (deleted or moved) at time ``t``."""
        if records <= 0:
            return
        n = self.n
        if self.low <= t < self.high:
            if n:
                start = self.last
                if t > start:
                    area = n * (t - start)
                    self.hours += area
                    self.row[self.bin] += area
        else:
            self._cross(t, n)
        self.last = t
        self.n = n - records

    def close(self, t: float) -> None:
        """Bring the integrals up to ``t``."""
        n = self.n
        if n and t > self.last:
            self.hours += n * (t - self.last)
            self._spread(self.last, t, n)
        self.last = t
        self._rebin(t)


class Ledger:
    """Record counts per (data class, place), their time integrals and transfer counts."""

    def __init__(
        self,
        n_data: int,
        place_country: list[int],
        place_abroad: list[bool],
        n_countries: int,
        horizon: float,
        bins: int,
    ) -> None:
        if horizon <= 0:
            raise ValueError(f"the horizon must be positive, got {horizon!r}")
        if bins < 1:
            raise ValueError(f"bins must be at least 1, got {bins!r}")
        n_places = len(place_country)
        self.shape = (n_data, n_places)
        self.horizon = float(horizon)
        self.bins = int(bins)
        width = self.horizon / self.bins
        self._places = n_places
        starts = bin_starts(width, self.bins)
        self._cells = [Cell(width, self.bins, starts) for _ in range(n_data * n_places)]
        """Row-major over [data, place]."""
        self._n_countries = n_countries
        self._transfer_events = [0] * (n_countries * n_places)
        """Row-major over [origin country, place]."""
        self._transfer_records = [0.0] * (n_data * n_countries * n_places)
        """Row-major over [data, origin country, place]."""
        self._outside = list(place_abroad)

    def cell(self, d: int, p: int) -> Cell:
        """The cell of data class ``d`` at place ``p``; look it up once, then write to it."""
        return self._cells[d * self._places + p]

    def enter(self, d: int, p: int, records: float, t: float) -> None:
        """``records`` of data class ``d`` arrive at place ``p`` at time ``t``."""
        self.cell(d, p).enter(records, t)

    def leave(self, d: int, p: int, records: float, t: float) -> None:
        """``records`` of data class ``d`` leave place ``p`` (deleted or moved) at ``t``."""
        self.cell(d, p).leave(records, t)

    def outside(self, p: int) -> bool:
        """Whether place ``p`` lies outside the EEA (records landing there are a transfer)."""
        return self._outside[p]

    def transfer(self, origin: int, p: int, moved: list[tuple[int, float]]) -> None:
        """Count one transfer of ``moved`` (data class, records) to place ``p``, if it lies
        outside the home jurisdiction and records actually moved."""
        if not self._outside[p]:
            return
        places = self._places
        row = origin * places + p
        total = 0.0
        for d, records in moved:
            if records > 0:
                self._transfer_records[(d * self._n_countries) * places + row] += records
                total += records
        if total > 0:
            self._transfer_events[row] += 1

    def eligible_cells(self, eligible: np.ndarray) -> list[Cell]:
        """The cells marked in the boolean [data, place] array ``eligible``."""
        return [self._cells[k] for k in np.flatnonzero(eligible).tolist()]

    @staticmethod
    def holds_any(cells: list[Cell]) -> bool:
        """Whether any of ``cells`` (see :meth:`eligible_cells`) holds records now."""
        return any(cell.n > 0 for cell in cells)

    @staticmethod
    def hours_until(cells: list[Cell], t: float) -> float:
        """Record-hours of ``cells`` from 0 to ``t`` (not before their last change); reads only."""
        return sum(cell.hours + cell.n * (t - cell.last) for cell in cells)

    def close(self, t: float) -> dict[str, object]:
        """Bring every integral up to ``t`` (the horizon); return the ledger's outcome fields."""
        cells = self._cells
        for cell in cells:
            cell.close(t)
        shape = self.shape
        origins = (self._n_countries, self._places)
        arrays = {
            "record_hours": np.array([c.hours for c in cells], dtype=np.float64).reshape(shape),
            "timeline": np.array([c.row for c in cells], dtype=np.float64).reshape(shape + (self.bins,)),
            "inflow": np.array([c.inflow for c in cells], dtype=np.float64).reshape(shape),
            "first_entry": np.array([c.first for c in cells], dtype=np.float64).reshape(shape),
            "transfers_events": np.array(self._transfer_events, dtype=np.int64).reshape(origins),
            "transfers_records": np.array(self._transfer_records, dtype=np.float64).reshape(
                (shape[0],) + origins
            ),
        }
        for array in arrays.values():
            array.flags.writeable = False  # built here for the outcome alone
        return {"bins": self.bins, **arrays}
