"""Who holds an entity's capital from outside the EU, directly or through other entities.

Pure functions of the catalogue's ownership: no I/O, no randomness.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from simulator.model.catalog import Entity
from simulator.model.frame import EU


def ownership_graph(entities: Mapping[str, Entity]) -> nx.DiGraph:
    """Owner → owned edges carrying ``share`` (capital), ``votes``, ``control`` and ``concert``."""
    graph = nx.DiGraph()
    graph.add_nodes_from(entities)
    for entity_id, entity in entities.items():
        for owner in entity.owners:
            graph.add_edge(
                owner.entity,
                entity_id,
                share=owner.share,
                votes=owner.voting,
                control=owner.control,
                concert=owner.concert,
            )
    return graph


def percent(share: float) -> str:
    return f"{share * 100:.4g} %"


@dataclass(frozen=True)
class Capital:
    """Who outside the EU holds an entity's capital, directly or indirectly.

    ``individual`` maps each non-EU-seated entity to the share it holds, adding its direct
    holdings, the full holdings of entities it controls (more than half the capital, or a
    control right), and its look-through share of the holdings of entities it does not
    control. ``collective`` is the share held by all non-EU-seated or non-EU-controlled
    holders together, computed the same way. Owners that are not listed are taken as EU holders.
    """

    entity: str
    seat_in_eu: bool
    individual: dict[str, float]
    collective: float
    controllers: tuple[str, ...]
    control_rights: tuple[str, ...]
    """Non-EU holders (or holders they control) with a veto, board majority or golden share."""

    @property
    def largest(self) -> tuple[str | None, float]:
        if not self.individual:
            return None, 0.0
        holder = max(sorted(self.individual), key=self.individual.__getitem__)
        return holder, self.individual[holder]


def capital_table(
    entities: Mapping[str, Entity], union: frozenset[str] = EU, presumed_at: float | None = None
) -> dict[str, Capital]:
    """:class:`Capital` of every entity, following ownership in topological order.

    The one computation of foreign capital: ``explain``, the reports and the SecNumCloud and
    sovereignty checks all read it. A holder controls with more than half the votes, or a
    control right; ``presumed_at`` adds a rule's presumption (French Commercial Code L.233-3:
    at least 40 % of the votes with no other holder holding more), for the rules that use it.
    """
    graph = ownership_graph(entities)
    controllers: dict[str, set[str]] = {}
    individual: dict[str, dict[str, float]] = {}
    collective: dict[str, float] = {}
    table: dict[str, Capital] = {}
    for entity_id in nx.topological_sort(graph):
        entity = entities[entity_id]
        seat_in_eu = entity.country in union
        owners = [(owner, graph.edges[owner, entity_id]) for owner in sorted(graph.predecessors(entity_id))]
        shares: dict[str, float] = {}
        for owner, edge in owners:
            for holder in controllers[owner]:
                shares[holder] = shares.get(holder, 0.0) + edge["share"]
            for holder, held in individual[owner].items():
                if holder not in controllers[owner]:
                    shares[holder] = shares.get(holder, 0.0) + edge["share"] * held
        rights = sorted({h for owner, edge in owners if edge["control"] for h in controllers[owner]})
        ctrl = {entity_id} if not seat_in_eu else set()
        ctrl |= {holder for holder in shares if _controls(holder, owners, controllers, presumed_at)}
        ctrl |= set(rights)
        total = sum(
            edge["share"] * (1.0 if controllers[owner] else collective[owner]) for owner, edge in owners
        )
        controllers[entity_id] = ctrl
        individual[entity_id] = shares
        collective[entity_id] = min(total, 1.0)
        table[entity_id] = Capital(
            entity=entity_id,
            seat_in_eu=seat_in_eu,
            individual=dict(sorted(shares.items())),
            collective=collective[entity_id],
            controllers=tuple(sorted(ctrl - {entity_id})),
            control_rights=tuple(rights),
        )
    return table


def _controls(holder: str, owners: list, controllers: dict[str, set[str]], presumed_at: float | None) -> bool:
    """More than half the votes through owners the holder controls, or the rule's presumption."""
    held = sum(edge["votes"] for owner, edge in owners if holder in controllers[owner])
    if held > 0.5:
        return True
    if presumed_at is None or held <= presumed_at:
        return False
    others = max((edge["votes"] for owner, edge in owners if holder not in controllers[owner]), default=0.0)
    return others <= held
