"""Checks that need the whole scenario: every id refers to something of the right kind,
and ownership has no cycle (the first cycle found is reported: listing them all can take
exponential time and memory). Each problem comes with the path of the offending field."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from simulator.model.demand import LegalDemand
from simulator.model.scenario import Scenario, SupportNode

Loc = tuple[str | int, ...]


def reference_problems(scenario: Scenario) -> list[tuple[Loc, str]]:
    """Every broken reference in ``scenario``, as (field path, message)."""
    return list(_problems(scenario))


def _frame_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    """The controller, processors and transfer-tool importers name entities of the catalogue."""
    named: list[tuple[Loc, str]] = [(("processors", i), e) for i, e in enumerate(s.processors)]
    named += [(("transfer_tools", e), e) for e in s.transfer_tools]
    if s.controller is not None:
        named.insert(0, (("controller", "entity"), s.controller.entity))
    for loc, entity in named:
        if entity not in s.entities:
            yield loc, f"unknown entity {entity!r} (known: {_known(s.entities)})"


def _problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    """Every section's broken references, in file order of the sections."""
    for section in (
        _owner_problems,
        _ownership_cycles,
        _evidence_ids_unique,
        _frame_problems,
        _node_problems,
        _grant_problems,
        _data_problems,
        _flow_problems,
        _event_problems,
        _timeline_problems,
        _assertion_problems,
    ):
        yield from section(s)
    if any(phase.start >= s.horizon for phase in s.timeline[1:]):
        yield ("timeline",), "a phase starts at or after the horizon; it would never run"


def _need(
    loc: Loc, value: str | None, table: Mapping[str, Any], what: str, kinds: tuple[str, ...] = ()
) -> Iterator[tuple[Loc, str]]:
    """``value`` names an entry of ``table`` (of one of ``kinds``, for nodes), or a problem."""
    if value is None:
        return
    if value not in table:
        yield loc, f"unknown {what} {value!r} (known: {_known(table)})"
    elif kinds and table[value].kind not in kinds:
        yield loc, f"{what} {value!r} is a {table[value].kind} node, expected {' or '.join(kinds)}"


def _phases_named(s: Scenario, base: Loc, phases: list[str]) -> Iterator[tuple[Loc, str]]:
    known = {phase.name: phase for phase in s.timeline}
    for index, phase in enumerate(phases):
        yield from _need(base + ("phases", index), phase, known, "phase")


def _owner_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    for entity_id, entity in s.entities.items():
        for index, owner in enumerate(entity.owners):
            loc: Loc = ("entities", entity_id, "owners", index, "entity")
            yield from _need(loc, owner.entity, s.entities, "entity")
            if owner.entity == entity_id:
                yield loc, "an entity cannot own itself"


def _node_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    for node_id, node in s.nodes.items():
        base: Loc = ("nodes", node_id)
        yield from _need(base + ("operator",), node.operator, s.entities, "entity")
        for index, site in enumerate(node.sites):
            loc = base + (("site",) if index == 0 else ("replicas", index - 1))
            yield from _need(loc, site, s.sites, "site")
        yield from _phases_named(s, base, node.phases)
        if node.kind == "compute" and node.overflow:
            for index, site in enumerate(node.overflow.sites):
                yield from _need(base + ("overflow", "sites", index), site, s.sites, "site")
            yield from _need(base + ("overflow", "operator"), node.overflow.operator, s.entities, "entity")
        if node.kind == "support":
            yield from _support_problems(s, node, base)
        if node.kind == "key_manager":
            for index, grant in enumerate(node.grants):
                yield from _need(base + ("grants", index, "node"), grant.node, s.nodes, "node")
                for d_index, data_id in enumerate(grant.data):
                    yield from _need(base + ("grants", index, "data", d_index), data_id, s.data, "data class")


