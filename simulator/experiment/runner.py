"""Run replications of one or several designs and aggregate them into a result.

Replication ``i`` of every design gets the same child of ``SeedSequence(seed).spawn(n)``
(common random numbers), so that paired differences between designs cancel the noise of
the shared workload and incidents. Each replication is a pure function of
(scenario, replication index, seed), submitted with those as explicit arguments to any
:class:`concurrent.futures.Executor` (a process pool by default, or a Dask
``client.get_executor()``). Per-replication outcomes are reduced in the worker to small
arrays and folded in replication order, so results are identical whatever the worker count.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass

import numpy as np
from numpy.random import SeedSequence

from simulator.engine import Outcome, simulate
from simulator.experiment.describe import (
    assumptions,
    design_info,
    scenario_hash,
    static_findings,
)
from simulator.experiment.executors import make_executor
from simulator.experiment.result import (
    SCHEMA_VERSION,
    Comparison,
    ComparisonParameters,
    ComputeOperations,
    ConservationCheck,
    DesignResult,
    DisclosureRow,
    ExposureCell,
    FirstExposure,
    Headline,
    Interval,
    Operations,
    PairedDifference,
    Parameters,
    RankEntry,
    RecordsExposed,
    SupportOperations,
    Timeline,
    TimelineSeries,
    TransferRow,
)
from simulator.experiment.stats import CONFIDENCE, proportion_interval, relative_half_width, t_interval
from simulator.io import slugify
from simulator.law.readability import ExposureMap, analyse
from simulator.model.catalog import STATES
from simulator.model.frame import EEA
from simulator.model.scenario import Scenario
from simulator.version import sovsim_version

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each replication (in the calling thread)."""

HEADLINE_METRIC = "non_eu_record_hours"
DEFAULT_SEED = 1
DEFAULT_REPLICATIONS = 20
DEFAULT_BINS = 48
DEFAULT_BATCH = 10


def _positive(values: Sequence[float] | np.ndarray) -> Interval:
    """t interval of a quantity that cannot be negative (hours, counts, shares)."""
    return t_interval(values, floor=0.0)


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Headline:
    key: str
    label: str
    unit: str
    proportion: bool = False
    better: str = "lower"


def _headlines() -> list[_Headline]:
    items = [
        _Headline(HEADLINE_METRIC, "Record-hours readable by a non-EU regime, all states", "record-hours")
    ]
    items += [
        _Headline(
            f"{HEADLINE_METRIC}.{state}", f"Record-hours readable by a non-EU regime, {state}", "record-hours"
        )
        for state in STATES
    ]
    items += [
        _Headline(
            f"non_eu_records_share.{state}",
            f"Share of records ever readable by a non-EU regime, {state}",
            "share",
        )
        for state in STATES
    ]
    items += [
        _Headline(
            "p_disclosure",
            "Probability of at least one compelled disclosure to a non-EU regime",
            "probability",
            proportion=True,
        ),
        _Headline("non_eu_disclosures", "Compelled disclosures to non-EU regimes", "disclosures"),
        _Headline(
            "transfer_events_outside_eea",
            "Transfer events to a country outside the EU/EEA (and not the controller's own)",
            "events",
        ),
        _Headline(
            "records_transferred_outside_eea",
            "Records transferred outside the EU/EEA (and not to the controller's own country)",
            "records",
        ),
    ]
    return items


HEADLINES: tuple[_Headline, ...] = tuple(_headlines())
HEADLINE_KEYS: tuple[str, ...] = tuple(item.key for item in HEADLINES)


