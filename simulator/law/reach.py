"""Which legal regime reaches which entity, and why.

A networkx DiGraph holds ownership (owner → owned, with capital and votes). A regime reaches
an entity directly — incorporated in its country, operating there, staff there, as far as the
regime's ``triggers`` say, and only if its text compels that kind of entity (``compels`` against
the entity's ``roles``) — or through control: a voting block with a reached member holds more
than its ``control_threshold`` of the votes, or a reached owner holds control rights (veto,
board majority). Unrelated holders do not add up; holders under one parent, or declared to act
in concert, do.
Pure functions: no I/O, no randomness.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from simulator.law.capital import capital_table, ownership_graph
from simulator.model.catalog import Entity, Regime


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
    """Capital of each entity held from outside the EU, directly or indirectly (:func:`capital_table`)."""

    def reach(self, regime: str, entity: str) -> Reach | None:
        return self.reached.get((regime, entity))

    def regimes_reaching(self, entity: str) -> list[Reach]:
        return [reach for (_, owned), reach in sorted(self.reached.items()) if owned == entity]


def _percent(share: float) -> str:
    return f"{share * 100:.4g} %"


def _direct(regime: Regime, entity: Entity) -> Reach | None:
    """Reach by the entity's own ties to the regime's country, if the law can compel its kind."""
    if not entity.has_role(regime.compels):
        return None
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


def _parents(graph: nx.DiGraph, order: list[str]) -> dict[str, str]:
    """Entity → the owner that controls it (more than half the votes, or a control right)."""
    parents: dict[str, str] = {}
    for entity_id in order:
        for owner in sorted(graph.predecessors(entity_id)):
            edge = graph.edges[owner, entity_id]
            if edge["control"] or edge["votes"] > 0.5:
                parents[entity_id] = owner
                break
    return parents


def _ultimate(entity_id: str, parents: dict[str, str]) -> str:
    while entity_id in parents:
        entity_id = parents[entity_id]
    return entity_id


def _blocks(graph: nx.DiGraph, entity_id: str, parents: dict[str, str]) -> dict[str, list[str]]:
    """The owners of an entity grouped into voting blocks.

    Owners in the same group (one ``concert:`` label) or under the same ultimate parent vote
    together; unrelated holders stay apart, so two unrelated funds at 30 % control nothing.
    """
    blocks: dict[str, list[str]] = {}
    for owner in sorted(graph.predecessors(entity_id)):
        concert = graph.edges[owner, entity_id]["concert"]
        key = f"concert:{concert}" if concert else f"group:{_ultimate(owner, parents)}"
        blocks.setdefault(key, []).append(owner)
    return blocks


def resolve_reach(regimes: dict[str, Regime], entities: dict[str, Entity]) -> ReachMap:
    """Reach of every regime over every entity, following ownership in topological order.

    A regime reaches an entity directly (if its text compels that kind of entity) or through
    control: a voting block (see :func:`_blocks`) that holds one of its reached members and
    more than the regime's ``control_threshold`` of the votes, or a reached owner's control right.
    """
    graph = ownership_graph(entities)
    order = list(nx.topological_sort(graph))
    parents = _parents(graph, order)
    reached: dict[tuple[str, str], Reach] = {}
    minority: dict[tuple[str, str], MinorityHolding] = {}
    for regime in regimes.values():
        for entity_id in order:
            direct = _direct(regime, entities[entity_id])
            if direct:
                reached[(regime.id, entity_id)] = direct
                continue
            found = _through_owners(regime, entities[entity_id], graph, parents, reached)
            if isinstance(found, Reach):
                reached[(regime.id, entity_id)] = found
            elif found is not None:
                minority[(regime.id, entity_id)] = found
    non_eu = {entity_id: capital.collective for entity_id, capital in capital_table(entities).items()}
    return ReachMap(reached=reached, minority=minority, non_eu_share=non_eu)


def _through_owners(
    regime: Regime,
    entity: Entity,
    graph: nx.DiGraph,
    parents: dict[str, str],
    reached: dict[tuple[str, str], Reach],
) -> Reach | MinorityHolding | None:
    """Reach through the voting block that controls ``entity``, else the minority it holds."""
    holders = [owner for owner in graph.predecessors(entity.id) if (regime.id, owner) in reached]
    if not holders:
        return None
    block = (
        _controlling_block(regime, entity.id, graph, parents, reached)
        if "control" in regime.triggers
        else None
    )
    if block is None:
        held = sum(graph.edges[h, entity.id]["share"] for h in holders)
        return MinorityHolding(regime.id, entity.id, held, tuple(sorted(holders)))
    votes, members = block
    lead = max(
        (m for m in members if (regime.id, m) in reached),
        key=lambda m: (graph.edges[m, entity.id]["control"], graph.edges[m, entity.id]["votes"], m),
    )
    parent = reached[(regime.id, lead)]
    step = f"{entity.name} ({_how(regime, graph, entity.id, lead, votes, members)})"
    return Reach(regime.id, entity.id, "control", parent.path + (step,), parent.chain + (entity.id,))


def _controlling_block(
    regime: Regime,
    entity_id: str,
    graph: nx.DiGraph,
    parents: dict[str, str],
    reached: dict[tuple[str, str], Reach],
) -> tuple[float, list[str]] | None:
    """The largest voting block with a reached member that controls the entity, if any."""
    best: tuple[float, list[str]] | None = None
    for members in _blocks(graph, entity_id, parents).values():
        if not any((regime.id, m) in reached for m in members):
            continue
        votes = sum(graph.edges[m, entity_id]["votes"] for m in members)
        rights = any(graph.edges[m, entity_id]["control"] for m in members)
        if (votes > regime.control_threshold or rights) and (best is None or votes > best[0]):
            best = (votes, members)
    return best


def _how(
    regime: Regime, graph: nx.DiGraph, entity_id: str, lead: str, votes: float, members: list[str]
) -> str:
    """'100 %', 'control rights' or '60 % with X (acting in concert)': how the block controls."""
    edge = graph.edges[lead, entity_id]
    rights_only = edge["control"] and edge["votes"] <= regime.control_threshold
    how = "control rights" if rights_only else _percent(edge["votes"])
    if len(members) > 1:
        how += f", {_percent(votes)} with " + ", ".join(sorted(m for m in members if m != lead))
        if edge["concert"]:
            how += " (acting in concert)"
    return how
