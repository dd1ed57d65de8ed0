"""What an experiment measures: headline metrics, compute figures, and the layout of a design's arrays.

Headline metrics are one number per replication; designs are compared and ranked on them,
and a run can stop once one of them is precise enough. The compute figures are the
:class:`~simulator.engine.Outcome` fields that the result's
:class:`~simulator.experiment.result.ComputeOperations` reports, matched by name (a figure in
hours carries ``_hours`` in the result): the list is derived from both, never typed again,
and a figure the engine does not produce fails at import. The layout indexes a design's
arrays (regimes, data classes, places, nodes, countries); it is computed once per design.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from simulator.engine import Outcome
from simulator.experiment.result import ComputeOperations, Interval
from simulator.law.readability import ExposureMap
from simulator.model.catalog import STATES
from simulator.model.scenario import Scenario

HEADLINE_METRIC = "foreign_record_hours"


@dataclass(frozen=True)
class HeadlineSpec:
    """The definition of one headline metric (its value comes from each replication)."""

    key: str
    label: str
    unit: str
    proportion: bool = False
    """A 0/1 value per replication, reported as a proportion with a Wilson interval."""
    better: str = "lower"


def _headlines() -> tuple[HeadlineSpec, ...]:
    hours = "Record-hours readable by a foreign regime"
    return (
        HeadlineSpec(HEADLINE_METRIC, f"{hours}, all states", "record-hours"),
        *(
            HeadlineSpec(f"{HEADLINE_METRIC}.{state}", f"{hours}, {state}", "record-hours")
            for state in STATES
        ),
        *(
            HeadlineSpec(
                f"foreign_records_share.{state}",
                f"Share of records ever readable by a foreign regime, {state}",
                "share",
            )
            for state in STATES
        ),
        HeadlineSpec(
            "p_disclosure",
            "Probability of at least one compelled disclosure to a foreign regime",
            "probability",
            proportion=True,
        ),
        HeadlineSpec(
            "p_disclosure_5y",
            "Probability of a compelled disclosure to a foreign regime over 5 years "
            "(given the rates and the readable share)",
            "probability",
        ),
        HeadlineSpec("foreign_disclosures", "Compelled disclosures to foreign regimes", "disclosures"),
        HeadlineSpec(
            "transfer_events_abroad",
            "Transfer events outside the controller's home jurisdiction",
            "events",
        ),
        HeadlineSpec(
            "records_transferred_abroad",
            "Distinct records transferred outside the controller's home jurisdiction (upper bound: at most "
            "the population)",
            "records",
        ),
        HeadlineSpec(
            "record_visits_abroad",
            "Record-visits outside the controller's home jurisdiction (a record counted once per transfer "
            "event)",
            "records",
        ),
        HeadlineSpec(
            f"{HEADLINE_METRIC}.pseudonymised",
            f"{hours} only pseudonymised (re-identification table out of reach), all states",
            "record-hours",
        ),
    )


HEADLINES: tuple[HeadlineSpec, ...] = _headlines()
HEADLINE_KEYS: tuple[str, ...] = tuple(item.key for item in HEADLINES)


def require_headline(key: str, what: str = "metric") -> None:
    """Refuse a key that is no headline metric, listing the known ones."""
    if key not in HEADLINE_KEYS:
        raise ValueError(f"unknown {what} {key!r}; use one of: {', '.join(HEADLINE_KEYS)}")


@dataclass(frozen=True)
class ComputeFigure:
    """One operational figure of a compute node: where the engine puts it, where the result shows it."""

    name: str
    """Field of :class:`ComputeOperations`."""
    source: str
    """Field of :class:`Outcome` (one value per compute node, NaN where undefined)."""
    required: bool
    """The result needs a value even when the figure is undefined in every replication (then 0)."""


def _compute_figures() -> tuple[ComputeFigure, ...]:
    produced = {f.name for f in fields(Outcome)}
    figures = []
    for name, field in ComputeOperations.model_fields.items():
        if name == "node":
            continue
        source = name if name in produced else name.removesuffix("_hours")
        if source not in produced:
            raise RuntimeError(f"ComputeOperations.{name} has no engine figure: Outcome has no {source!r}")
        figures.append(ComputeFigure(name, source, required=field.annotation is Interval))
    return tuple(figures)


COMPUTE_FIGURES: tuple[ComputeFigure, ...] = _compute_figures()


@dataclass(frozen=True)
class Layout:
    """Index structure of one design's arrays, computed once per design and shared by its replications."""

    regimes: list[str]
    foreign: np.ndarray  # [regime] bool
    data: list[str]
    nodes: list[str]
    place_state: np.ndarray  # [place] index into STATES
    place_node: np.ndarray  # [place] index into nodes
    mask: np.ndarray  # [regime, data, place] readable
    pseudonymised: np.ndarray  # [regime, data] readable only pseudonymised
    union: np.ndarray  # [data, place] readable by at least one foreign regime
    union_identified: np.ndarray  # [data, place] readable with the table by at least one foreign regime
    state_onehot: np.ndarray  # [state, place]
    node_onehot: np.ndarray  # [node, place]
    stock: np.ndarray  # [data] records at the start
    created_by_flow: np.ndarray  # [flow, data] records per lot of flows leaving an ingest node
    countries: list[str]
    foreign_country: np.ndarray  # [country] outside the controller's home jurisdiction
    place_country: np.ndarray  # [place] index into countries
    transfer_rows: list[tuple[str, str]]  # (destination country, importer entity), sorted
    place_row: np.ndarray  # [place] index into transfer_rows
    compute_nodes: list[str]
    support_places: list[int]
    demand_foreign: np.ndarray  # [legal demand] bool