@dataclass(frozen=True)
class _Layout:
    """Index structure of one scenario's arrays, derived the same way in every process."""

    regimes: list[str]
    non_eu: np.ndarray  # [regime] bool
    data: list[str]
    nodes: list[str]
    place_state: np.ndarray  # [place] index into STATES
    place_node: np.ndarray  # [place] index into nodes
    mask: np.ndarray  # [regime, data, place] readable
    union: np.ndarray  # [data, place] readable by at least one non-EU regime
    state_onehot: np.ndarray  # [state, place]
    node_onehot: np.ndarray  # [node, place]
    stock: np.ndarray  # [data] records at the start
    created_by_flow: np.ndarray  # [flow, data] records per lot of flows leaving an ingest node
    countries: list[str]
    foreign_country: np.ndarray  # [country] outside the EU/EEA and not the controller's own
    compute_nodes: list[str]
    support_places: list[int]
    demand_non_eu: np.ndarray  # [legal demand] bool


def _layout(exposure: ExposureMap) -> _Layout:
    scenario = exposure.scenario
    places = exposure.places
    countries = sorted({site.country for site in scenario.sites.values()})
    nodes = sorted(scenario.nodes)
    place_state = np.array([STATES.index(place.state) for place in places], dtype=int)
    place_node = np.array([nodes.index(place.node) for place in places], dtype=int)
    mask = exposure.readable_mask()
    non_eu = np.array([scenario.is_foreign(scenario.regimes[r]) for r in exposure.regimes], dtype=bool)
    union = mask[non_eu].any(axis=0) if non_eu.any() else np.zeros(mask.shape[1:], dtype=bool)
    state_onehot = (place_state[None, :] == np.arange(len(STATES))[:, None]).astype(float)
    node_onehot = (place_node[None, :] == np.arange(len(nodes))[:, None]).astype(float)
    created = np.zeros((len(scenario.flows), len(exposure.data)))
    for number, flow in enumerate(scenario.flows):
        if scenario.nodes[flow.source].kind == "ingest":
            created[number, exposure.data.index(flow.data)] = flow.lot
    demands = scenario.events.legal_demands
    return _Layout(
        regimes=list(exposure.regimes),
        non_eu=non_eu,
        data=list(exposure.data),
        nodes=nodes,
        place_state=place_state,
        place_node=place_node,
        mask=mask,
        union=union,
        state_onehot=state_onehot,
        node_onehot=node_onehot,
        stock=np.array([scenario.data[d].records for d in exposure.data], dtype=float),
        created_by_flow=created,
        countries=countries,
        foreign_country=np.array([scenario.frame.is_foreign(c) for c in countries], dtype=bool),
        compute_nodes=sorted(scenario.nodes_of("compute")),
        support_places=[place.index for place in places if place.state == "support"],
        demand_non_eu=np.array(
            [scenario.is_foreign(scenario.regimes[d.regime]) for d in demands], dtype=bool
        ),
    )


# --------------------------------------------------------------------------- one replication


@dataclass(frozen=True)
class Replication:
    """One replication reduced to small arrays (what travels back from a worker)."""

    index: int
    record_hours: np.ndarray  # [regime, state, data, node]
    inflow: np.ndarray  # [regime, state, data] records entering readable places (uncapped)
    population: np.ndarray  # [data] stock plus records created
    first: np.ndarray  # [regime, state, data] hours, inf if never
    timeline: np.ndarray  # [regime, state, bin]
    transfer_events: np.ndarray  # [country, country] on the layout's countries
    transfer_records: np.ndarray
    demands: np.ndarray  # [legal demand]
    disclosures: np.ndarray  # [legal demand]
    first_disclosure: np.ndarray  # [legal demand] hours, inf if none
    compute: np.ndarray  # [compute node, COMPUTE_FIGURES] (NaN where undefined)
    support: np.ndarray  # [support place, (session-hours, sessions)]
    conservation: tuple[tuple[str, bool, str], ...]
    headline: np.ndarray  # [len(HEADLINES)]


COMPUTE_FIGURES = (
    "lots_arrived",
    "lots_served",
    "lots_overflowed",
    "utilisation",
    "overflow_utilisation",
    "mean_wait",
    "mean_sojourn",
    "burst_fraction",
    "mean_in_system",
)


