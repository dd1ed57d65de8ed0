"""One replication: run the engine on a prepared design and reduce its outcome to small arrays.

A :class:`Design` is prepared once (static analysis and layout) and shared by all its
replications and by their aggregation; it is picklable, and small enough to travel with
every task to a worker process or a Dask cluster. :func:`run_replication` is a pure function
of (design, replication index, seed): the index and the seed's ``SeedSequence`` child travel
as explicit arguments, so that Dask's pure task keys never merge two replications.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.random import SeedSequence

from simulator.engine import Outcome, simulate
from simulator.experiment.metrics import COMPUTE_FIGURES, HEADLINE_KEYS, HEADLINE_METRIC, Layout, layout
from simulator.law.rates import HOURS_PER_YEAR, RISK_YEARS, disclosure_probability
from simulator.law.readability import ExposureMap, analyse
from simulator.model.catalog import STATES
from simulator.model.scenario import Scenario


@dataclass(frozen=True)
class Design:
    """A scenario prepared for replications: its exposure map, layout, horizon and bins."""

    exposure: ExposureMap
    layout: Layout
    horizon: float
    bins: int

    @property
    def scenario(self) -> Scenario:
        return self.exposure.scenario


def prepare(scenario: Scenario, horizon: float, bins: int) -> Design:
    """Analyse ``scenario`` and lay out its arrays, once for all its replications."""
    exposure = analyse(scenario)
    return Design(exposure, layout(exposure), horizon, bins)


@dataclass(frozen=True)
class Replication:
    """One replication reduced to small arrays (what travels back from a worker)."""

    index: int
    record_hours: np.ndarray  # [regime, state, data, node]
    inflow: np.ndarray  # [regime, state, data] records entering readable places (uncapped)
    population: np.ndarray  # [data] stock plus records created
    first: np.ndarray  # [regime, state, data] hours, inf if never
    timeline: np.ndarray  # [regime, state, bin]
    transfer_events: np.ndarray  # [origin country, transfer row] (rows: destination country, importer)
    transfer_records: np.ndarray  # [data, origin country, transfer row] record-visits
    demands: np.ndarray  # [legal demand]
    disclosures: np.ndarray  # [legal demand]
    first_disclosure: np.ndarray  # [legal demand] hours, inf if none
    demand_rates: np.ndarray  # [legal demand] per hour, as drawn
    success_share: np.ndarray  # [legal demand]
    in_force_hours: np.ndarray  # [legal demand]
    disclosed_record_hours: np.ndarray  # [legal demand]
    disclosed_records: np.ndarray  # [legal demand]
    compute: np.ndarray  # [compute node, COMPUTE_FIGURES] (NaN where undefined)
    support: np.ndarray  # [support place, (session-hours, sessions)]
    conservation: tuple[tuple[str, bool, str], ...]
    headline: np.ndarray  # [HEADLINE_KEYS]


def run_replication(design: Design, index: int, seed: SeedSequence) -> Replication:
    """Replication ``index`` of a prepared design with its own seed: a pure function of its arguments."""
    outcome = simulate(design.exposure, seed, horizon=design.horizon, bins=design.bins)
    return summarise(design, outcome, index)


def replicate(scenario: Scenario, index: int, seed: SeedSequence, horizon: float, bins: int) -> Replication:
    """Run replication ``index`` of ``scenario`` with its own seed: a pure function of its arguments."""
    return run_replication(prepare(scenario, horizon, bins), index, seed)


def summarise(design: Design, outcome: Outcome, index: int) -> Replication:
    """Reduce one engine outcome to the arrays the experiment aggregates."""
    layout = design.layout
    _check_axes(design, outcome)
    population = layout.stock + np.asarray(outcome.flow_lots, dtype=float) @ layout.created_by_flow
    record_hours, inflow, first, timeline = _exposure(layout, outcome)
    rows = np.eye(len(layout.transfer_rows))[layout.place_row]  # [place, transfer row]
    return Replication(
        index=index,
        record_hours=record_hours,
        inflow=inflow,
        population=population,
        first=first,
        timeline=timeline,
        transfer_events=np.asarray(outcome.transfers_events, dtype=float) @ rows,
        transfer_records=np.asarray(outcome.transfers_records, dtype=float) @ rows,
        demands=np.asarray(outcome.demands, dtype=float),
        disclosures=np.asarray(outcome.disclosures, dtype=float),
        first_disclosure=np.asarray(outcome.first_disclosure, dtype=float),
        **{name: np.asarray(getattr(outcome, name), dtype=float) for name in DEMAND_FIGURES},
        compute=_compute(layout, outcome),
        support=_support(layout, outcome),
        conservation=_conservation(outcome),
        headline=_headline(layout, outcome, population),
    )


DEMAND_FIGURES = (
    "demand_rates",
    "success_share",
    "in_force_hours",
    "disclosed_record_hours",
    "disclosed_records",
)
"""Per legal-demand figures of the outcome that travel back as they are."""


def foreign_hazard(layout: Layout, rates: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Successful demands of foreign regimes per hour: rate × readable share, summed (last axis)."""
    product = np.asarray(rates, dtype=float) * np.asarray(shares, dtype=float)
    return product[..., layout.demand_foreign].sum(axis=-1)