def layout(exposure: ExposureMap) -> Layout:
    """The layout of a design's arrays, from its exposure map."""
    scenario = exposure.scenario
    places = exposure.places
    countries = sorted({site.country for site in scenario.sites.values()})
    nodes = sorted(scenario.nodes)
    place_state = np.array([STATES.index(place.state) for place in places], dtype=int)
    place_node = np.array([nodes.index(place.node) for place in places], dtype=int)
    mask = exposure.readable_mask()
    pseudonymised = exposure.pseudonymised_mask()
    foreign = _foreign(scenario, exposure.regimes)
    identified = mask & ~pseudonymised
    union = mask[foreign].any(axis=0) if foreign.any() else np.zeros(mask.shape[1:], dtype=bool)
    union_identified = identified[foreign].any(axis=0) if foreign.any() else np.zeros_like(union)
    place_country = np.array([countries.index(scenario.sites[p.site].country) for p in places], dtype=int)
    rows = sorted({(countries[c], p.entity) for c, p in zip(place_country, places, strict=True)})
    return Layout(
        regimes=list(exposure.regimes),
        foreign=foreign,
        data=list(exposure.data),
        nodes=nodes,
        place_state=place_state,
        place_node=place_node,
        mask=mask,
        pseudonymised=pseudonymised.any(axis=2),
        union=union,
        union_identified=union_identified,
        state_onehot=(place_state[None, :] == np.arange(len(STATES))[:, None]).astype(float),
        node_onehot=(place_node[None, :] == np.arange(len(nodes))[:, None]).astype(float),
        stock=np.array([scenario.data[d].records for d in exposure.data], dtype=float),
        created_by_flow=_created_by_flow(scenario, exposure.data),
        countries=countries,
        foreign_country=np.array([scenario.frame.is_foreign(c) for c in countries], dtype=bool),
        place_country=place_country,
        transfer_rows=rows,
        place_row=np.array(
            [rows.index((countries[c], p.entity)) for c, p in zip(place_country, places, strict=True)],
            dtype=int,
        ),
        compute_nodes=sorted(scenario.nodes_of("compute")),
        support_places=[place.index for place in places if place.state == "support"],
        demand_foreign=_foreign(scenario, [d.regime for d in scenario.events.legal_demands]),
    )


def _foreign(scenario: Scenario, regimes: list[str]) -> np.ndarray:
    return np.array([scenario.is_foreign(scenario.regimes[r]) for r in regimes], dtype=bool)


def _created_by_flow(scenario: Scenario, data: list[str]) -> np.ndarray:
    """[flow, data] records each lot brings into the design (flows leaving an ingest node)."""
    created = np.zeros((len(scenario.flows), len(data)))
    for number, flow in enumerate(scenario.flows):
        if scenario.nodes[flow.source].kind == "ingest":
            created[number, data.index(flow.data)] = flow.lot
    return created
