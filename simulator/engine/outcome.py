"""The result of one replication: compact numpy arrays and a few counters, nothing per lot.

Axes: ``data`` (data classes, sorted as in :class:`~simulator.law.readability.ExposureMap`),
``places`` (labels, in ``ExposureMap.places`` order), ``countries`` (sorted ISO codes of the
scenario's sites), ``compute_nodes`` (compute node ids in file order), legal-demand entries in
file order, flows in file order. Exposure per regime is ``record_hours × readable_mask``,
computed by the experiment layer.

Each part of a run reports the figures it owns (see :mod:`simulator.engine.run`):
arrays through :func:`frozen`, lot and record counts as a :class:`Tally` that adds up over
the parts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


def frozen(array: np.ndarray) -> np.ndarray:
    """A read-only copy: the outcome must not change when the run's own arrays do."""
    array = np.array(array)
    array.flags.writeable = False
    return array


@dataclass(frozen=True)
class Tally:
    """Lots and records one part of a run created, deleted, holds and has in flight.

    Counted apart by the parts that move lots (storage, flows, compute pools) and added up at
    the end: the conservation figures of the outcome.
    """

    lots_created: int = 0
    records_created: int = 0
    lots_deleted: int = 0
    records_deleted: int = 0
    lots_held: int = 0
    records_held: int = 0
    lots_in_flight: int = 0
    records_in_flight: float = 0
    """A float: compute pools count their records in floats (integral values)."""

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def figures(self) -> dict[str, int]:
        """The conservation fields of :class:`Outcome`."""
        counts = {f.name: int(getattr(self, f.name)) for f in fields(self)}
        counts["records_in_flight"] = int(round(self.records_in_flight))
        return counts


@dataclass(frozen=True, eq=False)
class Outcome:
    """One replication of one scenario."""

    horizon: float
    bins: int
    data: tuple[str, ...]
    places: tuple[str, ...]
    countries: tuple[str, ...]
    compute_nodes: tuple[str, ...]

    # Exposure ledger, [data, place] unless said otherwise.
    record_hours: np.ndarray
    """Integral over time of the records present (record-hours)."""
    timeline: np.ndarray
    """[data, place, bins]: ``record_hours`` split into equal time bins over the horizon."""
    inflow: np.ndarray
    """Records that ever entered the place (the t=0 stock included)."""
    first_entry: np.ndarray
    """First time records were present there (``inf`` if never)."""

    # Transfers outside the home jurisdiction, to each place.
    transfers_events: np.ndarray
    """[origin country, place]: transfer events (a lot landing, a session opening, a failover)."""
    transfers_records: np.ndarray
    """[data, origin country, place]: record-visits (records counted once per event)."""

    # Legal demands, per entry of scenario.events.legal_demands.
    demands: np.ndarray
    """Demands that arrived."""
    disclosures: np.ndarray
    """Demands that succeeded (the target could hand over readable records at that moment)."""
    first_disclosure: np.ndarray
    """Time of the first successful demand (``inf`` if none); a directive's start, or its lapse
    when nothing readable was there at its start."""
    demand_rates: np.ndarray
    """The replication's rate (per hour): drawn from the evidence, else the fixed value."""
    success_share: np.ndarray
    """Share of arrival times at which a demand would have succeeded (probe grid)."""
    in_force_hours: np.ndarray
    """Hours directives were in force (zero for warrants)."""
    disclosed_record_hours: np.ndarray
    """Record-hours readable by the regime at the target while a directive was in force."""
    disclosed_records: np.ndarray
    """Records handed over: those present at a warrant, or at a directive's start plus those
    entered while it was in force (a later demand may count the same records again)."""

    # Workload, per flow.
    flow_lots: np.ndarray
    """Lots created by each flow (arrivals that ran, after diurnal thinning and phase gating)."""

    # Compute nodes, per entry of ``compute_nodes``.
    lots_arrived: np.ndarray
    lots_served: np.ndarray
    lots_overflowed: np.ndarray
    mean_wait: np.ndarray
    """Hours from arrival to start of service, over served lots (NaN if none)."""
    mean_sojourn: np.ndarray
    """Hours from arrival to departure, over served lots (NaN if none)."""
    utilisation: np.ndarray
    """Primary pool: time-average busy servers ÷ servers."""
    overflow_utilisation: np.ndarray
    """Overflow pool: time-average busy servers ÷ overflow servers (NaN without overflow)."""
    burst_fraction: np.ndarray
    """Overflowed lots ÷ arrived lots (NaN if none arrived)."""
    mean_in_system: np.ndarray
    """Time-average lots in the node (both pools, waiting or in service)."""

    # Support, per place (zero for places that are not support sessions).
    support_hours: np.ndarray
    """Session-hours served at the place (clipped at the horizon)."""
    sessions: np.ndarray

    # Lot conservation: created = held + in flight + deleted.
    lots_created: int
    lots_deleted: int
    lots_held: int
    lots_in_flight: int
    records_created: int
    records_deleted: int
    records_held: int
    records_in_flight: int

    events: int
    """SimPy events scheduled during the run (for throughput measurements)."""

    def arrays(self) -> dict[str, np.ndarray]:
        """Every array field by name."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {name: value for name, value in values.items() if isinstance(value, np.ndarray)}

    def same_as(self, other: Outcome) -> bool:
        """Whether two outcomes are identical, field by field (NaN equal to NaN)."""
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, np.ndarray):
                if mine.shape != theirs.shape:
                    return False
                if not np.array_equal(mine, theirs, equal_nan=mine.dtype.kind == "f"):
                    return False
            elif mine != theirs:
                return False
        return True
