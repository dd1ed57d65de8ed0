"""Built-in mitigations: the same design with one protection added, as a scenario transform.

"What would change the verdict" re-runs a design with each of these and reports the exposure
each removes. A mitigation edits the scenario's data (as :mod:`simulator.model.variants`
does) and validates it again through the model; it says in words what it changed, and
returns nothing when the design already has the protection (nothing to change).

"Home" is the controller's home jurisdiction (:mod:`simulator.model.frame`): EU-only support
for an EU controller, UK-only for a UK one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.model.scenario import Scenario

Data = dict[str, Any]
Edit = Callable[[Data, Scenario], list[str]]
"""Edits the scenario data in place; returns what it changed, one line each (empty: nothing)."""

CUSTOMER_KEYS_NODE = "customer-keys"
"""Id of the key manager added when the controller holds none."""


@dataclass(frozen=True)
class Mitigation:
    """A protection a design can add, with what it does in plain words."""

    id: str
    title: str
    description: str
    edit: Edit


@dataclass(frozen=True)
class Mitigated:
    """A design with one mitigation applied, and the changes it made."""

    mitigation: Mitigation
    scenario: Scenario
    changes: list[str]


def _home_site(data: Data, scenario: Scenario, preferred: list[str]) -> str | None:
    """The first site of ``preferred`` (then of the scenario) inside the home jurisdiction."""
    for site in [*preferred, *data["sites"]]:
        if site in data["sites"] and scenario.frame.is_home(data["sites"][site]["country"]):
            return site
    return None


def _provider_operators(data: Data, controller: str) -> set[str]:
    """Operators other than the controller of the nodes that hold or process data."""
    kinds = ("storage", "backup", "compute")
    return {n["operator"] for n in data["nodes"].values() if n["kind"] in kinds} - {controller}


def _customer_keys(data: Data, scenario: Scenario) -> list[str]:
    """Keys of every data class held by the controller in a key manager at home, when the
    provider holds them (no ``keys:``, or a key manager the provider operates) or data is
    stored in clear."""
    controller = scenario.controller.entity if scenario.controller else None
    if controller is None or scenario.frame.country is None:
        return []
    providers = _provider_operators(data, controller)
    changes = []
    for data_id, item in data["data"].items():
        keys = item.get("keys")
        # No keys: each node's operator holds them, so a provider does if it runs any node.
        held_by_provider = data["nodes"][keys]["operator"] in providers if keys else bool(providers)
        if not (held_by_provider or not item["encrypted_at_rest"]):
            continue
        item["encrypted_at_rest"] = True
        item["keys"] = _controller_key_manager(data, scenario, controller)
        _grant_lots(data, data_id, item["keys"])
        changes.append(f"{data_id}: encrypted at rest, keys held by {controller} in {item['keys']}")
    return changes


def _grant_lots(data: Data, data_id: str, manager: str) -> None:
    """The compute nodes that process ``data_id`` get its key for the lots they are given only."""
    grants = data["nodes"][manager].setdefault("grants", [])
    granted = {(g["node"], tuple(g.get("data", []))) for g in grants}
    for flow in data["flows"]:
        target = data["nodes"].get(flow["to"], {})
        if flow["data"] == data_id and target.get("kind") == "compute" and (flow["to"], ()) not in granted:
            grants.append({"node": flow["to"], "scope": "lot"})
            granted.add((flow["to"], ()))


def _per_lot_release(data: Data, scenario: Scenario) -> list[str]:
    """Grants that open a key for the whole stock narrowed to the lots each node is given."""
    changes = []
    for node_id, node in data["nodes"].items():
        for grant in node.get("grants", []) if node["kind"] == "key_manager" else []:
            if grant.get("scope", "stock") == "stock":
                grant["scope"] = "lot"
                changes.append(f"{node_id}: grant to {grant['node']} for the whole stock → per lot")
    return changes


def _controller_key_manager(data: Data, scenario: Scenario, controller: str) -> str:
    """The controller's key manager, added at a home site when it has none."""
    for node_id, node in data["nodes"].items():
        if node["kind"] == "key_manager" and node["operator"] == controller:
            return node_id
    site = _home_site(data, scenario, [])
    if site is None:
        site = "controller-premises"
        data["sites"][site] = {"country": scenario.frame.country, "name": "controller premises"}
    data["nodes"][CUSTOMER_KEYS_NODE] = {"kind": "key_manager", "operator": controller, "site": site}
    return CUSTOMER_KEYS_NODE


