"""Who can technically decrypt a data class where it sits: key custody and decrypt grants.

This is the operator's side of readability, independent of any regime: a regime reads the
stock only if it reaches one of these decrypters (see :mod:`simulator.law.readability`), and a
support session transfers content only where its entity sees it in clear (see
:mod:`simulator.engine.support`).

* provider-managed keys: the operator of the node holding the data;
* BYOK: the key manager's operator, and the holding node's operator, whose service unwraps
  the key on every read;
* external key manager: its operator, and the operators of nodes granted the key for the
  whole stock (a per-lot release decrypts only the lots given to that node; a key released
  only to an attested enclave is not the operator's to use);
* client-side: the key manager's operator only;
* a telemetry store keeps what it is sent with its own service's keys (client-side ciphertext
  stays ciphertext).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.model.places import Place, can_see
from simulator.model.scenario import Scenario


@dataclass(frozen=True)
class Decrypter:
    """An entity that can decrypt the stock, where it does so, and how the report says it."""

    entity: str
    site: str
    how: str


def stock_decrypters(scenario: Scenario, data_id: str, node_id: str) -> list[Decrypter]:
    """Who can decrypt the stock of ``data_id`` held at ``node_id`` (the key holder first)."""
    data = scenario.data[data_id]
    node = scenario.nodes[node_id]
    custody = data.key_custody
    if node.kind == "telemetry" and custody != "client_side":
        return [Decrypter(node.operator, node.site, f"kept with the keys of telemetry store {node_id}")]
    if custody == "provider" or data.keys is None:
        return [Decrypter(node.operator, node.site, "keys held by provider")]
    manager = scenario.nodes[data.keys]
    holder = Decrypter(
        manager.operator, manager.site, f"keys held by {_name(scenario, manager.operator)} ({data.keys})"
    )
    if custody == "byok":
        how = f"customer-managed key unwrapped by {_name(scenario, node.operator)} on every read (BYOK)"
        return [holder, Decrypter(node.operator, node.site, how)]
    if custody == "client_side":
        return [holder]
    granted = []
    for grant in manager.grants_for(data_id):
        if grant.scope == "stock" and not grant.attestation:
            target = scenario.nodes[grant.node]
            how = (
                f"{_name(scenario, target.operator)} may decrypt the stock through node {grant.node} "
                "(stock-wide grant)"
            )
            granted.append(Decrypter(target.operator, target.site, how))
    return [holder, *granted]


def attested_release(scenario: Scenario, data_id: str, node_id: str) -> bool:
    """Whether the node gets the keys of ``data_id`` only inside an attested enclave."""
    data = scenario.data[data_id]
    if data.protection_in_use != "confidential_computing" or data.key_custody != "external":
        return False
    manager = scenario.nodes[data.keys or ""]
    grants = [grant for grant in manager.grants_for(data_id) if grant.node == node_id]
    return bool(grants) and all(grant.attestation for grant in grants)


def processed_in_clear(scenario: Scenario, data_id: str, node_id: str) -> bool:
    """Whether the lots of ``data_id`` are in clear in the memory of a compute node."""
    if scenario.data[data_id].key_custody == "client_side":
        return False
    return not attested_release(scenario, data_id, node_id)


def session_reads(scenario: Scenario, place: Place, data_id: str) -> bool:
    """Whether a support session at ``place`` reads ``data_id`` on its target node in clear.

    Its access level must show the data; on a compute node it reads the lots in memory; on a
    store it reads the stock if its entity or the node's operator can decrypt it (logs and
    metadata are read through the provider's own tooling, so only content stays ciphertext),
    except a crash dump, which carries memory only.
    """
    data = scenario.data[data_id]
    if not can_see(place.access, data.access_needed):
        return False
    node = scenario.nodes[place.node]
    if node.kind == "compute":
        return processed_in_clear(scenario, data_id, place.node)
    desk = scenario.nodes[place.desk or place.node]
    if desk.kind == "support" and desk.mode == "crash_dump":
        return False
    if not data.encrypted_at_rest or data.form != "content":
        return True
    entities = {node.operator, place.entity}
    return any(d.entity in entities for d in stock_decrypters(scenario, data_id, place.node))


def _name(scenario: Scenario, entity: str) -> str:
    return scenario.entities[entity].name
