"""Key custody and decrypt grants: what the Irish subsidiary of a US parent can hand over.

One design per custody mode: a hospital's health records stored and processed by the
subsidiary (reached by the US test law through its parent), support from the US parent. Each
test states the at-rest, processing and support verdicts a security architect expects.
"""

from __future__ import annotations

import pytest

from simulator.errors import InputError
from simulator.law.readability import Verdict, analyse
from simulator.model.load import parse_scenario
from tests.conftest import TEST_CATALOG

DESIGN = """
name: Custody modes
sources: [https://example.org/custody]
horizon: 30d
controller: {{entity: hospital}}
sites:
  paris: {{country: FR}}
  dublin: {{country: IE}}
  us-east: {{country: US}}
nodes:
  his: {{kind: ingest, operator: hospital, site: paris}}
  store: {{kind: storage, operator: eu-sub, site: dublin}}
  analytics:
    kind: compute
    operator: eu-sub
    site: dublin
    servers: 2
    service: {{mean: 20m}}
{keys}
  desk:
    kind: support
    operator: eu-sub
    access: data
    session: 2h
    shifts: [{{hours: "00-24", site: us-east, entity: us-parent}}]
data:
  records: {{records: 10000, sensitivity: health, retention: 1y, stored_in: [store]{data}}}
flows:
  - {{from: his, to: store, data: records, rate: 10/h, lot: 5}}
  - {{from: store, to: analytics, data: records, rate: 2/h, lot: 10}}
events:
  incidents: [{{rate: 1/day, nodes: [analytics, store], support: desk}}]
"""
HOSPITAL_KEYS = "  hsm: {{kind: key_manager, operator: hospital, site: paris{grants}}}"


def design(keys: str = "", data: str = "") -> str:
    return DESIGN.format(keys=keys, data=data)


def external(scope: str) -> str:
    grants = HOSPITAL_KEYS.format(grants=f", grants: [{{node: analytics, scope: {scope}}}]")
    return design(grants, ", keys: hsm")


def verdicts(text: str) -> dict[tuple[str, str], Verdict]:
    """(node, state) → the US test law's verdict."""
    exposure = analyse(parse_scenario(text, catalog=TEST_CATALOG))
    return {(v.place.node, v.place.state): v for v in exposure.verdicts.values() if v.regime == "us-law"}


ALL_READABLE = dict.fromkeys(("rest", "processing", "support on the store", "support on analytics"), True)


def readable(text: str) -> dict[str, bool]:
    seen = verdicts(text)
    return {
        "rest": seen[("store", "rest")].readable,
        "processing": seen[("analytics", "processing")].readable,
        "support on the store": seen[("store", "support")].readable,
        "support on analytics": seen[("analytics", "support")].readable,
    }


def test_provider_managed_keys_expose_everything_the_operator_touches() -> None:
    assert readable(design()) == ALL_READABLE
    assert verdicts(design())[("store", "rest")].explanation.endswith(
        "records at rest, keys held by provider"
    )


def test_byok_in_the_providers_key_service_leaves_the_stock_readable() -> None:
    vault = "  vault: {kind: key_manager, operator: eu-sub, site: dublin}"
    text = design(vault, ", keys: vault, custody: byok")
    assert readable(text) == ALL_READABLE
    assert verdicts(text)[("store", "rest")].explanation.endswith(
        "records at rest, keys held by EU Subsidiary Ltd (vault)"
    )


def test_byok_with_the_customer_holding_the_key_service_still_lets_the_provider_unwrap() -> None:
    text = design(HOSPITAL_KEYS.format(grants=""), ", keys: hsm, custody: byok")
    rest = verdicts(text)[("store", "rest")]
    assert rest.readable
    assert "unwrapped by EU Subsidiary Ltd on every read (BYOK)" in rest.explanation


def test_external_key_manager_with_a_stock_wide_grant_to_a_reached_compute_node_exposes_the_stock() -> None:
    assert readable(external("stock")) == ALL_READABLE
    assert verdicts(external("stock"))[("store", "rest")].explanation.endswith(
        "records at rest, keys held by Public Hospital (hsm), but EU Subsidiary Ltd may decrypt the stock "
        "through node analytics (stock-wide grant)"
    )


def test_external_key_manager_with_per_lot_release_keeps_the_stock_ciphertext() -> None:
    assert readable(external("lot")) == {**ALL_READABLE, "rest": False, "support on the store": False}
    assert "ciphertext only, keys held by Public Hospital (hsm), outside reach" in (
        verdicts(external("lot"))[("store", "support")].explanation
    )


def test_client_side_encryption_leaves_the_provider_ciphertext_everywhere() -> None:
    text = design(HOSPITAL_KEYS.format(grants=""), ", keys: hsm, custody: client_side")
    assert readable(text) == dict.fromkeys(ALL_READABLE, False)
    assert "client-side encrypted" in verdicts(text)[("analytics", "processing")].explanation


def test_a_compute_node_without_a_grant_cannot_process_externally_keyed_data() -> None:
    with pytest.raises(InputError, match="holds no grant for its key"):
        parse_scenario(design(HOSPITAL_KEYS.format(grants=""), ", keys: hsm"), catalog=TEST_CATALOG)


def test_client_side_keys_are_never_granted_to_a_node() -> None:
    grants = HOSPITAL_KEYS.format(grants=", grants: [{node: analytics}]")
    with pytest.raises(InputError, match="encrypted client-side"):
        parse_scenario(design(grants, ", keys: hsm, custody: client_side"), catalog=TEST_CATALOG)
