"""Every verdict is measured from the data controller: its law is home, the rest is foreign."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import analyse, evaluate, explain, load_scenario
from simulator.compliance import load_rules, rule_sets_for
from simulator.law.capital import capital_table
from simulator.model.frame import JURISDICTIONS
from tests.compliance._support import DATA, findings, of_rule, scenario_of, sovereign_with_us_capital

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def exposed_as(controller: str, *, extra_entities: str = "", purposes: str = "[]") -> str:
    """The exposed test design, with another controller (and more entities in the scenario)."""
    text = (DATA / "exposed.yaml").read_text()
    text = text.replace(
        "controller:\n  entity: health-agency\n",
        f"controller:\n  entity: {controller}\n  purposes: {purposes}\n",
    )
    return text.replace("entities:\n", "entities:\n" + extra_entities, 1)


UK_POLICE = """  uk-police:
    name: A UK police force
    country: GB
    kind: public_body
    roles: [public_body, law_enforcement]
    operates_in: [GB]
"""
EU_AGENCY = """  eu-agency:
    name: An EU agency
    country: NL
    kind: public_body
    roles: [public_body, eu_institution]
    operates_in: [NL]
"""


def ran(scenario) -> list[str]:
    return [use.rule_set for use in rule_sets_for(scenario, load_rules()) if use.ran]


def test_desc_runs_only_the_uk_law_enforcement_rule_set() -> None:
    scenario = load_scenario(SCENARIOS / "desc-azure-axon.yaml")
    assert ran(scenario) == ["dpa-2018-part-3"]
    found = evaluate(scenario, analyse(scenario))
    assert found
    text = " ".join([f.message for f in found] + [line for f in found for line in f.evidence])
    assert "Investigatory Powers" not in text and "uk-ipa-2016" not in text
    assert not [f for f in found if f.entity == "scottish-police-authority" or f.node == "spa-keys"]


def test_desc_report_counts_uk_law_as_the_controllers_own() -> None:
    scenario = load_scenario(SCENARIOS / "desc-azure-axon.yaml")
    assert not scenario.is_foreign(scenario.regimes["uk-ipa-2016"])
    assert scenario.is_foreign(scenario.regimes["us-cloud-act"])
    exposure = analyse(scenario)
    assert not exposure.reach.regimes_reaching("scottish-police-authority")


def test_for_a_uk_controller_an_overflow_to_the_netherlands_is_an_approved_transfer() -> None:
    found = findings(exposed_as("uk-police", extra_entities=UK_POLICE, purposes="[law_enforcement]"))
    approved = {f.id for f in of_rule(found, "dpa3-transfer-approved")}
    assert "dpa3-transfer-approved@eu-sub@store" in approved  # the Dublin store is outside the UK
    unapproved = {f.id for f in of_rule(found, "dpa3-transfer-unapproved")}
    assert "dpa3-transfer-unapproved@in-sub@store" in unapproved  # support from India
    assert not [f for f in found if f.rule.startswith("gdpr-ch5")]


def test_for_a_french_controller_a_german_site_is_not_a_transfer() -> None:
    scenario = scenario_of("exposed")
    assert scenario.frame.zone("DE") == "home"
    assert scenario.frame.transfer_tool("GB", "uk-sub") == "adequacy"
    uk = scenario_of(exposed_as("uk-police", extra_entities=UK_POLICE))
    assert uk.frame.zone("DE") == "adequate" and uk.frame.is_foreign("DE")


def test_a_dpf_certified_us_importer_is_adequacy_and_an_uncertified_one_is_not() -> None:
    certified = exposed_as("health-agency").replace(
        "entities:\n", "entities:\n  us-parent: {dpf_certified: true}\n", 1
    )
    found = findings(certified)
    assert "gdpr-ch5-adequacy@us-parent@analytics" in {f.id for f in of_rule(found, "gdpr-ch5-adequacy")}
    assert "gdpr-ch5-transfer@us-parent@analytics" not in {f.id for f in of_rule(found, "gdpr-ch5-transfer")}
    uncertified = findings("exposed")
    assert "gdpr-ch5-transfer@us-parent@analytics" in {
        f.id for f in of_rule(uncertified, "gdpr-ch5-transfer")
    }


def test_declared_sccs_turn_a_transfer_into_one_under_safeguards() -> None:
    text = (
        (DATA / "exposed.yaml")
        .read_text()
        .replace("horizon: 30d\n", "horizon: 30d\ntransfer_tools: {in-sub: scc}\n")
    )
    found = findings(text)
    assert "gdpr-ch5-safeguards@in-sub@store" in {f.id for f in of_rule(found, "gdpr-ch5-safeguards")}
    assert "gdpr-ch5-transfer@in-sub@store" not in {f.id for f in of_rule(found, "gdpr-ch5-transfer")}


def test_a_uk_controller_outside_law_enforcement_runs_uk_gdpr() -> None:
    text = exposed_as("uk-police", extra_entities=UK_POLICE).replace(
        "horizon: 30d\n", "horizon: 30d\ntransfer_tools: {us-parent: scc}\n"
    )
    scenario = scenario_of(text)
    assert ran(scenario) == ["uk-gdpr-chapter-v"]
    found = findings(text)
    assert of_rule(found, "uk-gdpr-ch5-transfer") and of_rule(found, "uk-gdpr-ch5-safeguards")
    assert of_rule(found, "uk-gdpr-ch5-approved")


def test_an_eu_agency_runs_eudpr_and_the_sovereignty_framework_not_french_law() -> None:
    text = exposed_as("eu-agency", extra_entities=EU_AGENCY).replace(
        "horizon: 30d\n", "horizon: 30d\ntransfer_tools: {in-sub: bcr}\n"
    )
    scenario = scenario_of(text)
    assert ran(scenario) == ["eu-cloud-sovereignty-framework", "eudpr-chapter-v"]
    found = findings(text)
    for rule in ("eudpr-ch5-transfer", "eudpr-ch5-safeguards", "eudpr-ch5-adequacy"):
        assert of_rule(found, rule), rule


def test_darwin_eu_runs_eudpr_and_not_sren() -> None:
    scenario = load_scenario(SCENARIOS / "darwin-eu.yaml")
    assert scenario.frame.jurisdiction is JURISDICTIONS["EUI"]
    sets = ran(scenario)
    assert "eudpr-chapter-v" in sets and "sren-art31" not in sets and "gdpr-chapter-v" not in sets


def test_a_rule_set_that_does_not_apply_can_be_forced_and_says_so() -> None:
    scenario = load_scenario(SCENARIOS / "desc-azure-axon.yaml")
    [use] = [
        u
        for u in rule_sets_for(scenario, load_rules(), ["secnumcloud-3.2"])
        if u.rule_set == "secnumcloud-3.2"
    ]
    assert use.ran and use.forced and "needs country FR" in use.reason


def test_forcing_an_unknown_rule_set_is_a_clear_error() -> None:
    from simulator.errors import InputError

    with pytest.raises(InputError, match="unknown rule set"):
        rule_sets_for(scenario_of("exposed"), load_rules(), ["no-such-set"])


def test_explain_and_check_give_the_same_non_eu_capital() -> None:
    text = sovereign_with_us_capital(0.3)
    scenario = scenario_of(text)
    [entry] = [e for e in explain(analyse(scenario))["entities"] if e["entity"] == "snc-host"]
    assert entry["non_eu_share"] == pytest.approx(capital_table(scenario.entities)["snc-host"].collective)
    [finding] = of_rule(findings(text), "snc-19.6b-non-eu-capital")[:1]
    assert "30 %" in finding.message and entry["non_eu_share"] == pytest.approx(0.3)
