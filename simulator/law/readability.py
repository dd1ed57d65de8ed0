"""Who can read what, where: the static exposure map of a scenario.

For each regime, data class and place (see :mod:`simulator.model.places`) it decides whether
the regime can compel a *readable* copy, following DESIGN.md:

* at rest — the holder (or the data's location) is reached and the data is unencrypted or
  its keys are held by a reached entity;
* in processing — the operator (or location) is reached, unless the data is protected in use
  (confidential computing) with keys outside reach;
* in transit — the carrier is reached and encryption is not end to end;
* under support — the serving entity is reached or the session is served from the regime's
  country, its access level shows the data, and the data is in clear on the node in scope.

Every decision, readable or not, carries its explanation path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulator.law.reach import ReachMap, resolve_reach
from simulator.model.catalog import Regime
from simulator.model.places import Place, can_see, data_at_nodes, enumerate_places
from simulator.model.scenario import DataClass, Scenario


@dataclass(frozen=True)
class Verdict:
    """Whether one regime can read one data class at one place, and the path that says why."""

    regime: str
    data: str
    place: Place
    readable: bool
    path: tuple[str, ...]

    @property
    def explanation(self) -> str:
        return " → ".join(self.path)


@dataclass(frozen=True)
class ExposureMap:
    """The static analysis the engine and the reports start from."""

    scenario: Scenario
    reach: ReachMap
    places: list[Place]
    regimes: list[str]
    data: list[str]
    verdicts: dict[tuple[str, str, int], Verdict]
    """(regime, data class, place index) → verdict, for data that can be at that place."""

    def readable_mask(self) -> np.ndarray:
        """Boolean array [regime, data class, place]: readable copies."""
        mask = np.zeros((len(self.regimes), len(self.data), len(self.places)), dtype=bool)
        for (regime, data, place), verdict in self.verdicts.items():
            if verdict.readable:
                mask[self.regimes.index(regime), self.data.index(data), place] = True
        return mask

    def exposures(self) -> list[Verdict]:
        return [v for v in self.verdicts.values() if v.readable]


def analyse(scenario: Scenario) -> ExposureMap:
    """Resolve reach and readability for every place of a scenario."""
    reach = resolve_reach(scenario.regimes, scenario.entities)
    places = enumerate_places(scenario)
    present = data_at_nodes(scenario)
    verdicts: dict[tuple[str, str, int], Verdict] = {}
    for regime in scenario.regimes.values():
        for place in places:
            data_ids = (
                [scenario.flows[place.flow].data] if place.flow is not None else sorted(present[place.node])
            )
            for data_id in data_ids:
                verdict = _verdict(scenario, reach, regime, data_id, place)
                if verdict is not None:
                    verdicts[(regime.id, data_id, place.index)] = verdict
    return ExposureMap(
        scenario=scenario,
        reach=reach,
        places=places,
        regimes=sorted(scenario.regimes),
        data=sorted(scenario.data),
        verdicts=verdicts,
    )


def _holder_path(
    scenario: Scenario, reach: ReachMap, regime: Regime, entity: str, site: str
) -> tuple[str, ...] | None:
    """Why ``regime`` reaches whoever holds data at ``site`` for ``entity``, or None."""
    found = reach.reach(regime.id, entity)
    if found:
        return found.path
    if not scenario.entities[entity].has_role(regime.compels):
        return None
    country = scenario.sites[site].country
    if "data_location" in regime.triggers and country == regime.country:
        return (regime.name, f"data located in {country} (site {site})")
    return None


def _key_holder(scenario: Scenario, data: DataClass, place: Place) -> tuple[str, str, str]:
    """(entity, site, description) of whoever holds the keys of ``data`` at ``place``."""
    if data.keys is None:
        node = scenario.nodes[place.node]
        return node.operator, node.site, "keys held by provider"
    manager = scenario.nodes[data.keys]
    name = scenario.entities[manager.operator].name
    return manager.operator, manager.site, f"keys held by {name} ({data.keys})"


def _verdict(
    scenario: Scenario, reach: ReachMap, regime: Regime, data_id: str, place: Place
) -> Verdict | None:
    if place.state not in regime.states:
        return None
    holder = _holder_path(scenario, reach, regime, place.entity, place.site)
    country = scenario.sites[place.site].country
    compellable = scenario.entities[place.entity].has_role(regime.compels)
    if holder is None and place.state == "support" and country == regime.country and compellable:
        holder = (regime.name, f"session served from {country} (site {place.site})")
    if holder is None:
        return None
    data = scenario.data[data_id]
    where = f"{country}, {scenario.frame.zone_label(country)}"
    node = scenario.nodes[place.node]
    key_entity, key_site, keys = _key_holder(scenario, data, place)
    keys_reached = _holder_path(scenario, reach, regime, key_entity, key_site) is not None

    def verdict(readable: bool, step: str, outcome: str) -> Verdict:
        return Verdict(regime.id, data_id, place, readable, holder + (step, f"{data_id} {outcome}"))

    if place.state == "rest":
        step = f"holds {node.kind} node {place.node} at {place.site} ({where}, {place.role})"
        if not data.encrypted_at_rest:
            return verdict(True, step, "at rest, unencrypted")
        if keys_reached:
            return verdict(True, step, f"at rest, {keys}")
        return verdict(False, step, f"at rest: ciphertext only, {keys}, outside reach")
    if place.state == "processing":
        step = f"operates compute node {place.node} at {place.site} ({where}, {place.role})"
        if data.protection_in_use == "confidential_computing" and not keys_reached:
            return verdict(False, step, f"in processing: confidential computing, {keys}, outside reach")
        return verdict(True, step, "in processing, in clear in memory")
    if place.state == "transit":
        flow = scenario.flows[place.flow or 0]
        step = f"carries flow {flow.source} → {flow.to} ({flow.transit.encryption})"
        if flow.transit.encryption == "e2e":
            return verdict(False, step, "in transit: end-to-end encrypted")
        how = "unencrypted" if flow.transit.encryption == "none" else "TLS terminated by the carrier"
        return verdict(True, step, f"in transit, {how}")
    # support
    desk = place.desk or place.node
    served = f"serves {place.role} of {desk} from {place.site} ({where}), access {place.access}"
    if not can_see(place.access, data.access_needed):
        return verdict(False, served, f"under support: access '{place.access}' does not show {data.form}")
    if node.kind == "compute":
        if data.protection_in_use == "confidential_computing" and not keys_reached:
            return verdict(
                False, served, f"under support on {place.node}: confidential computing, {keys}, outside reach"
            )
        return verdict(True, served, f"under support on {place.node}, in clear in processing")
    if data.encrypted_at_rest and not keys_reached and data.form == "content":
        return verdict(
            False, served, f"under support on {place.node}: ciphertext only, {keys}, outside reach"
        )
    return verdict(True, served, f"under support on {place.node}, session reads {data.form}")
