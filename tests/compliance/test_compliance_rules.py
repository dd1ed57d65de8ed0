"""Each bundled rule: a small design that passes it and one that fails it."""

from __future__ import annotations

import pytest

from simulator.compliance import fails, load_rules
from tests.compliance._support import DATA, findings, of_rule, sovereign_with_us_capital

RULE_IDS = [
    "snc-19.6a-eu-seat",
    "snc-19.6b-non-eu-capital",
    "snc-19.2b-data-in-eu",
    "snc-19.2c-admin-in-eu",
    "snc-19.6c-no-non-eu-reader",
    "hds-2024-storage-eea",
    "hds-2024-remote-access",
    "hds-2024-extra-eu-law",
    "hds-2024-certified-host",
    "sren-31-extra-eu-protection",
    "gdpr-ch5-transfer",
    "gdpr-ch5-adequacy",
    "cac-r9-sensitive-state-data",
]


FRAME_RULE_IDS = [  # tested in test_controller_frame.py, on controllers of other frames
    "gdpr-ch5-safeguards",
    "uk-gdpr-ch5-transfer",
    "uk-gdpr-ch5-safeguards",
    "uk-gdpr-ch5-approved",
    "dpa3-transfer-unapproved",
    "dpa3-transfer-safeguards",
    "dpa3-transfer-approved",
    "eudpr-ch5-transfer",
    "eudpr-ch5-safeguards",
    "eudpr-ch5-adequacy",
]
EUCSF = ["eu-cloud-sovereignty-framework"]


def test_every_bundled_rule_is_tested_and_cites_a_source() -> None:
    loaded = {item.rule.id: item.rule for item in load_rules()}
    tested = set(RULE_IDS) | set(FRAME_RULE_IDS) | {r for r in loaded if r.startswith("eucsf-")}
    assert set(loaded) == tested
    for rule in loaded.values():
        assert rule.source.startswith("https://")
        assert rule.summary and rule.false_positives


@pytest.mark.parametrize("rule", RULE_IDS)
def test_sovereign_host_passes_and_exposed_design_fails(rule: str) -> None:
    assert of_rule(findings("sovereign"), rule) == []
    assert of_rule(findings("exposed"), rule) != []


def test_findings_are_sorted_by_severity_then_id_and_ids_are_stable() -> None:
    found = findings("exposed")
    order = ["critical", "high", "medium", "low", "info"]
    assert [(order.index(f.severity), f.id) for f in found] == sorted(
        (order.index(f.severity), f.id) for f in found
    )
    assert len({f.id for f in found}) == len(found)
    assert all(f.id == f"{f.rule}@{f.entity or '-'}@{f.node or '-'}" for f in found)
    assert [f.id for f in findings("exposed")] == [f.id for f in found]


def test_secnumcloud_reader_finding_quotes_the_explanation_path() -> None:
    [finding] = [f for f in findings("exposed") if f.id == "snc-19.6c-no-non-eu-reader@eu-sub@store"]
    assert finding.severity == "critical"
    assert any(
        "US Parent Inc (US, incorporated) → EU Subsidiary Ltd (100 %)" in line
        and "keys held by provider" in line
        for line in finding.evidence
    )


def test_support_shifts_overflow_and_replicas_are_gdpr_transfers_and_uk_is_adequacy() -> None:
    found = findings("exposed")
    transfers = {f.id for f in of_rule(found, "gdpr-ch5-transfer")}
    assert "gdpr-ch5-transfer@in-sub@store" in transfers  # support shift from India
    assert "gdpr-ch5-transfer@us-parent@analytics" in transfers  # overflow + escalation
    assert "gdpr-ch5-transfer@eu-sub@store" in transfers  # replica in the US
    assert "gdpr-ch5-transfer@us-parent@telemetry" in transfers
    assert {f.id for f in of_rule(found, "gdpr-ch5-adequacy")} == {
        "gdpr-ch5-adequacy@uk-sub@analytics",
        "gdpr-ch5-adequacy@uk-sub@store",
    }


def test_hds_lists_the_regimes_reaching_an_hds_certified_host_as_info() -> None:
    text = (DATA / "exposed.yaml").read_text()
    text = text.replace("entities:\n", "entities:\n  eu-sub: {qualifications: [hds]}\n", 1)
    found = findings(text)
    assert [f for f in of_rule(found, "hds-2024-certified-host") if f.entity == "eu-sub"] == []
    [info] = [f for f in found if f.id == "hds-2024-extra-eu-law@eu-sub@store"]
    assert info.severity == "info" and "HDS-certified" in info.message and "us-law" in info.message


def test_capital_above_24_percent_fails_only_the_capital_rule() -> None:
    text = sovereign_with_us_capital(0.3)
    found = findings(text)
    [capital] = of_rule(found, "snc-19.6b-non-eu-capital")[:1]
    assert "30 % > 24 % individually" in capital.message
    assert of_rule(found, "snc-19.6c-no-non-eu-reader") == []  # 30 % does not give control
    assert of_rule(found, "sren-31-extra-eu-protection") != []


def test_cloud_au_centre_and_sren_apply_only_when_a_state_body_is_the_controller() -> None:
    text = (DATA / "exposed.yaml").read_text().replace("entity: health-agency", "entity: eu-owner")
    found = findings(text)
    assert of_rule(found, "cac-r9-sensitive-state-data") == []
    assert of_rule(found, "sren-31-extra-eu-protection") == []
    assert of_rule(found, "snc-19.6c-no-non-eu-reader") != []


def test_internal_cloud_run_by_a_public_body_satisfies_cloud_au_centre() -> None:
    text = (
        (DATA / "sovereign.yaml")
        .read_text()
        .replace("qualifications: [secnumcloud, hds]", "qualifications: []")
        .replace("operator: snc-host, site: paris, replicas", "operator: hospital, site: paris, replicas")
    )
    found = findings(text)
    assert [f.id for f in of_rule(found, "cac-r9-sensitive-state-data")] == [
        "cac-r9-sensitive-state-data@snc-host@analytics"
    ]


def test_seal_is_an_estimate_with_its_evidence_and_uncovered_objectives() -> None:
    [sovereign] = of_rule(findings("sovereign", force=EUCSF), "eucsf-seal-estimate")
    assert sovereign.estimate and "ESTIMATED SEAL-4" in sovereign.message
    assert any("SOV-5" in line and "SOV-8" in line for line in sovereign.evidence)
    assert any("combination rule unconfirmed" in line for line in sovereign.evidence)
    exposed = {f.entity: f for f in of_rule(findings("exposed", force=EUCSF), "eucsf-seal-estimate")}
    assert "SEAL-1" in exposed["eu-sub"].message  # EU seat, US-controlled
    assert "SEAL-0" in exposed["us-parent"].message
    assert all(f.severity == "info" for f in exposed.values())


def test_the_eu_cloud_sovereignty_framework_runs_only_for_eu_institutions_unless_forced() -> None:
    assert of_rule(findings("exposed"), "eucsf-seal-estimate") == []
    assert of_rule(findings("exposed", force=EUCSF), "eucsf-seal-estimate") != []


def test_fail_on_threshold() -> None:
    assert not fails(findings("sovereign"), "low")
    assert fails(findings("sovereign", force=EUCSF), "info")
    assert fails(findings("exposed"), "critical")
