"""Fold replications of one design in replication order and build its result, one section at a time.

The :class:`Accumulator` keeps what needs per-replication variance (the timeline only as a
sum) and says when a headline metric is precise enough to stop. Each section of
:class:`~simulator.experiment.result.DesignResult` has its own builder, reading the stacked
replication arrays through the design's layout; :func:`design_result` puts them together.
Lists are built in index order (sorted ids), so equal seeds give byte-identical results.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from simulator.experiment.describe import assumptions, design_info, scenario_hash, static_findings
from simulator.experiment.metrics import COMPUTE_FIGURES, HEADLINE_KEYS, HEADLINES, Layout
from simulator.experiment.replication import Design, Replication
from simulator.experiment.result import (
    SCHEMA_VERSION,
    ComputeOperations,
    ConservationCheck,
    DesignResult,
    DisclosureRow,
    ExposureCell,
    FirstExposure,
    Headline,
    Interval,
    Operations,
    Parameters,
    RecordsExposed,
    SupportOperations,
    Timeline,
    TimelineSeries,
    TransferRow,
)
from simulator.experiment.stats import proportion_interval, relative_half_width, t_interval
from simulator.model.catalog import STATES


class Accumulator:
    """Per-replication values of one design, folded in replication order."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self.reps: list[Replication] = []
        self.timeline_sum: np.ndarray | None = None

    def add(self, rep: Replication) -> None:
        if rep.index != len(self.reps):
            raise RuntimeError(f"replication {rep.index} folded out of order (expected {len(self.reps)})")
        self.timeline_sum = (
            rep.timeline.copy() if self.timeline_sum is None else self.timeline_sum + rep.timeline
        )
        # Keep what needs per-replication variance; drop the timeline (only its sum is reported).
        self.reps.append(dataclasses.replace(rep, timeline=np.zeros((0,))))

    @property
    def n(self) -> int:
        return len(self.reps)

    def headline_values(self, key: str) -> np.ndarray:
        column = HEADLINE_KEYS.index(key)
        return np.array([rep.headline[column] for rep in self.reps])

    def converged(self, key: str, target: float) -> bool:
        """Whether the relative half-width of ``key``'s interval is at most ``target``."""
        if self.n < 2:
            return False
        return relative_half_width(t_interval(self.headline_values(key))) <= target

    def stack(self, name: str) -> np.ndarray:
        """One field of every replication, stacked on a new first axis."""
        return np.stack([getattr(rep, name) for rep in self.reps])


def design_result(acc: Accumulator, parameters: Parameters, slug: str) -> DesignResult:
    """Everything a report shows about one design, from its folded replications."""
    scenario = acc.design.scenario
    return DesignResult(
        schema_version=SCHEMA_VERSION,
        scenario=scenario.name,
        slug=slug,
        scenario_hash=scenario_hash(scenario),
        parameters=parameters,
        summary=summary(acc),
        design=design_info(acc.design.exposure),
        exposure=exposure_cells(acc),
        records_exposed=records_exposed(acc),
        first_exposure=first_exposure(acc),
        timeline=timeline(acc),
        transfers=transfers(acc),
        disclosures=disclosures(acc),
        operations=operations(acc),
        static=static_findings(acc.design.exposure),
        assumptions=assumptions(scenario),
    )


def _positive(values: Sequence[float] | np.ndarray) -> Interval:
    """t interval of a quantity that cannot be negative (hours, counts, shares)."""
    return t_interval(values, floor=0.0)


def _conditional(times: np.ndarray) -> Interval | None:
    """Mean over the replications where it happened (finite times), or None."""
    happened = times[np.isfinite(times)]
    return _positive(happened) if happened.size else None


def _cell(layout: Layout, regime: int, state: int, data: int | None = None) -> dict[str, Any]:
    """The ids of a [regime, state(, data)] cell, whether its regime is non-EU, and whether it
    reads the data class only pseudonymised."""
    ids = {"regime": layout.regimes[regime], "non_eu": bool(layout.non_eu[regime]), "state": STATES[state]}
    if data is None:
        return ids
    return {**ids, "data": layout.data[data], "pseudonymised": bool(layout.pseudonymised[regime, data])}


def summary(acc: Accumulator) -> list[Headline]:
    values = acc.stack("headline")  # [rep, headline]
    return [
        Headline(
            key=spec.key,
            label=spec.label,
            unit=spec.unit,
            better=spec.better,  # type: ignore[arg-type]
            value=proportion_interval(column > 0) if spec.proportion else _positive(column),
            values=[float(v) + 0.0 for v in column],
        )
        for spec, column in zip(HEADLINES, values.T, strict=True)
    ]


def exposure_cells(acc: Accumulator) -> list[ExposureCell]:
    layout = acc.design.layout
    cells = acc.stack("record_hours")  # [rep, r, s, d, n]
    return [
        ExposureCell(
            **_cell(layout, r, s, d),
            node=layout.nodes[n],
            record_hours=_positive(cells[:, r, s, d, n]),
        )
        for r, s, d, n in zip(*np.nonzero(cells.any(axis=0)), strict=True)
    ]


def records_exposed(acc: Accumulator) -> list[RecordsExposed]:
    layout = acc.design.layout
    population = acc.stack("population")  # [rep, d]
    capped = np.minimum(acc.stack("inflow"), population[:, None, None, :])  # [rep, r, s, d]
    return [
        RecordsExposed(
            **_cell(layout, r, s, d),
            records=_positive(capped[:, r, s, d]),
            share=_positive(capped[:, r, s, d] / population[:, d]),
        )
        for r, s, d in zip(*np.nonzero(capped.any(axis=0)), strict=True)
    ]


