"""Scores of the EU Cloud Sovereignty Framework v1.2.1 objectives that the model covers.

Each covered objective gets, per provider, a score on the SEAL scale 0–4 with the evidence it
rests on. The scale follows the framework's SEAL descriptions (LAW-NOTES §11, secondary
sources): 0 no sovereignty; 1 EU law applies formally but a non-EU party controls the provider;
2 data sovereignty with material non-EU dependencies; 3–4 up to full EU control. How the
objectives combine into a SEAL level is UNCONFIRMED; :func:`estimate` takes the lowest covered
objective (the most conservative reading), so the estimate is an upper bound: SOV-5 to SOV-8
are not modelled and could only lower it.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.compliance.checks._common import BaseParams, capital_problems
from simulator.compliance.context import Context
from simulator.compliance.models import Hit
from simulator.law.capital import percent
from simulator.model.frame import EU

OBJECTIVES = {
    "SOV-1": ("strategic: ownership, governance, change of control", 0.15),
    "SOV-2": ("legal and jurisdictional: exposure to CLOUD Act, FISA and other non-EU laws", 0.10),
    "SOV-3": ("data and AI: customer-held keys, EU-only processing", 0.10),
    "SOV-4": ("operational: where support and administration are served from", 0.15),
}
NOT_COVERED = {
    "SOV-5": ("supply chain", 0.20),
    "SOV-6": ("technology (open standards, portability)", 0.15),
    "SOV-7": ("security and compliance", 0.10),
    "SOV-8": ("environment", 0.05),
}


@dataclass(frozen=True)
class Score:
    objective: str
    score: int | None  # None: does not apply to this provider (e.g. no data held)
    evidence: tuple[str, ...]


def providers(ctx: Context) -> list[str]:
    """Commercial entities that hold, process or serve data in the design."""
    return [e for e in ctx.providers if ctx.is_commercial(e)]


def sov1(ctx: Context, entity: str, individual_max: float = 0.24, collective_max: float = 0.39) -> Score:
    cap = ctx.capital[entity]
    ent = ctx.scenario.entities[entity]
    lines = [f"registered office in {ent.country}"]
    holder, largest = cap.largest
    if holder:
        lines.append(
            f"largest non-EU holder {holder}: {percent(largest)}; "
            f"all non-EU holders: {percent(cap.collective)}"
        )
    else:
        lines.append("no non-EU holder in the ownership graph (unlisted owners taken as EU)")
    if not cap.seat_in_eu:
        score = 0
        lines.append("seated outside the EU")
    elif cap.controllers:
        score = 1
        lines.append("controlled from outside the EU by " + ", ".join(cap.controllers))
    elif capital_problems(cap, individual_max, collective_max):
        score = 2
        lines.append("non-EU capital or control rights above the 24 %/39 % thresholds, without control")
    elif cap.collective > 0:
        score = 3
        lines.append("non-EU capital within the 24 %/39 % thresholds")
    else:
        score = 4
    return Score("SOV-1", score, tuple(lines))


def sov2(ctx: Context, entity: str) -> Score:
    reaches = ctx.reaches(entity)
    if not reaches:
        return Score("SOV-2", 4, ("no regime seated outside the EEA reaches it in the model",))
    bases = {r.basis for r in reaches}
    score = 0 if "incorporation" in bases else 1 if "control" in bases else 2
    return Score("SOV-2", score, tuple(f"{r.regime} ({r.basis}): " + " → ".join(r.path) for r in reaches))


def sov3(ctx: Context, entity: str) -> Score:
    held = [
        dp for dp in ctx.data_places if dp.place.entity == entity and dp.place.state in ("rest", "processing")
    ]
    if not held:
        return Score("SOV-3", None, ("holds or processes no data in the design",))
    lines: list[str] = []
    score = 4
    outside = sorted(
        {
            f"{dp.place.node}@{dp.place.site} ({ctx.country(dp.place.site)})"
            for dp in held
            if ctx.country(dp.place.site) not in EU
        }
    )
    if outside:
        score = min(score, 1)
        lines.append("data held or processed outside the EU: " + ", ".join(outside))
    rest = sorted({v.explanation for dp in held if dp.place.state == "rest" for v in dp.readable_by})
    proc = sorted({v.explanation for dp in held if dp.place.state == "processing" for v in dp.readable_by})
    if rest:
        score = min(score, 1)
        lines += ["readable at rest: " + e for e in rest]
    if proc:
        score = min(score, 2)
        lines += ["readable in processing: " + e for e in proc]
    provider_keys = sorted({dp.data for dp in held if _provider_keys(ctx, dp.data, entity)})
    if provider_keys:
        score = min(score, 3)
        lines.append("keys managed by the provider for: " + ", ".join(provider_keys))
    if score == 4:
        lines.append("data in the EU, customer-held keys, no readable copy for a non-EEA regime")
    return Score("SOV-3", score, tuple(lines))


def _provider_keys(ctx: Context, data_id: str, entity: str) -> bool:
    data = ctx.scenario.data[data_id]
    return data.keys is None or ctx.scenario.nodes[data.keys].operator == entity


def sov4(ctx: Context, entity: str) -> Score:
    operated = {n for n, node in ctx.scenario.nodes.items() if node.operator == entity}
    lines: list[str] = []
    score = 4
    outside_staff = sorted(set(ctx.scenario.entities[entity].staff_countries) - EU)
    if outside_staff:
        score = min(score, 2)
        lines.append("staff outside the EU: " + ", ".join(outside_staff))
    for place in ctx.exposure.places:
        if place.state != "support":
            continue
        if place.node not in operated and place.entity != entity:
            continue
        abroad = ctx.country(place.site) not in EU
        non_eu_entity = bool(ctx.reaches(place.entity))
        if not abroad and not non_eu_entity:
            continue
        data_access = place.access == "data"
        score = min(score, 1 if data_access else 2)
        lines.append(
            f"{place.desk} {place.role} for {place.node}: {place.entity} from "
            f"{ctx.where(place.site)}, access {place.access}"
        )
    if score == 4:
        lines.append("administration and support served from the EU by entities no non-EEA regime reaches")
    return Score("SOV-4", score, tuple(dict.fromkeys(lines)))


def scores(
    ctx: Context, entity: str, individual_max: float = 0.24, collective_max: float = 0.39
) -> list[Score]:
    return [
        sov1(ctx, entity, individual_max, collective_max),
        sov2(ctx, entity),
        sov3(ctx, entity),
        sov4(ctx, entity),
    ]


def estimate(found: list[Score]) -> int:
    """Conservative SEAL estimate: the lowest covered objective (combination rule unconfirmed)."""
    return min(s.score for s in found if s.score is not None)


def weighted(found: list[Score]) -> float:
    """Weighted mean of the covered objectives (framework weights renormalised), for reference."""
    pairs = [(OBJECTIVES[s.objective][1], s.score) for s in found if s.score is not None]
    return sum(w * v for w, v in pairs) / sum(w for w, _ in pairs)


class ObjectiveParams(BaseParams):
    """Capital thresholds used by the SOV-1 score (SecNumCloud's, pending the framework's own)."""

    individual_max: float = 0.24
    collective_max: float = 0.39


def objective_hits(ctx: Context, objective: str, params: ObjectiveParams) -> list[Hit]:
    """One estimated 0–4 score, with its evidence, per provider of the design for one objective."""
    hits = []
    for entity in providers(ctx):
        found = {s.objective: s for s in scores(ctx, entity, params.individual_max, params.collective_max)}
        score = found[objective]
        if score.score is None:
            continue
        title, _ = OBJECTIVES[objective]
        hits.append(
            Hit(
                entity=entity,
                message=(
                    f"{objective} {title}: estimated {score.score}/4 for {ctx.scenario.entities[entity].name}"
                ),
                evidence=list(score.evidence),
                estimate=True,
            )
        )
    return hits
