"""Which legal regime reaches which entity, and why.

A networkx DiGraph holds ownership (owner → owned, with the capital share). A regime reaches
an entity directly (incorporated in its country, operating there, staff there — as far as the
regime's ``triggers`` say) or through control: owners reached by the regime together hold more
than its ``control_threshold``, or one of them holds control rights (veto, board majority).
Pure functions: no I/O, no randomness.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from simulator.model.catalog import Entity, Regime
from simulator.model.units import EEA


@dataclass(frozen=True)
class Reach:
    """One regime reaching one entity, with the chain that explains it."""

    regime: str
    entity: str
    basis: str  # incorporation | control | presence | staff
    path: tuple[str, ...]  # readable steps, regime first
    chain: tuple[str, ...] = ()  # entity ids from the first reached entity down to this one


@dataclass(frozen=True)
class MinorityHolding:
    """Capital held by entities a regime reaches, below what gives control."""

    regime: str
    entity: str
    share: float
    holders: tuple[str, ...]


@dataclass(frozen=True)
class ReachMap:
    """Static reach of every regime over every entity."""

    reached: dict[tuple[str, str], Reach]
    minority: dict[tuple[str, str], MinorityHolding]
    non_eu_share: dict[str, float]
    """Capital of each entity held by owners seated outside the EU/EEA or controlled from there."""

    def reach(self, regime: str, entity: str) -> Reach | None:
        return self.reached.get((regime, entity))

    def regimes_reaching(self, entity: str) -> list[Reach]:
        return [reach for (_, owned), reach in sorted(self.reached.items()) if owned == entity]


def ownership_graph(entities: dict[str, Entity]) -> nx.DiGraph:
    """Owner → owned edges carrying ``share`` and ``control``."""
    graph = nx.DiGraph()
    graph.add_nodes_from(entities)
    for entity_id, entity in entities.items():
        for owner in entity.owners:
            graph.add_edge(owner.entity, entity_id, share=owner.share, control=owner.control)
    return graph


def _percent(share: float) -> str:
    return f"{share * 100:.4g} %"


def _direct(regime: Regime, entity: Entity) -> Reach | None:
    label = f"{entity.name} ({entity.country}"
    if "incorporation" in regime.triggers and entity.country == regime.country:
        return Reach(
            regime.id, entity.id, "incorporation", (regime.name, f"{label}, incorporated)"), (entity.id,)
        )
    if "presence" in regime.triggers and regime.country in entity.operates_in:
        step = f"{label}, operates in {regime.country})"
        return Reach(regime.id, entity.id, "presence", (regime.name, step), (entity.id,))
    if "staff" in regime.triggers and regime.country in entity.staff_countries:
        step = f"{label}, staff in {regime.country})"
        return Reach(regime.id, entity.id, "staff", (regime.name, step), (entity.id,))
    return None


def resolve_reach(regimes: dict[str, Regime], entities: dict[str, Entity]) -> ReachMap:
    """Reach of every regime over every entity, following ownership in topological order."""
    graph = ownership_graph(entities)
    order = list(nx.topological_sort(graph))
    reached: dict[tuple[str, str], Reach] = {}
    minority: dict[tuple[str, str], MinorityHolding] = {}
    for regime in regimes.values():
        for entity_id in order:
            entity = entities[entity_id]
            direct = _direct(regime, entity)
            if direct:
                reached[(regime.id, entity_id)] = direct
                continue
            holders = [
                (owner, graph.edges[owner, entity_id])
                for owner in graph.predecessors(entity_id)
                if (regime.id, owner) in reached
            ]
            if not holders:
                continue
            held = sum(edge["share"] for _, edge in holders)
            controls = held > regime.control_threshold or any(edge["control"] for _, edge in holders)
            if controls and "control" in regime.triggers:
                owner, edge = max(holders, key=lambda item: (item[1]["control"], item[1]["share"], item[0]))
                how = (
                    "control rights"
                    if edge["control"] and edge["share"] <= regime.control_threshold
                    else _percent(edge["share"])
                )
                if len(holders) > 1:
                    how += f", {_percent(held)} with " + ", ".join(
                        sorted(h for h, _ in holders if h != owner)
                    )
                step = f"{entity.name} ({how})"
                parent = reached[(regime.id, owner)]
                reached[(regime.id, entity_id)] = Reach(
                    regime.id, entity_id, "control", parent.path + (step,), parent.chain + (entity_id,)
                )
            else:
                minority[(regime.id, entity_id)] = MinorityHolding(
                    regime.id, entity_id, held, tuple(sorted(h for h, _ in holders))
                )
    return ReachMap(reached=reached, minority=minority, non_eu_share=_non_eu_shares(graph, entities, order))


def _non_eu_shares(graph: nx.DiGraph, entities: dict[str, Entity], order: list[str]) -> dict[str, float]:
    """Direct holdings by owners seated outside the EU/EEA or majority-held from there."""
    share: dict[str, float] = {}
    non_eu: dict[str, bool] = {}
    for entity_id in order:
        held = sum(
            graph.edges[owner, entity_id]["share"] for owner in graph.predecessors(entity_id) if non_eu[owner]
        )
        share[entity_id] = held
        controlled = any(
            non_eu[owner] and graph.edges[owner, entity_id]["control"]
            for owner in graph.predecessors(entity_id)
        )
        non_eu[entity_id] = entities[entity_id].country not in EEA or held > 0.5 or controlled
    return share
