"""The ledger: fixed-shape numpy arrays that every process writes to, in O(1) per event.

For each (data class, place) it keeps the number of records present ``n`` and the time of
its last change. Each change first adds ``n × (t − last)`` to ``record_hours`` (and to the
timeline bins that the interval spans), then applies the change. Nothing is stored per lot
or per record, so memory depends only on the numbers of data classes, places, countries and
timeline bins — never on the horizon or on the number of records.

Transfers are counted apart (:meth:`Ledger.transfer`): one event, and its records, each time
records land at a place whose site lies outside the EEA, from the country where they came
from to the country of that site.
"""

from __future__ import annotations

import numpy as np


class Ledger:
    """Record counts per (data class, place), their time integrals and transfer counts."""

    def __init__(
        self,
        n_data: int,
        place_country: list[int],
        place_outside_eea: list[bool],
        n_countries: int,
        horizon: float,
        bins: int,
    ) -> None:
        if horizon <= 0:
            raise ValueError(f"the horizon must be positive, got {horizon!r}")
        if bins < 1:
            raise ValueError(f"bins must be at least 1, got {bins!r}")
        n_places = len(place_country)
        shape = (n_data, n_places)
        self.horizon = float(horizon)
        self.bins = int(bins)
        self._width = self.horizon / self.bins
        self.n = np.zeros(shape)
        self.last = np.zeros(shape)
        self.record_hours = np.zeros(shape)
        self.timeline = np.zeros((n_data, n_places, self.bins))
        self.inflow = np.zeros(shape)
        self.first_entry = np.full(shape, np.inf)
        self.transfers_events = np.zeros((n_countries, n_countries), dtype=np.int64)
        self.transfers_records = np.zeros((n_countries, n_countries))
        self._country = list(place_country)
        self._outside = list(place_outside_eea)

    def _accrue(self, d: int, p: int, t: float) -> None:
        """Add the records present at (d, p) since its last change, up to ``t``."""
        n = self.n[d, p]
        if n:
            start = self.last[d, p]
            if t > start:
                self.record_hours[d, p] += n * (t - start)
                self._spread(d, p, float(start), t, float(n))
        self.last[d, p] = t

    def _spread(self, d: int, p: int, start: float, end: float, n: float) -> None:
        width = self._width
        last_bin = self.bins - 1
        first = min(int(start / width), last_bin)
        final = min(int(end / width), last_bin)
        row = self.timeline[d, p]
        if first == final:
            row[first] += n * (end - start)
            return
        row[first] += n * ((first + 1) * width - start)
        if final > first + 1:
            row[first + 1 : final] += n * width
        row[final] += n * (end - final * width)

    def enter(self, d: int, p: int, records: float, t: float) -> None:
        """``records`` of data class ``d`` arrive at place ``p`` at time ``t``."""
        if records <= 0:
            return
        self._accrue(d, p, t)
        self.n[d, p] += records
        self.inflow[d, p] += records
        if t < self.first_entry[d, p]:
            self.first_entry[d, p] = t

    def leave(self, d: int, p: int, records: float, t: float) -> None:
        """``records`` of data class ``d`` leave place ``p`` (deleted or moved) at ``t``."""
        if records <= 0:
            return
        self._accrue(d, p, t)
        self.n[d, p] -= records

    def transfer(self, origin: int, p: int, records: float) -> None:
        """Count a transfer if place ``p`` lies outside the EEA and records actually moved."""
        if records > 0 and self._outside[p]:
            self.transfers_events[origin, self._country[p]] += 1
            self.transfers_records[origin, self._country[p]] += records

    def holds_any(self, eligible: np.ndarray) -> bool:
        """Whether any (data class, place) marked in the boolean ``eligible`` holds records now."""
        return bool(np.any(self.n[eligible] > 0))

    def close(self, t: float) -> None:
        """Bring every integral up to ``t`` (the horizon) before reading the results."""
        for d, p in zip(*np.nonzero(self.n)):
            self._accrue(int(d), int(p), t)
