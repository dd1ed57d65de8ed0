"""Readability per data state: what a reached entity can actually hand over."""

from __future__ import annotations

from simulator.law.readability import Verdict, analyse
from simulator.model.load import parse_scenario
from tests.conftest import MINI, TEST_CATALOG


def verdicts(text: str, regime: str = "us-law") -> dict[tuple[str, str, str], bool]:
    """(node, state, place role) → readable, for the test regime."""
    exposure = analyse(parse_scenario(text, catalog=TEST_CATALOG))
    return {
        (v.place.node, v.place.state, v.place.role): v.readable
        for v in exposure.verdicts.values()
        if v.regime == regime
    }


def test_customer_held_keys_leave_only_ciphertext_at_rest_but_processing_is_readable() -> None:
    seen = verdicts(MINI.read_text())
    assert seen[("store", "rest", "primary")] is False
    assert seen[("analytics", "processing", "primary")] is True


def test_provider_held_keys_make_rest_readable() -> None:
    seen = verdicts(MINI.read_text().replace("keys: hsm, ", ""))
    assert seen[("store", "rest", "primary")] is True


def test_unencrypted_data_is_readable_at_rest_even_with_customer_keys() -> None:
    seen = verdicts(MINI.read_text().replace("keys: hsm,", "keys: hsm, encrypted_at_rest: false,"))
    assert seen[("store", "rest", "primary")] is True


def test_confidential_computing_protects_processing_only_with_keys_released_to_an_attested_enclave() -> None:
    enclave = MINI.read_text().replace("keys: hsm,", "keys: hsm, protection_in_use: confidential_computing,")
    unattested = verdicts(enclave)
    assert unattested[("analytics", "processing", "primary")] is True
    attested = verdicts(enclave.replace("scope: lot}", "scope: lot, attestation: true}"))
    assert attested[("analytics", "processing", "primary")] is False
    assert attested[("analytics", "support", "shift 12-24")] is False
    whole_stock = verdicts(enclave.replace("scope: lot}", "scope: stock, attestation: true}"))
    assert whole_stock[("store", "rest", "primary")] is False, "the key lives in the enclave only"


def test_confidential_computing_says_it_relies_on_the_hardware_vendor() -> None:
    text = MINI.read_text().replace("keys: hsm,", "keys: hsm, protection_in_use: confidential_computing,")
    exposure = analyse(
        parse_scenario(text.replace("scope: lot}", "scope: lot, attestation: true}"), catalog=TEST_CATALOG)
    )
    processing = next(v for v in exposure.verdicts.values() if v.place.state == "processing")
    assert "root of trust (AMD, Intel)" in processing.explanation


def test_support_reads_by_access_level() -> None:
    text = MINI.read_text()
    assert verdicts(text)[("analytics", "support", "shift 12-24")] is True
    logs_only = verdicts(text.replace("access: data", "access: logs"))
    assert logs_only[("analytics", "support", "shift 12-24")] is False
    with_logs = text.replace(
        "data:\n  records:",
        "data:\n  audit-logs: {records: 100, sensitivity: technical, form: logs, retention: 30d, "
        "stored_in: [store], encrypted_at_rest: false}\n  records:",
    ).replace("access: data", "access: logs")
    exposure = analyse(parse_scenario(with_logs, catalog=TEST_CATALOG))
    readable = {
        (v.data, v.place.role)
        for v in exposure.exposures()
        if v.place.state == "support" and v.place.node == "store"
    }
    assert ("audit-logs", "shift 12-24") in readable
    assert ("records", "shift 12-24") not in readable


def test_transit_is_readable_unless_end_to_end_encrypted() -> None:
    # The scenario overrides one field of the catalogue's regime.
    scenario = MINI.read_text() + "regimes:\n  us-law: {states: [rest, processing, support, transit]}\n"
    seen = verdicts(scenario)
    assert seen[("store", "transit", "flow 0")] is True
    e2e = scenario.replace("rate: 10/h, lot: 5}", "rate: 10/h, lot: 5, transit: {encryption: e2e}}")
    assert verdicts(e2e)[("store", "transit", "flow 0")] is False


def test_every_verdict_explains_itself_from_regime_to_data() -> None:
    exposure = analyse(parse_scenario(MINI.read_text(), catalog=TEST_CATALOG))
    processing = next(v for v in exposure.exposures() if v.place.state == "processing")
    assert processing.explanation == (
        "US test law → US Parent Inc (US, incorporated) → EU Subsidiary Ltd (100 %) → "
        "operates compute node analytics at dublin (IE, EU/EEA, primary) → "
        "records in processing, in clear in memory"
    )


TRANSIT = """
name: Paths and TLS endpoints
sources: [https://example.org/transit]
horizon: 30d
controller: {entity: hospital}
regimes:
  us-law: {states: [rest, processing, support, transit]}
sites:
  paris: {country: FR}
  dublin: {country: IE}
  us-east: {country: US}
nodes:
  his: {kind: ingest, operator: hospital, site: paris}
  front-door: {kind: ingest, operator: us-parent, site: us-east}
  archive: {kind: storage, operator: hospital, site: paris}
data:
  records: {records: 100, sensitivity: health, retention: 1y}
flows:
  - {from: his, to: archive, data: records, rate: 1/h, lot: 5, transit: TRANSIT}
"""


def transit_verdict(transit: str) -> Verdict | None:
    scenario = parse_scenario(TRANSIT.replace("TRANSIT", transit), catalog=TEST_CATALOG)
    found = [v for v in analyse(scenario).verdicts.values() if v.place.state == "transit"]
    return found[0] if found else None


def test_tls_is_read_where_it_terminates_and_that_place_is_explicit() -> None:
    verdict = transit_verdict("{terminates: front-door}")
    assert verdict is not None and verdict.readable
    assert (verdict.place.site, verdict.place.entity) == ("us-east", "us-parent")
    assert "terminates TLS of flow his → archive (tls) ending at front-door@us-east" in verdict.explanation


def test_a_flow_inside_france_is_out_of_upstream_collection() -> None:
    assert transit_verdict("{encryption: none}") is None


def test_unencrypted_traffic_crossing_us_networks_is_read_upstream_but_tls_leaves_ciphertext() -> None:
    crossing = transit_verdict("{encryption: none, via: [FR, US]}")
    assert crossing is not None and crossing.readable
    assert "path crosses US (FR, US): upstream collection" in crossing.explanation
    encrypted = transit_verdict("{encryption: tls, via: [FR, US]}")
    assert encrypted is not None and not encrypted.readable
    assert "ciphertext only" in encrypted.explanation