def _support_problems(s: Scenario, node: SupportNode, base: Loc) -> Iterator[tuple[Loc, str]]:
    for index, shift in enumerate(node.shifts):
        yield from _need(base + ("shifts", index, "site"), shift.site, s.sites, "site")
        yield from _need(base + ("shifts", index, "entity"), shift.entity, s.entities, "entity")
    if node.escalation:
        yield from _need(base + ("escalation", "site"), node.escalation.site, s.sites, "site")
        yield from _need(base + ("escalation", "entity"), node.escalation.entity, s.entities, "entity")


def _data_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    for data_id, data in s.data.items():
        base: Loc = ("data", data_id)
        yield from _need(base + ("keys",), data.keys, s.nodes, "node", ("key_manager",))
        for index, node_id in enumerate(data.stored_in):
            yield from _need(base + ("stored_in", index), node_id, s.nodes, "node", ("storage", "backup"))
        if data.pseudonymised:
            yield from _need(base + ("pseudonymised", "table"), data.pseudonymised.table, s.nodes, "node")
        if data.protection_in_use == "confidential_computing" and data.keys is None:
            yield (
                base + ("protection_in_use",),
                "confidential computing protects data in use only with keys held apart from the "
                "operator; name a key_manager node in 'keys'",
            )


def _flow_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    names = [flow.name for flow in s.flows if flow.name]
    receivers = ("storage", "backup", "compute", "telemetry")
    for index, flow in enumerate(s.flows):
        base: Loc = ("flows", index)
        if flow.name and names.count(flow.name) > 1:
            yield base + ("name",), f"flow name {flow.name!r} is used twice; names key the random streams"
        yield from _need(base + ("from",), flow.source, s.nodes, "node")
        yield from _need(base + ("to",), flow.to, s.nodes, "node", receivers)
        yield from _need(base + ("data",), flow.data, s.data, "data class")
        yield from _need(base + ("transit", "carrier"), flow.transit.carrier, s.entities, "entity")
        yield from _need(base + ("transit", "terminates"), flow.transit.terminates, s.nodes, "node")
        yield from _phases_named(s, base, flow.phases)
        if flow.source == flow.to:
            yield base + ("to",), "a flow must go to another node"


def _event_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    for index, incident in enumerate(s.events.incidents):
        base: Loc = ("events", "incidents", index)
        for n_index, node_id in enumerate(incident.nodes):
            yield from _need(base + ("nodes", n_index), node_id, s.nodes, "node")
        yield from _need(base + ("support",), incident.support, s.nodes, "node", ("support",))
        yield from _phases_named(s, base, incident.phases)
    for index, outage in enumerate(s.events.outages):
        yield from _need(("events", "outages", index, "site"), outage.site, s.sites, "site")
    for index, demand in enumerate(s.events.legal_demands):
        base = ("events", "legal_demands", index)
        yield from _need(base + ("regime",), demand.regime, s.regimes, "regime")
        yield from _need(base + ("target",), demand.target, s.entities, "entity")
        for d_index, data_id in enumerate(demand.data):
            yield from _need(base + ("data", d_index), data_id, s.data, "data class")
        yield from _demand_problems(s, demand, base)


def _timeline_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    stores = ("storage", "backup")
    for index, phase in enumerate(s.timeline):
        base: Loc = ("timeline", index)
        for c_index, copy in enumerate(phase.copy_data):
            yield from _need(base + ("copy", c_index, "from"), copy.source, s.nodes, "node", stores)
            yield from _need(base + ("copy", c_index, "to"), copy.to, s.nodes, "node", stores)
            yield from _need(base + ("copy", c_index, "data"), copy.data, s.data, "data class")
        for p_index, purge in enumerate(phase.purge):
            yield from _need(base + ("purge", p_index, "node"), purge.node, s.nodes, "node", stores)
            for d_index, data_id in enumerate(purge.data):
                yield from _need(base + ("purge", p_index, "data", d_index), data_id, s.data, "data class")


def _assertion_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    for index, item in enumerate(s.assertions):
        base: Loc = ("assertions", index)
        for d_index, data_id in enumerate(item.data):
            yield from _need(base + ("data", d_index), data_id, s.data, "data class")
        yield from _need(base + ("node",), item.node, s.nodes, "node")
        if isinstance(item.regimes, list):
            for r_index, regime in enumerate(item.regimes):
                yield from _need(base + ("regimes", r_index), regime, s.regimes, "regime")