def _confidential_computing(data: Data, scenario: Scenario) -> list[str]:
    """Customer-held keys plus data protected in use (confidential computing) while processed."""
    keys = _customer_keys(data, scenario)
    enclaves = []
    for data_id, item in data["data"].items():
        if item["protection_in_use"] != "confidential_computing" and item.get("keys"):
            item["protection_in_use"] = "confidential_computing"
            enclaves.append(f"{data_id}: processed in confidential computing")
    return keys + enclaves if enclaves else []


def _home_support(data: Data, scenario: Scenario) -> list[str]:
    """Every support shift served from a home site by the desk's operator; no escalation abroad."""
    changes = []
    for node_id, node in data["nodes"].items():
        if node["kind"] != "support":
            continue
        home = _home_site(data, scenario, [node["site"], *(s["site"] for s in node["shifts"])])
        if home is None:
            continue
        for shift in node["shifts"]:
            if not scenario.frame.is_home(data["sites"][shift["site"]]["country"]):
                changes.append(
                    f"{node_id} shift {shift['hours']}: {shift['entity']} at {shift['site']} → "
                    f"{node['operator']} at {home}"
                )
                shift["site"], shift["entity"] = home, node["operator"]
        escalation = node.get("escalation")
        if escalation and not scenario.frame.is_home(data["sites"][escalation["site"]]["country"]):
            changes.append(f"{node_id}: no escalation to {escalation['entity']} at {escalation['site']}")
            node["escalation"] = None
    return changes


def _support_without_data(data: Data, scenario: Scenario) -> list[str]:
    """Support sessions see metadata only (no data access by default, as SecNumCloud asks)."""
    changes = []
    for node_id, node in data["nodes"].items():
        if node["kind"] == "support" and node["access"] != "metadata":
            changes.append(f"{node_id}: access {node['access']} → metadata")
            node["access"] = "metadata"
            if node.get("escalation"):
                node["escalation"]["access"] = "metadata"
    return changes


def _no_foreign_overflow(data: Data, scenario: Scenario) -> list[str]:
    """Compute overflows only to home sites (none when it had no home site)."""
    changes = []
    for node_id, node in data["nodes"].items():
        overflow = node.get("overflow") if node["kind"] == "compute" else None
        if not overflow:
            continue
        home = [s for s in overflow["sites"] if scenario.frame.is_home(data["sites"][s]["country"])]
        if home == overflow["sites"]:
            continue
        changes.append(f"{node_id}: overflow to {', '.join(overflow['sites'])} → {', '.join(home) or 'none'}")
        if home:
            overflow["sites"] = home
        else:
            node["overflow"] = None
    return changes


MITIGATIONS: tuple[Mitigation, ...] = (
    Mitigation(
        "customer-held-keys",
        "Customer-held keys",
        "Data encrypted at rest with keys the controller holds in a key manager the provider "
        "does not operate.",
        _customer_keys,
    ),
    Mitigation(
        "per-lot-key-release",
        "Keys released per lot",
        "A key manager the provider does not operate releases a key for each lot a node is given, "
        "not for the whole stock (e.g. after attesting an enclave).",
        _per_lot_release,
    ),
    Mitigation(
        "confidential-computing",
        "Confidential computing with customer-held keys",
        "Customer-held keys, and data processed only inside enclaves whose keys the provider cannot use.",
        _confidential_computing,
    ),
    Mitigation(
        "home-support",
        "Support from the home jurisdiction only",
        "Every support shift served from a home site by the desk's operator; no escalation abroad.",
        _home_support,
    ),
    Mitigation(
        "support-without-data-access",
        "Support without data access",
        "Support sessions see metadata only (SecNumCloud: no data access by default).",
        _support_without_data,
    ),
    Mitigation(
        "no-foreign-overflow",
        "No overflow outside the home jurisdiction",
        "Elastic compute overflows only to sites in the home jurisdiction.",
        _no_foreign_overflow,
    ),
)
"""The built-in mitigations, in the order reports list them."""


def mitigated(scenario: Scenario, mitigation: Mitigation) -> Mitigated | None:
    """``scenario`` with ``mitigation`` applied; ``None`` when the design already has it."""
    data = scenario.model_dump(mode="json", by_alias=True)
    changes = mitigation.edit(data, scenario)
    if not changes:
        return None
    return Mitigated(mitigation, Scenario.model_validate(data), changes)
