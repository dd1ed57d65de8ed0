"""Places: every (node, site, holder, state) where a copy of data can be during a run.

The engine keeps its ledger per place and the law module decides, per place, which regime
can read which data class there. Enumerating places once, up front, is what lets the ledger
be fixed-size numpy arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.model.catalog import State
from simulator.model.scenario import ACCESS_ORDER, Access, Scenario

STORE_KINDS = ("storage", "backup", "telemetry")
"""Nodes that hold data at rest for a retention: every storage rule and regime applies to them."""


@dataclass(frozen=True)
class Place:
    """One spot where data can sit, with whoever holds it there."""

    index: int
    node: str
    state: State
    site: str
    entity: str
    role: str  # primary, replica 1, overflow, shift 00-08, escalation, flow 3
    """For transit, ``node``, ``site`` and ``entity`` are those of the endpoint that terminates TLS."""
    access: Access = "data"
    desk: str | None = None  # support node serving this place
    flow: int | None = None

    @property
    def label(self) -> str:
        detail = f" via {self.desk}" if self.desk else ""
        return f"{self.node}@{self.site} ({self.state}, {self.role}{detail})"


def enumerate_places(scenario: Scenario) -> list[Place]:
    """All places of a scenario, in a stable order (nodes and flows in file order)."""
    places: list[Place] = []

    def add(**fields: object) -> None:
        places.append(Place(index=len(places), **fields))  # type: ignore[arg-type]

    for node_id, node in scenario.nodes.items():
        if node.kind in STORE_KINDS:
            for number, site in enumerate(node.sites):
                add(node=node_id, state="rest", site=site, entity=node.operator, role=_role(number))
        elif node.kind == "compute":
            for number, site in enumerate(node.sites):
                add(node=node_id, state="processing", site=site, entity=node.operator, role=_role(number))
            if node.overflow:
                for site in node.overflow.sites:
                    operator = node.overflow.operator or node.operator
                    add(node=node_id, state="processing", site=site, entity=operator, role="overflow")
    for incident in scenario.events.incidents:
        desk = scenario.nodes[incident.support]
        assert desk.kind == "support"
        for target in incident.nodes:
            for shift in desk.shifts:
                add(
                    node=target,
                    state="support",
                    site=shift.site,
                    entity=shift.entity,
                    role=f"shift {shift.hours}",
                    access=desk.access,
                    desk=incident.support,
                )
            if desk.escalation:
                esc = desk.escalation
                add(
                    node=target,
                    state="support",
                    site=esc.site,
                    entity=esc.entity,
                    role="escalation",
                    access=esc.access or desk.access,
                    desk=incident.support,
                )
    for number, flow in enumerate(scenario.flows):
        endpoint_id = flow.transit.terminates or flow.to
        endpoint = scenario.nodes[endpoint_id]
        add(
            node=endpoint_id,
            state="transit",
            site=endpoint.site,
            entity=endpoint.operator,
            role=f"flow {number}",
            flow=number,
        )
    return _dedupe(places)


def _role(number: int) -> str:
    return "primary" if number == 0 else f"replica {number}"


def _dedupe(places: list[Place]) -> list[Place]:
    """Two incidents on the same node and desk share their support places."""
    seen: dict[tuple, Place] = {}
    for place in places:
        key = (
            place.node,
            place.state,
            place.site,
            place.entity,
            place.role,
            place.access,
            place.desk,
            place.flow,
        )
        seen.setdefault(key, place)
    return [Place(**{**place.__dict__, "index": index}) for index, place in enumerate(seen.values())]


def can_see(access: Access, needed: Access) -> bool:
    """Whether an access level shows data that needs ``needed``."""
    return ACCESS_ORDER[access] >= ACCESS_ORDER[needed]


def data_at_nodes(scenario: Scenario) -> dict[str, set[str]]:
    """Data classes that can ever be at each node (stock, flows, copies)."""
    present: dict[str, set[str]] = {node_id: set() for node_id in scenario.nodes}
    for data_id, data in scenario.data.items():
        for node_id in data.stored_in:
            present[node_id].add(data_id)
    for flow in scenario.flows:
        present[flow.to].add(flow.data)
    for phase in scenario.timeline:
        for copy in phase.copy_data:
            present[copy.to].add(copy.data)
    return present
