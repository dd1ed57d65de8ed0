"""Who can read what, where: the static exposure map of a scenario.

For each regime, data class and place (see :mod:`simulator.model.places`) it decides whether
the regime can compel a *readable* copy, following DESIGN.md and what the operator can
technically do (:mod:`simulator.law.custody`):

* at rest (storage, backup and telemetry stores) — the holder (or the data's location) is
  reached and the data is unencrypted, or one who can decrypt the stock is reached: the key
  holder, the provider under BYOK, a node with a stock-wide grant, the telemetry service;
* in processing — the operator (or location) is reached, unless the data is client-side
  encrypted or released only to an attested enclave (confidential computing) with the key
  holder outside reach;
* in transit — the endpoint that terminates TLS is reached, or, unencrypted, the carrier is
  reached or the path crosses the regime's country (upstream collection);
* under support — the serving entity is reached or the session is served from the regime's
  country, its access level and mode show the data, and the data is in clear to the session.

A readable verdict on pseudonymised data whose re-identification table is out of the regime's
reach is "readable, pseudonymised" (EDPB use case 2), never protected and never identified.
Every decision, readable or not, carries its explanation path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulator.law.custody import attested_release, session_reads, stock_decrypters
from simulator.law.reach import ReachMap, resolve_reach
from simulator.model.access import CONFIDENTIAL_COMPUTING, SUPPORT_MODES
from simulator.model.catalog import Regime
from simulator.model.places import Place, can_see, data_at_nodes, enumerate_places
from simulator.model.scenario import Flow, Scenario


@dataclass(frozen=True)
class Verdict:
    """Whether one regime can read one data class at one place, and the path that says why."""

    regime: str
    data: str
    place: Place
    readable: bool
    path: tuple[str, ...]
    pseudonymised: bool = False
    """Readable, but only pseudonymised: the re-identification table is out of the regime's reach."""

    @property
    def explanation(self) -> str:
        return " → ".join(self.path)

    @property
    def category(self) -> str:
        if not self.readable:
            return "protected"
        return "readable, pseudonymised" if self.pseudonymised else "readable"


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

    def pseudonymised_mask(self) -> np.ndarray:
        """Boolean array [regime, data class, place]: readable copies that are only pseudonymised."""
        mask = np.zeros((len(self.regimes), len(self.data), len(self.places)), dtype=bool)
        for (regime, data, place), verdict in self.verdicts.items():
            if verdict.readable and verdict.pseudonymised:
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


def _reached_decrypter(
    scenario: Scenario, reach: ReachMap, regime: Regime, data_id: str, node_id: str
) -> str | None:
    """How a reached entity decrypts the stock at ``node_id`` (e.g. through a grant), or None."""
    for decrypter in stock_decrypters(scenario, data_id, node_id):
        if _holder_path(scenario, reach, regime, decrypter.entity, decrypter.site) is not None:
            return decrypter.how
    return None


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
    if place.state == "transit":
        found = _transit(scenario, reach, regime, data_id, place, holder)
    elif holder is None:
        return None
    else:
        state = {"rest": _rest, "processing": _processing, "support": _support}[place.state]
        found = state(scenario, reach, regime, data_id, place)
    if found is None:
        return None
    readable, steps = found
    verdict = Verdict(regime.id, data_id, place, readable, (*(holder or ()), *steps))
    return _pseudonymised(scenario, reach, regime, verdict)


Finding = tuple[bool, tuple[str, ...]]


def _where(scenario: Scenario, place: Place) -> str:
    country = scenario.sites[place.site].country
    return f"{place.site} ({country}, {scenario.frame.zone_label(country)}, {place.role})"


def _stock_keys(scenario: Scenario, data_id: str, node_id: str) -> str:
    return stock_decrypters(scenario, data_id, node_id)[0].how


def _rest(scenario: Scenario, reach: ReachMap, regime: Regime, data_id: str, place: Place) -> Finding:
    data = scenario.data[data_id]
    node = scenario.nodes[place.node]
    step = f"holds {node.kind} node {place.node} at {_where(scenario, place)}"
    if not data.encrypted_at_rest:
        return True, (step, f"{data_id} at rest, unencrypted")
    keys = _stock_keys(scenario, data_id, place.node)
    how = _reached_decrypter(scenario, reach, regime, data_id, place.node)
    if how is None:
        return False, (step, f"{data_id} at rest: ciphertext only, {keys}, outside reach")
    return True, (step, f"{data_id} at rest, {keys if how == keys else f'{keys}, but {how}'}")


def _processing(scenario: Scenario, reach: ReachMap, regime: Regime, data_id: str, place: Place) -> Finding:
    node = scenario.nodes[place.node]
    assert node.kind == "compute"
    step = f"operates compute node {place.node} at {_where(scenario, place)}"
    keys = _stock_keys(scenario, data_id, place.node)
    if scenario.data[data_id].key_custody == "client_side":
        return False, (step, f"{data_id} in processing: client-side encrypted, ciphertext only, {keys}")
    if attested_release(scenario, data_id, place.node):
        if _reached_decrypter(scenario, reach, regime, data_id, place.node) is None:
            return False, (
                step,
                f"{data_id} in processing: {CONFIDENTIAL_COMPUTING.summary}; {keys}, outside reach",
            )
    elif scenario.data[data_id].protection_in_use == "confidential_computing":
        return True, (
            step,
            f"{data_id} in processing: confidential computing without keys released only "
            "to an attested enclave, in clear to the operator",
        )
    return True, (step, f"{data_id} in processing, in clear in memory")