def _compute_figures(outcome: Outcome, layout: _Layout) -> np.ndarray:
    figures = np.full((len(layout.compute_nodes), len(COMPUTE_FIGURES)), np.nan)
    for position, node in enumerate(outcome.compute_nodes):
        if node in layout.compute_nodes:
            row = layout.compute_nodes.index(node)
            for column, name in enumerate(COMPUTE_FIGURES):
                figures[row, column] = float(np.asarray(getattr(outcome, name))[position])
    return figures


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


def summarise(exposure: ExposureMap, outcome: Outcome, index: int) -> Replication:
    """Reduce one engine outcome to the arrays the experiment aggregates."""
    layout = _layout(exposure)
    if list(outcome.data) != layout.data or len(outcome.places) != len(exposure.places):
        raise ValueError("the outcome's data classes or places do not match the exposure map")
    record_hours = np.asarray(outcome.record_hours, dtype=float)
    inflow = np.asarray(outcome.inflow, dtype=float)
    first_entry = np.asarray(outcome.first_entry, dtype=float)
    timeline = np.asarray(outcome.timeline, dtype=float)
    mask = layout.mask.astype(float)

    readable_hours = mask * record_hours[None]  # [r, d, p]
    cells = np.einsum("rdp,sp,np->rsdn", readable_hours, layout.state_onehot, layout.node_onehot)
    entered = np.einsum("rdp,sp->rsd", mask * inflow[None], layout.state_onehot)
    population = layout.stock + np.asarray(outcome.flow_lots, dtype=float) @ layout.created_by_flow
    timed = np.where(layout.mask, first_entry[None], np.inf)  # [r, d, p]
    first = np.full((len(layout.regimes), len(STATES), len(layout.data)), np.inf)
    for state in range(len(STATES)):
        in_state = layout.place_state == state
        if in_state.any():
            first[:, state, :] = timed[:, :, in_state].min(axis=2)
    series = np.einsum("rdp,dpb,sp->rsb", mask, timeline, layout.state_onehot)

    if list(outcome.countries) != layout.countries:
        raise ValueError(f"the outcome's countries {list(outcome.countries)} are not {layout.countries}")
    events = np.asarray(outcome.transfers_events, dtype=float)
    records = np.asarray(outcome.transfers_records, dtype=float)
    demands = np.asarray(outcome.demands, dtype=float)
    disclosures = np.asarray(outcome.disclosures, dtype=float)
    support = np.stack(
        [
            np.asarray(outcome.support_hours, dtype=float)[layout.support_places],
            np.asarray(outcome.sessions, dtype=float)[layout.support_places],
        ],
        axis=1,
    )

    union = layout.union.astype(float)
    non_eu_hours = (union * record_hours) @ layout.state_onehot.T  # [d, s]
    non_eu_entered = (union * inflow) @ layout.state_onehot.T  # [d, s]
    capped = np.minimum(non_eu_entered, population[:, None]).sum(axis=0)
    total_population = float(population.sum())
    outside = layout.foreign_country
    headline = {
        HEADLINE_METRIC: float(non_eu_hours.sum()),
        **{f"{HEADLINE_METRIC}.{s}": float(non_eu_hours[:, k].sum()) for k, s in enumerate(STATES)},
        **{
            f"non_eu_records_share.{s}": float(capped[k] / total_population) if total_population else 0.0
            for k, s in enumerate(STATES)
        },
        "p_disclosure": float(disclosures[layout.demand_non_eu].sum() > 0),
        "non_eu_disclosures": float(disclosures[layout.demand_non_eu].sum()),
        "transfer_events_outside_eea": float(events[:, outside].sum()),
        "records_transferred_outside_eea": float(records[:, outside].sum()),
    }
    return Replication(
        index=index,
        record_hours=cells,
        inflow=entered,
        population=population,
        first=first,
        timeline=series,
        transfer_events=events,
        transfer_records=records,
        demands=demands,
        disclosures=disclosures,
        first_disclosure=np.asarray(outcome.first_disclosure, dtype=float),
        compute=_compute_figures(outcome, layout),
        support=support,
        conservation=_conservation(outcome),
        headline=np.array([headline[key] for key in HEADLINE_KEYS]),
    )