def _check_axes(design: Design, outcome: Outcome) -> None:
    layout = design.layout
    if list(outcome.data) != layout.data or len(outcome.places) != len(design.exposure.places):
        raise ValueError("the outcome's data classes or places do not match the exposure map")
    if list(outcome.countries) != layout.countries:
        raise ValueError(f"the outcome's countries {list(outcome.countries)} are not {layout.countries}")


def _exposure(layout: Layout, outcome: Outcome) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Record-hours [r, s, d, n], records entered [r, s, d], first entry [r, s, d], timeline [r, s, bin]."""
    mask = layout.mask.astype(float)
    readable_hours = mask * np.asarray(outcome.record_hours, dtype=float)[None]  # [r, d, p]
    cells = np.einsum("rdp,sp,np->rsdn", readable_hours, layout.state_onehot, layout.node_onehot)
    inflow = np.asarray(outcome.inflow, dtype=float)
    entered = np.einsum("rdp,sp->rsd", mask * inflow[None], layout.state_onehot)
    timed = np.where(layout.mask, np.asarray(outcome.first_entry, dtype=float)[None], np.inf)  # [r, d, p]
    first = np.full((len(layout.regimes), len(STATES), len(layout.data)), np.inf)
    for state in range(len(STATES)):
        in_state = layout.place_state == state
        if in_state.any():
            first[:, state, :] = timed[:, :, in_state].min(axis=2)
    timeline = np.asarray(outcome.timeline, dtype=float)
    series = np.einsum("rdp,dpb,sp->rsb", mask, timeline, layout.state_onehot)
    return cells, entered, first, series


def _compute(layout: Layout, outcome: Outcome) -> np.ndarray:
    figures = np.full((len(layout.compute_nodes), len(COMPUTE_FIGURES)), np.nan)
    for position, node in enumerate(outcome.compute_nodes):
        if node in layout.compute_nodes:
            row = layout.compute_nodes.index(node)
            for column, figure in enumerate(COMPUTE_FIGURES):
                figures[row, column] = float(np.asarray(getattr(outcome, figure.source))[position])
    return figures


def _support(layout: Layout, outcome: Outcome) -> np.ndarray:
    hours = np.asarray(outcome.support_hours, dtype=float)[layout.support_places]
    sessions = np.asarray(outcome.sessions, dtype=float)[layout.support_places]
    return np.stack([hours, sessions], axis=1)


def _conservation(outcome: Outcome) -> tuple[tuple[str, bool, str], ...]:
    checks = []
    for unit in ("lots", "records"):
        created = getattr(outcome, f"{unit}_created")
        held = getattr(outcome, f"{unit}_held")
        flying = getattr(outcome, f"{unit}_in_flight")
        deleted = getattr(outcome, f"{unit}_deleted")
        holds = bool(np.isclose(created, held + flying + deleted, rtol=1e-9, atol=1e-6))
        detail = f"created {created} = held {held} + in flight {flying} + deleted {deleted}"
        checks.append((f"{unit} conserved", holds, detail))
    return tuple(checks)


def _headline(layout: Layout, outcome: Outcome, population: np.ndarray) -> np.ndarray:
    """The headline metrics of one replication, in the order of ``HEADLINE_KEYS``."""
    union = layout.union.astype(float)
    record_hours = np.asarray(outcome.record_hours, dtype=float)
    foreign_hours = (union * record_hours) @ layout.state_onehot.T  # [d, s]
    pseudonymised_only = layout.union & ~layout.union_identified
    foreign_entered = (union * np.asarray(outcome.inflow, dtype=float)) @ layout.state_onehot.T  # [d, s]
    capped = np.minimum(foreign_entered, population[:, None]).sum(axis=0)
    total_population = float(population.sum())
    disclosed = np.asarray(outcome.disclosures, dtype=float)[layout.demand_foreign].sum()
    hazard = foreign_hazard(layout, outcome.demand_rates, outcome.success_share)
    outside = layout.foreign_country[layout.place_country]  # [place]
    visits = np.asarray(outcome.transfers_records, dtype=float)[:, :, outside].sum(axis=(1, 2))  # [d]
    values = {
        HEADLINE_METRIC: float(foreign_hours.sum()),
        **{f"{HEADLINE_METRIC}.{s}": float(foreign_hours[:, k].sum()) for k, s in enumerate(STATES)},
        **{
            f"foreign_records_share.{s}": float(capped[k] / total_population) if total_population else 0.0
            for k, s in enumerate(STATES)
        },
        "p_disclosure": float(disclosed > 0),
        "p_disclosure_5y": float(disclosure_probability(hazard, RISK_YEARS * HOURS_PER_YEAR)),
        "foreign_disclosures": float(disclosed),
        "transfer_events_abroad": float(np.asarray(outcome.transfers_events, dtype=float)[:, outside].sum()),
        "records_transferred_abroad": float(np.minimum(visits, population).sum()),
        "record_visits_abroad": float(visits.sum()),
        f"{HEADLINE_METRIC}.pseudonymised": float((record_hours * pseudonymised_only).sum()),
    }
    return np.array([values[key] for key in HEADLINE_KEYS])