def _transit(
    scenario: Scenario,
    reach: ReachMap,
    regime: Regime,
    data_id: str,
    place: Place,
    endpoint: tuple[str, ...] | None,
) -> Finding | None:
    """Read in clear where TLS terminates (``endpoint``: the path to its reached operator), or on the way."""
    flow = scenario.flows[place.flow or 0]
    encryption = flow.transit.encryption
    endpoint_node = flow.transit.terminates or flow.to
    ends = f"flow {flow.source} → {flow.to} ({encryption}) ending at {endpoint_node}@{place.site}"
    if scenario.data[data_id].key_custody == "client_side" or encryption == "e2e":
        how = "end-to-end encrypted" if encryption == "e2e" else "client-side encrypted"
        return (False, (ends, f"{data_id} in transit: {how}")) if endpoint else None
    if endpoint is not None:
        if encryption == "tls":
            return True, (f"terminates TLS of {ends}", f"{data_id} in transit, in clear where TLS ends")
        return True, (f"receives {ends}", f"{data_id} in transit, unencrypted")
    return _on_the_way(scenario, reach, regime, data_id, flow, ends)


def _on_the_way(
    scenario: Scenario, reach: ReachMap, regime: Regime, data_id: str, flow: Flow, ends: str
) -> Finding | None:
    """Carriers and upstream collection on the path read unencrypted traffic; TLS leaves them ciphertext."""
    path = _path_countries(scenario, flow)
    crosses = f"path crosses {regime.country} ({', '.join(path)})"
    if flow.transit.encryption == "tls":
        if regime.country in path:
            return False, (regime.name, crosses, f"{data_id} in transit: ciphertext only, {ends}")
        return None
    carried = reach.reach(regime.id, flow.transit.carrier or scenario.nodes[flow.to].operator)
    if carried:
        return True, (*carried.path, f"carries {ends}", f"{data_id} in transit, unencrypted")
    if regime.country in path:
        return True, (regime.name, f"{crosses}: upstream collection", f"{data_id} in transit, unencrypted")
    return None


def _path_countries(scenario: Scenario, flow: Flow) -> list[str]:
    """Countries a flow's path crosses: declared in ``via``, else those of its ends and TLS endpoint."""
    if flow.transit.via:
        return list(flow.transit.via)
    nodes = (flow.source, flow.transit.terminates or flow.to, flow.to)
    return sorted({scenario.sites[scenario.nodes[node].site].country for node in nodes})


def _support(scenario: Scenario, reach: ReachMap, regime: Regime, data_id: str, place: Place) -> Finding:
    data = scenario.data[data_id]
    node = scenario.nodes[place.node]
    desk = scenario.nodes[place.desk or place.node]
    assert desk.kind == "support"
    where = _where(scenario, place)
    served = f"serves {place.role} of {place.desk} from {where}, access {place.access}, {desk.mode}"
    if desk.lockbox is not None:
        served += f" (if the controller approves, p = {desk.lockbox.approval:g})"
    on = f"{data_id} under support on {place.node}"
    if not can_see(place.access, data.access_needed):
        return False, (served, f"{data_id} under support: access '{place.access}' does not show {data.form}")
    if session_reads(scenario, place, data_id):
        what = "in clear in processing" if node.kind == "compute" else f"session reads {data.form}"
        return True, (served, f"{on}, {what}")
    if desk.mode == "crash_dump" and node.kind != "compute":
        return False, (served, f"{on}: {SUPPORT_MODES['crash_dump'].summary}")
    how = _reached_decrypter(scenario, reach, regime, data_id, place.node)
    if how is not None:
        return True, (served, f"{on}, ciphertext the regime can decrypt: {how}")
    keys = _stock_keys(scenario, data_id, place.node)
    if node.kind == "compute":
        return False, (served, f"{on}: not in clear in memory, {keys}, outside reach")
    return False, (served, f"{on}: ciphertext only, {keys}, outside reach")


def _pseudonymised(scenario: Scenario, reach: ReachMap, regime: Regime, verdict: Verdict) -> Verdict:
    """A readable copy of pseudonymised data is only pseudonymised while the table is out of reach."""
    table = scenario.data[verdict.data].pseudonymised
    if not verdict.readable or table is None:
        return verdict
    keeper = scenario.nodes[table.table]
    if _holder_path(scenario, reach, regime, keeper.operator, keeper.site) is not None:
        return verdict
    step = f"re-identification table at {table.table} outside reach: readable, pseudonymised"
    return Verdict(
        verdict.regime, verdict.data, verdict.place, True, (*verdict.path, step), pseudonymised=True
    )