def replicate(scenario: Scenario, index: int, seed: SeedSequence, horizon: float, bins: int) -> Replication:
    """Run replication ``index`` of ``scenario`` with its own seed: a pure function of its arguments."""
    exposure = analyse(scenario)
    outcome = simulate(exposure, seed, horizon=horizon, bins=bins)
    return summarise(exposure, outcome, index)


# --------------------------------------------------------------------------- aggregation


class _Accumulator:
    """Per-replication values of one design, folded in replication order."""

    def __init__(self, scenario: Scenario, horizon: float, bins: int) -> None:
        self.scenario = scenario
        self.exposure = analyse(scenario)
        self.layout = _layout(self.exposure)
        self.horizon = horizon
        self.bins = bins
        self.reps: list[Replication] = []
        self.timeline_sum: np.ndarray | None = None

    def add(self, rep: Replication) -> None:
        if rep.index != len(self.reps):
            raise RuntimeError(f"replication {rep.index} folded out of order (expected {len(self.reps)})")
        self.timeline_sum = (
            rep.timeline.copy() if self.timeline_sum is None else self.timeline_sum + rep.timeline
        )
        # Keep what needs per-replication variance; drop the timeline (only its sum is reported).
        self.reps.append(
            Replication(**{**rep.__dict__, "timeline": np.zeros((0,))})  # type: ignore[arg-type]
        )

    @property
    def n(self) -> int:
        return len(self.reps)

    def headline_values(self, key: str) -> np.ndarray:
        column = HEADLINE_KEYS.index(key)
        return np.array([rep.headline[column] for rep in self.reps])

    def converged(self, key: str, target: float) -> bool:
        if self.n < 2:
            return False
        return relative_half_width(t_interval(self.headline_values(key))) <= target

    def stack(self, name: str) -> np.ndarray:
        return np.stack([getattr(rep, name) for rep in self.reps])

    def result(self, parameters: Parameters, slug: str, digest: str) -> DesignResult:
        layout = self.layout
        scenario = self.scenario
        regime_non_eu = dict(zip(layout.regimes, layout.non_eu.tolist(), strict=True))

        summary = []
        for column, spec in enumerate(HEADLINES):
            values = self.stack("headline")[:, column]
            value = proportion_interval(values > 0) if spec.proportion else _positive(values)
            summary.append(
                Headline(
                    key=spec.key,
                    label=spec.label,
                    unit=spec.unit,
                    better=spec.better,  # type: ignore[arg-type]
                    value=value,
                    values=[float(v) + 0.0 for v in values],
                )
            )

        cells = self.stack("record_hours")  # [rep, r, s, d, n]
        exposure = [
            ExposureCell(
                regime=layout.regimes[r],
                non_eu=regime_non_eu[layout.regimes[r]],
                state=STATES[s],
                data=layout.data[d],
                node=layout.nodes[n],
                record_hours=_positive(cells[:, r, s, d, n]),
            )
            for r, s, d, n in zip(*np.nonzero(cells.any(axis=0)), strict=True)
        ]

        entered = self.stack("inflow")  # [rep, r, s, d]
        population = self.stack("population")  # [rep, d]
        capped = np.minimum(entered, population[:, None, None, :])
        records_exposed = [
            RecordsExposed(
                regime=layout.regimes[r],
                non_eu=regime_non_eu[layout.regimes[r]],
                state=STATES[s],
                data=layout.data[d],
                records=_positive(capped[:, r, s, d]),
                share=_positive(capped[:, r, s, d] / population[:, d]),
            )
            for r, s, d in zip(*np.nonzero(capped.any(axis=0)), strict=True)
        ]

        first = self.stack("first")  # [rep, r, s, d]
        happened = np.isfinite(first)
        readable_states = np.einsum("rdp,sp->rsd", layout.mask.astype(float), layout.state_onehot) > 0
        first_exposure = []
        for r, s, d in zip(*np.nonzero(readable_states | happened.any(axis=0)), strict=True):
            times = first[:, r, s, d][happened[:, r, s, d]]
            first_exposure.append(
                FirstExposure(
                    regime=layout.regimes[r],
                    non_eu=regime_non_eu[layout.regimes[r]],
                    state=STATES[s],
                    data=layout.data[d],
                    probability=proportion_interval(happened[:, r, s, d]),
                    hours=_positive(times) if times.size else None,
                )
            )

        mean_timeline = self.timeline_sum / self.n if self.timeline_sum is not None else np.zeros((0, 0, 0))
        timeline = Timeline(
            bins=self.bins,
            bin_hours=self.horizon / self.bins,
            series=[
                TimelineSeries(
                    regime=layout.regimes[r],
                    non_eu=regime_non_eu[layout.regimes[r]],
                    state=STATES[s],
                    record_hours=[float(v) + 0.0 for v in mean_timeline[r, s]],
                )
                for r, s in zip(*np.nonzero(mean_timeline.any(axis=2)), strict=True)
            ],
        )

        events = self.stack("transfer_events")
        moved = self.stack("transfer_records")
        transfers = [
            TransferRow(
                source=layout.countries[a],
                to=layout.countries[b],
                outside_eea=layout.countries[b] not in EEA,
                events=_positive(events[:, a, b]),
                records=_positive(moved[:, a, b]),
            )
            for a, b in zip(*np.nonzero((events != 0).any(axis=0) | (moved != 0).any(axis=0)), strict=True)
        ]

        demands = self.stack("demands")
        disclosures = self.stack("disclosures")
        first_disclosure = self.stack("first_disclosure")
        disclosure_rows = [
            DisclosureRow(
                index=number,
                regime=demand.regime,
                target=demand.target,
                non_eu=bool(layout.demand_non_eu[number]),
                demands=_positive(demands[:, number]),
                disclosures=_positive(disclosures[:, number]),
                probability=proportion_interval(disclosures[:, number] > 0),
                first_disclosure_hours=_conditional(first_disclosure[:, number]),
            )
            for number, demand in enumerate(scenario.events.legal_demands)
        ]

        compute = self.stack("compute")  # [rep, node, figure]
        support = self.stack("support")  # [rep, place, (hours, sessions)]
        places = self.exposure.places

        def figure(k: int, name: str) -> Interval | None:
            values = compute[:, k, COMPUTE_FIGURES.index(name)]
            values = values[np.isfinite(values)]
            return _positive(values) if values.size else None

        def required(k: int, name: str) -> Interval:
            found = figure(k, name)
            return found if found is not None else _positive(np.zeros(self.n))

        operations = Operations(
            compute=[
                ComputeOperations(
                    node=node,
                    lots_arrived=required(k, "lots_arrived"),
                    lots_served=required(k, "lots_served"),
                    lots_overflowed=required(k, "lots_overflowed"),
                    utilisation=required(k, "utilisation"),
                    overflow_utilisation=figure(k, "overflow_utilisation"),
                    mean_wait_hours=figure(k, "mean_wait"),
                    mean_sojourn_hours=figure(k, "mean_sojourn"),
                    burst_fraction=figure(k, "burst_fraction"),
                    mean_in_system=required(k, "mean_in_system"),
                )
                for k, node in enumerate(layout.compute_nodes)
            ],
            support=sorted(
                (
                    SupportOperations(
                        node=places[p].node,
                        desk=places[p].desk,
                        site=places[p].site,
                        country=scenario.sites[places[p].site].country,
                        entity=places[p].entity,
                        role=places[p].role,
                        session_hours=_positive(support[:, k, 0]),
                        sessions=_positive(support[:, k, 1]),
                    )
                    for k, p in enumerate(layout.support_places)
                ),
                key=lambda item: (item.desk or "", item.node, item.role, item.site, item.entity),
            ),
            conservation=_conservation_checks(self.reps),
        )

        return DesignResult(
            schema_version=SCHEMA_VERSION,
            scenario=scenario.name,
            slug=slug,
            scenario_hash=digest,
            parameters=parameters,
            summary=summary,
            design=design_info(self.exposure),
            exposure=exposure,
            records_exposed=records_exposed,
            first_exposure=first_exposure,
            timeline=timeline,
            transfers=transfers,
            disclosures=disclosure_rows,
            operations=operations,
            static=static_findings(self.exposure),
            assumptions=assumptions(scenario),
        )