def first_exposure(acc: Accumulator) -> list[FirstExposure]:
    """Every (regime, state, data) that is readable, or was entered: its probability and mean time."""
    layout = acc.design.layout
    first = acc.stack("first")  # [rep, r, s, d]
    happened = np.isfinite(first)
    readable = np.einsum("rdp,sp->rsd", layout.mask.astype(float), layout.state_onehot) > 0
    return [
        FirstExposure(
            **_cell(layout, r, s, d),
            probability=proportion_interval(happened[:, r, s, d]),
            hours=_conditional(first[:, r, s, d]),
        )
        for r, s, d in zip(*np.nonzero(readable | happened.any(axis=0)), strict=True)
    ]


def timeline(acc: Accumulator) -> Timeline:
    layout = acc.design.layout
    mean = acc.timeline_sum / acc.n if acc.timeline_sum is not None else np.zeros((0, 0, 0))
    return Timeline(
        bins=acc.design.bins,
        bin_hours=acc.design.horizon / acc.design.bins,
        series=[
            TimelineSeries(
                **_cell(layout, r, s),
                record_hours=[float(v) + 0.0 for v in mean[r, s]],
            )
            for r, s in zip(*np.nonzero(mean.any(axis=2)), strict=True)
        ],
    )


def transfers(acc: Accumulator) -> list[TransferRow]:
    """One row per (origin country, destination country, importer), with its transfer tool."""
    layout = acc.design.layout
    frame = acc.design.exposure.scenario.frame
    events = acc.stack("transfer_events")  # [rep, origin, row]
    visits = acc.stack("transfer_records")  # [rep, data, origin, row]
    population = acc.stack("population")  # [rep, data]
    distinct = np.minimum(visits, population[:, :, None, None]).sum(axis=1)  # [rep, origin, row]
    rows = []
    for a, k in zip(*np.nonzero((events != 0).any(axis=0) | (visits != 0).any(axis=(0, 1))), strict=True):
        country, importer = layout.transfer_rows[k]
        rows.append(
            TransferRow(
                source=layout.countries[a],
                to=country,
                importer=importer,
                tool=frame.transfer_tool(country, importer),
                outside_eea=frame.is_foreign(country),
                events=_positive(events[:, a, k]),
                records=_positive(distinct[:, a, k]),
                record_visits=_positive(visits[:, :, a, k].sum(axis=1)),
            )
        )
    return rows


def disclosures(acc: Accumulator) -> list[DisclosureRow]:
    non_eu = acc.design.layout.demand_non_eu
    demands = acc.stack("demands")  # [rep, legal demand]
    disclosed = acc.stack("disclosures")
    first = acc.stack("first_disclosure")
    return [
        DisclosureRow(
            index=number,
            regime=demand.regime,
            target=demand.target,
            non_eu=bool(non_eu[number]),
            demands=_positive(demands[:, number]),
            disclosures=_positive(disclosed[:, number]),
            probability=proportion_interval(disclosed[:, number] > 0),
            first_disclosure_hours=_conditional(first[:, number]),
        )
        for number, demand in enumerate(acc.design.scenario.events.legal_demands)
    ]


def operations(acc: Accumulator) -> Operations:
    return Operations(
        compute=compute_operations(acc),
        support=support_operations(acc),
        conservation=conservation_checks(acc.reps),
    )


def compute_operations(acc: Accumulator) -> list[ComputeOperations]:
    """Each compute node's figures; one undefined in a replication is averaged over the others."""
    compute = acc.stack("compute")  # [rep, node, figure]
    return [
        ComputeOperations(
            node=node,
            **{
                figure.name: _figure(compute[:, k, column], figure.required)
                for column, figure in enumerate(COMPUTE_FIGURES)
            },
        )
        for k, node in enumerate(acc.design.layout.compute_nodes)
    ]


def _figure(values: np.ndarray, required: bool) -> Interval | None:
    """Over the replications where it is defined; if none, 0 when required, else None."""
    defined = values[np.isfinite(values)]
    if defined.size:
        return _positive(defined)
    return _positive(np.zeros(values.size)) if required else None


def support_operations(acc: Accumulator) -> list[SupportOperations]:
    places = acc.design.exposure.places
    sites = acc.design.scenario.sites
    support = acc.stack("support")  # [rep, place, (hours, sessions)]
    rows = [
        SupportOperations(
            node=places[p].node,
            desk=places[p].desk,
            site=places[p].site,
            country=sites[places[p].site].country,
            entity=places[p].entity,
            role=places[p].role,
            session_hours=_positive(support[:, k, 0]),
            sessions=_positive(support[:, k, 1]),
        )
        for k, p in enumerate(acc.design.layout.support_places)
    ]
    return sorted(rows, key=lambda item: (item.desk or "", item.node, item.role, item.site, item.entity))


def conservation_checks(reps: Sequence[Replication]) -> list[ConservationCheck]:
    """Each bookkeeping identity: whether it held in every replication, else the first failure."""
    names = sorted({name for rep in reps for name, _, _ in rep.conservation})
    checks = []
    for name in names:
        failures = [
            (rep.index, detail) for rep in reps for n, ok, detail in rep.conservation if n == name and not ok
        ]
        detail = (
            f"holds in all {len(reps)} replications"
            if not failures
            else f"fails in {len(failures)} replications; first: replication {failures[0][0]}: "
            f"{failures[0][1]}"
        )
        checks.append(ConservationCheck(name=name, holds=not failures, detail=detail))
    return checks
