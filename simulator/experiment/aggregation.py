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
from simulator.experiment.replication import DEMAND_FIGURES, Design, Replication, foreign_hazard
from simulator.experiment.result import (
    SCHEMA_VERSION,
    ComputeOperations,
    ConservationCheck,
    DesignResult,
    DisclosureRisk,
    DisclosureRow,
    EvidenceInfo,
    ExposureCell,
    FirstExposure,
    Headline,
    Interval,
    Operations,
    Parameters,
    RateSource,
    RecordsExposed,
    Spread,
    SupportOperations,
    Timeline,
    TimelineSeries,
    TransferRow,
)
from simulator.experiment.stats import proportion_interval, relative_half_width, t_interval
from simulator.law.rates import HOURS_PER_YEAR, RISK_YEARS, DemandRate, demand_rate, disclosure_probability
from simulator.model.catalog import STATES
from simulator.model.evidence import Evidence

SPREAD_LEVELS = (0.05, 0.5, 0.95)
"""Quantiles of the evidence spread: a 90 % band and its median."""


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
        """Whether ``key`` is precise enough: its interval's relative half-width is at most ``target``.

        A probability (``p_disclosure``, a proportion) is judged on its Wilson interval's
        absolute half-width instead, in probability points: relative to an estimate of 0 it
        would never close.
        """
        if self.n < 2:
            return False
        values = self.headline_values(key)
        if HEADLINES[HEADLINE_KEYS.index(key)].proportion:
            half = proportion_interval(values > 0).half_width
            return half is not None and half <= target
        return relative_half_width(t_interval(values)) <= target

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
        disclosure_risk=disclosure_risk(acc),
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
    """The ids of a [regime, state(, data)] cell, whether its regime is foreign, and whether it
    reads the data class only pseudonymised."""
    ids = {"regime": layout.regimes[regime], "foreign": bool(layout.foreign[regime]), "state": STATES[state]}
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
                abroad=frame.is_foreign(country),
                events=_positive(events[:, a, k]),
                records=_positive(distinct[:, a, k]),
                record_visits=_positive(visits[:, :, a, k].sum(axis=1)),
            )
        )
    return rows


def disclosures(acc: Accumulator) -> list[DisclosureRow]:
    scenario = acc.design.scenario
    foreign = acc.design.layout.demand_foreign
    demands = acc.stack("demands")  # [rep, legal demand]
    disclosed = acc.stack("disclosures")
    first = acc.stack("first_disclosure")
    figures = {name: acc.stack(name) for name in DEMAND_FIGURES}
    return [
        DisclosureRow(
            index=number,
            regime=demand.regime,
            target=demand.target,
            foreign=bool(foreign[number]),
            instrument=demand.instrument,
            lasts_hours=demand.in_force_hours(scenario.regimes[demand.regime]),
            rate=_rate_source(demand_rate(demand, scenario), scenario.evidence),
            rate_drawn_per_year=_positive(figures["demand_rates"][:, number] * HOURS_PER_YEAR),
            demands=_positive(demands[:, number]),
            disclosures=_positive(disclosed[:, number]),
            probability=proportion_interval(disclosed[:, number] > 0),
            first_disclosure_hours=_conditional(first[:, number]),
            success_share=_positive(figures["success_share"][:, number]),
            in_force_hours=_positive(figures["in_force_hours"][:, number]),
            disclosed_record_hours=_positive(figures["disclosed_record_hours"][:, number]),
            disclosed_records=_positive(figures["disclosed_records"][:, number]),
        )
        for number, demand in enumerate(scenario.events.legal_demands)
    ]


def _rate_source(rate: DemandRate, evidence: dict[str, Evidence]) -> RateSource:
    per_year = [value * HOURS_PER_YEAR for value in rate.quantiles(SPREAD_LEVELS)]
    return RateSource(
        kind=rate.kind,
        basis=rate.basis,
        evidence=[_evidence_info(evidence[evidence_id]) for evidence_id in rate.evidence],
        sources=list(rate.sources),
        per_year=_spread(per_year),
    )


def _evidence_info(item: Evidence) -> EvidenceInfo:
    end = item.period.end or item.assumed_end
    assert end is not None and isinstance(item.count, int)  # checked on load
    return EvidenceInfo(
        id=item.id,
        publisher=item.publisher,
        report=item.report,
        start=item.period.start.isoformat(),
        end=end.isoformat(),
        assumed_end=item.period.end is None,
        count=item.count,
        counted=item.counted,
        url=item.url,
        read_in=item.read_in,
        unconfirmed=list(item.unconfirmed),
    )


def disclosure_risk(acc: Accumulator) -> DisclosureRisk:
    """The horizon's and 5 years' probability, Monte Carlo error and evidence spread kept apart."""
    design = acc.design
    layout = design.layout
    hazard = foreign_hazard(layout, acc.stack("demand_rates"), acc.stack("success_share"))  # [rep]
    observed = (acc.stack("disclosures")[:, layout.demand_foreign] > 0).any(axis=1)
    horizon = disclosure_probability(hazard, design.horizon)
    five_years = disclosure_probability(hazard, RISK_YEARS * HOURS_PER_YEAR)
    threshold = design.scenario.disclosure_threshold
    mean = _positive(five_years)
    return DisclosureRisk(
        horizon_years=design.horizon / HOURS_PER_YEAR,
        observed=proportion_interval(observed),
        horizon=_positive(horizon),
        horizon_evidence=_spread(np.quantile(horizon, SPREAD_LEVELS)),
        five_years=mean,
        five_years_evidence=_spread(np.quantile(five_years, SPREAD_LEVELS)),
        threshold=threshold.probability if threshold else None,
        threshold_basis=threshold.basis if threshold else None,
        above_threshold=mean.mean > threshold.probability if threshold else None,
    )


def _spread(values: Sequence[float] | np.ndarray) -> Spread:
    low, median, high = (float(v) + 0.0 for v in values)
    return Spread(low=low, median=median, high=high, levels=SPREAD_LEVELS)


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