def _conditional(times: np.ndarray) -> Interval | None:
    """Mean over the replications where it happened (finite times), or None."""
    happened = times[np.isfinite(times)]
    return _positive(happened) if happened.size else None


def _conservation_checks(reps: list[Replication]) -> list[ConservationCheck]:
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


# --------------------------------------------------------------------------- running


@contextlib.contextmanager
def _executor(workers: int, executor: Executor | None) -> Iterator[Executor | None]:
    """The caller's executor as is, else a local process pool, else (one worker) none."""
    if executor is not None:
        yield executor
    elif workers <= 1:
        yield None
    else:
        with make_executor("process", workers) as pool:
            yield pool


def _check_arguments(
    replications: int, workers: int, target_half_width: float | None, batch_size: int
) -> None:
    if replications < 1:
        raise ValueError(f"replications must be at least 1, got {replications}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if target_half_width is not None and not target_half_width > 0:
        raise ValueError(
            f"target_half_width must be above 0 (a relative half-width), got {target_half_width}"
        )
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")


@dataclass
class _Run:
    accumulators: list[_Accumulator]
    stopped_early: bool
    max_replications: int


def _run(
    scenarios: Sequence[Scenario],
    replications: int,
    seed: int,
    horizon: float | None,
    bins: int,
    workers: int,
    executor: Executor | None,
    target_half_width: float | None,
    target_metric: str,
    batch_size: int,
    progress: Progress | None,
) -> _Run:
    _check_arguments(replications, workers, target_half_width, batch_size)
    if target_metric not in HEADLINE_KEYS:
        raise ValueError(f"unknown target metric {target_metric!r}; use one of: {', '.join(HEADLINE_KEYS)}")
    children = SeedSequence(seed).spawn(replications)
    horizons = [float(horizon if horizon is not None else scenario.horizon) for scenario in scenarios]
    accumulators = [_Accumulator(s, h, bins) for s, h in zip(scenarios, horizons, strict=True)]
    total = replications * len(scenarios)
    done = 0
    start = 0
    stopped_early = False
    with _executor(workers, executor) as pool:
        while start < replications:
            stop = replications if target_half_width is None else min(replications, start + batch_size)
            jobs = [(k, i) for i in range(start, stop) for k in range(len(scenarios))]
            results: dict[tuple[int, int], Replication] = {}
            if pool is None:
                for k, i in jobs:
                    results[(k, i)] = replicate(scenarios[k], i, children[i], horizons[k], bins)
                    done += 1
                    if progress:
                        progress(done, total)
            else:
                futures: dict[Future[Replication], tuple[int, int]] = {
                    pool.submit(replicate, scenarios[k], i, children[i], horizons[k], bins): (k, i)
                    for k, i in jobs
                }
                try:
                    for future in as_completed(futures):
                        results[futures[future]] = future.result()
                        done += 1
                        if progress:
                            progress(done, total)
                except BaseException:
                    for future in futures:
                        future.cancel()
                    raise
            for k, accumulator in enumerate(accumulators):
                for i in range(start, stop):
                    accumulator.add(results[(k, i)])
            start = stop
            if (
                target_half_width is not None
                and start < replications
                and all(acc.converged(target_metric, target_half_width) for acc in accumulators)
            ):
                stopped_early = True
                if progress:
                    progress(done, done)
                break
    return _Run(accumulators, stopped_early, replications)


def _parameters(run: _Run, acc: _Accumulator, seed: int, target: float | None, batch_size: int) -> Parameters:
    return Parameters(
        seed=seed,
        replications=acc.n,
        max_replications=run.max_replications,
        target_half_width=target,
        batch_size=batch_size,
        stopped_early=run.stopped_early,
        horizon_hours=acc.horizon,
        bins=acc.bins,
        confidence=CONFIDENCE,
        sovsim_version=sovsim_version(),
    )


def run_experiment(
    scenario: Scenario,
    replications: int = DEFAULT_REPLICATIONS,
    seed: int = DEFAULT_SEED,
    horizon: float | None = None,
    workers: int = 1,
    executor: Executor | None = None,
    target_half_width: float | None = None,
    progress: Progress | None = None,
    *,
    bins: int = DEFAULT_BINS,
    batch_size: int = DEFAULT_BATCH,
    target_metric: str = HEADLINE_METRIC,
) -> DesignResult:
    """Run ``replications`` replications of one design and aggregate them.

    ``horizon`` (hours) defaults to the scenario's. ``workers`` > 1 runs a local process
    pool; ``executor`` (any :class:`concurrent.futures.Executor`, e.g. a Dask
    ``client.get_executor()``) takes precedence and is not shut down. With
    ``target_half_width`` (relative, e.g. 0.05 for ±5 %), replications run in batches of
    ``batch_size`` and stop once the 95 % CI of ``target_metric`` is that narrow.
    ``progress(done, total)`` is called after each replication.
    """
    run = _run(
        [scenario],
        replications,
        seed,
        horizon,
        bins,
        workers,
        executor,
        target_half_width,
        target_metric,
        batch_size,
        progress,
    )
    return _design_results([scenario], run, seed, target_half_width, batch_size)[0]


def _design_results(
    scenarios: Sequence[Scenario], run: _Run, seed: int, target_half_width: float | None, batch_size: int
) -> list[DesignResult]:
    """One result per design, slugs made unique in order (a second "X" becomes "x-2")."""
    designs = []
    used: dict[str, int] = {}
    for scenario, acc in zip(scenarios, run.accumulators, strict=True):
        slug = slugify(scenario.name)
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        parameters = _parameters(run, acc, seed, target_half_width, batch_size)
        designs.append(acc.result(parameters, slug, scenario_hash(scenario)))
    return designs


def _verdict(difference: Interval, better: str) -> str:
    if difference.half_width == 0 and difference.mean == 0:
        return "identical"
    if difference.low is None or difference.high is None or difference.low <= 0 <= difference.high:
        return "no significant difference"
    lower = difference.high < 0
    return "better" if lower == (better == "lower") else "worse"


def compare_designs(
    scenarios: Sequence[Scenario],
    replications: int = DEFAULT_REPLICATIONS,
    seed: int = DEFAULT_SEED,
    horizon: float | None = None,
    workers: int = 1,
    executor: Executor | None = None,
    target_half_width: float | None = None,
    progress: Progress | None = None,
    *,
    baseline: int = 0,
    rank_by: str = HEADLINE_METRIC,
    bins: int = DEFAULT_BINS,
    batch_size: int = DEFAULT_BATCH,
    target_metric: str = HEADLINE_METRIC,
) -> Comparison:
    """Run several designs on the same seeds and compare each with ``scenarios[baseline]``.

    Replication ``i`` of every design uses the same seed (common random numbers); each
    headline metric's difference (design − baseline) gets a t interval computed on the
    per-replication paired differences. Designs are ranked by ``rank_by`` (lower is better).
    With ``target_half_width`` the run stops when every design's ``target_metric`` is that precise.
    """
    if len(scenarios) < 1:
        raise ValueError("compare needs at least one scenario")
    if not 0 <= baseline < len(scenarios):
        raise ValueError(f"baseline must index one of the {len(scenarios)} scenarios, got {baseline}")
    if rank_by not in HEADLINE_KEYS:
        raise ValueError(f"unknown metric {rank_by!r}; use one of: {', '.join(HEADLINE_KEYS)}")
    run = _run(
        scenarios,
        replications,
        seed,
        horizon,
        bins,
        workers,
        executor,
        target_half_width,
        target_metric,
        batch_size,
        progress,
    )
    designs = _design_results(scenarios, run, seed, target_half_width, batch_size)
    return _comparison(designs, run, seed, target_half_width, batch_size, bins, baseline, rank_by)


def compare_results(
    designs: Sequence[DesignResult], baseline: int = 0, rank_by: str = HEADLINE_METRIC
) -> Comparison:
    """Compare design results already computed on the same seed and replications (e.g. from files)."""
    if not designs:
        raise ValueError("compare needs at least one design result")
    first = designs[0].parameters
    for design in designs[1:]:
        mine = design.parameters
        if (mine.seed, mine.replications) != (first.seed, first.replications):
            raise ValueError(
                f"{design.scenario!r} ran with seed {mine.seed} and {mine.replications} replications, "
                f"{designs[0].scenario!r} with seed {first.seed} and {first.replications}: "
                "paired differences need the same seed and replication count"
            )
    run = _Run([], any(d.parameters.stopped_early for d in designs), first.max_replications)
    return _comparison(
        list(designs),
        run,
        first.seed,
        first.target_half_width,
        first.batch_size,
        first.bins,
        baseline,
        rank_by,
    )


def _comparison(
    designs: list[DesignResult],
    run: _Run,
    seed: int,
    target: float | None,
    batch_size: int,
    bins: int,
    baseline: int,
    rank_by: str,
) -> Comparison:
    base = designs[baseline]
    differences = []
    for number, design in enumerate(designs):
        if number == baseline:
            continue
        for headline in design.summary:
            reference = base.headline(headline.key)
            paired = np.asarray(headline.values) - np.asarray(reference.values)
            difference = t_interval(paired)
            differences.append(
                PairedDifference(
                    design=number,
                    baseline=baseline,
                    metric=headline.key,
                    better=headline.better,
                    difference=difference,
                    verdict=_verdict(difference, headline.better),  # type: ignore[arg-type]
                )
            )
    secondary = "p_disclosure" if rank_by != "p_disclosure" else HEADLINE_METRIC

    def score(k: int, key: str) -> float:
        headline = designs[k].headline(key)
        return headline.value.mean if headline.better == "lower" else -headline.value.mean

    order = sorted(range(len(designs)), key=lambda k: (score(k, rank_by), score(k, secondary), k))
    ranking = [
        RankEntry(
            rank=position + 1,
            design=k,
            scenario=designs[k].scenario,
            value=designs[k].headline(rank_by).value,
        )
        for position, k in enumerate(order)
    ]
    digest = hashlib.sha256("\n".join(d.scenario_hash for d in designs).encode()).hexdigest()
    slug = slugify("-vs-".join(d.slug for d in designs), max_length=80)
    parameters = ComparisonParameters(
        seed=seed,
        replications=designs[0].parameters.replications,
        max_replications=run.max_replications,
        target_half_width=target,
        batch_size=batch_size,
        stopped_early=run.stopped_early,
        bins=bins,
        confidence=CONFIDENCE,
        sovsim_version=sovsim_version(),
    )
    return Comparison(
        schema_version=SCHEMA_VERSION,
        slug=f"compare-{slug}",
        comparison_hash=digest,
        parameters=parameters,
        baseline=baseline,
        rank_by=rank_by,
        designs=designs,
        differences=differences,
        ranking=ranking,
    )