def _demand_problems(s: Scenario, demand: LegalDemand, base: Loc) -> Iterator[tuple[Loc, str]]:
    """A directive needs a period; a rate from evidence needs known, exact counts."""
    regime = s.regimes.get(demand.regime)
    if regime is not None and demand.instrument == "directive" and demand.in_force_hours(regime) is None:
        yield base + ("lasts",), f"regime {demand.regime!r} sets no directive period; give `lasts`"
    if demand.from_evidence is None:
        return
    for index, evidence_id in enumerate(demand.from_evidence.evidence):
        loc = base + ("from_evidence", "evidence", index)
        item = s.evidence.get(evidence_id)
        if item is None:
            yield loc, f"unknown evidence {evidence_id!r}; known: {_known(s.evidence)}"
        elif item.banded:
            yield (
                loc,
                f"evidence {evidence_id!r} gives a band, not a count: it cannot enter a Gamma posterior",
            )


def _evidence_ids_unique(s: Scenario) -> Iterator[tuple[Loc, str]]:
    seen: dict[str, str] = {}
    for entity_id, entity in s.entities.items():
        for index, item in enumerate(entity.evidence):
            if item.id in seen:
                yield (
                    ("entities", entity_id, "evidence", index, "id"),
                    f"evidence id {item.id!r} is also on {seen[item.id]!r}",
                )
            seen.setdefault(item.id, entity_id)


def _grant_problems(s: Scenario) -> Iterator[tuple[Loc, str]]:
    """A compute node that processes data under external custody holds a grant for its key;
    client-side keys are never granted to a node."""
    for data_id, data in s.data.items():
        manager = s.nodes.get(data.keys or "")
        if manager is None or manager.kind != "key_manager":
            continue
        if data.key_custody == "client_side" and manager.grants_for(data_id):
            yield (
                ("nodes", data.keys, "grants"),
                f"{data_id} is encrypted client-side: its keys are never released to a node; "
                "use custody 'external' to grant them",
            )
        if data.key_custody == "external":
            granted = {grant.node for grant in manager.grants_for(data_id)}
            yield from _ungranted_processing(s, data_id, data.keys, granted)


def _ungranted_processing(
    s: Scenario, data_id: str, keys: str, granted: set[str]
) -> Iterator[tuple[Loc, str]]:
    for index, flow in enumerate(s.flows):
        target = s.nodes.get(flow.to)
        if (
            flow.data == data_id
            and target is not None
            and target.kind == "compute"
            and flow.to not in granted
        ):
            yield (
                ("flows", index, "to"),
                f"compute node {flow.to!r} processes {data_id} but holds no grant for its key; "
                f"list it in the grants of {keys!r} (scope 'stock' or 'lot')",
            )


def _ownership_cycles(s: Scenario) -> Iterator[tuple[Loc, str]]:
    graph = nx.DiGraph()
    for entity_id, entity in s.entities.items():
        for owner in entity.owners:
            if owner.entity in s.entities and owner.entity != entity_id:
                graph.add_edge(owner.entity, entity_id)
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    cycle = [owner for owner, _owned in edges]
    start = cycle.index(min(cycle))
    cycle = cycle[start:] + cycle[:start]
    yield ("entities", cycle[0], "owners"), "ownership cycle: " + " → ".join([*cycle, cycle[0]])


def _known(ids: Iterable[str], limit: int = 160) -> str:
    """The known ids, sorted, cut after whole ids once ``limit`` characters are reached."""
    shown: list[str] = []
    ordered = sorted(ids)
    for id_ in ordered:
        if shown and len(", ".join([*shown, id_])) > limit:
            return ", ".join(shown) + f", … ({len(ordered) - len(shown)} more)"
        shown.append(id_)
    return ", ".join(shown) or "none defined"
