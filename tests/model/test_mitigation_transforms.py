"""Built-in mitigations edit a design into a valid one, and say what they changed."""

from __future__ import annotations

from pathlib import Path

from simulator.model.load import load_scenario
from simulator.model.mitigations import CUSTOMER_KEYS_NODE, MITIGATIONS, mitigated

SCENARIOS = Path(__file__).parents[2] / "scenarios"
BY_ID = {item.id: item for item in MITIGATIONS}


def test_customer_held_keys_move_provider_managed_keys_to_a_controller_key_manager_at_home() -> None:
    scenario = load_scenario(SCENARIOS / "hdh-azure.yaml")
    done = mitigated(scenario, BY_ID["customer-held-keys"])
    assert done is not None
    keys = done.scenario.nodes[CUSTOMER_KEYS_NODE]
    assert keys.kind == "key_manager" and keys.operator == scenario.controller.entity
    assert scenario.frame.is_home(done.scenario.sites[keys.site].country)
    assert all(
        item.keys == CUSTOMER_KEYS_NODE and item.encrypted_at_rest for item in done.scenario.data.values()
    )


def test_a_design_whose_keys_are_already_out_of_the_providers_hands_needs_no_customer_keys() -> None:
    assert mitigated(load_scenario(SCENARIOS / "desc-azure-axon.yaml"), BY_ID["customer-held-keys"]) is None


def test_home_support_brings_every_foreign_shift_home_and_drops_the_escalation_abroad() -> None:
    scenario = load_scenario(SCENARIOS / "desc-azure-axon.yaml")
    done = mitigated(scenario, BY_ID["home-support"])
    assert done is not None
    for node in done.scenario.nodes.values():
        if node.kind == "support":
            assert all(done.scenario.sites[s.site].country == "GB" for s in node.shifts)
            assert all(s.entity == node.operator for s in node.shifts)
            assert node.escalation is None
    assert any("microsoft-corp at us-east → microsoft-uk at uk-south" in line for line in done.changes)


def test_no_foreign_overflow_removes_an_overflow_that_only_leaves_the_home_jurisdiction() -> None:
    done = mitigated(load_scenario(SCENARIOS / "desc-azure-axon.yaml"), BY_ID["no-foreign-overflow"])
    assert done is not None and done.scenario.nodes["analytics"].overflow is None
    assert done.changes == ["analytics: overflow to eu-west → none"]


def test_support_without_data_access_and_confidential_computing_change_only_what_they_name() -> None:
    scenario = load_scenario(SCENARIOS / "desc-azure-axon.yaml")
    metadata = mitigated(scenario, BY_ID["support-without-data-access"])
    assert metadata is not None
    assert {n.access for n in metadata.scenario.nodes.values() if n.kind == "support"} == {"metadata"}
    enclaves = mitigated(scenario, BY_ID["confidential-computing"])
    assert enclaves is not None
    assert {d.protection_in_use for d in enclaves.scenario.data.values()} == {"confidential_computing"}
    assert {d.keys for d in enclaves.scenario.data.values()} == {"spa-keys"}


def test_an_on_premises_design_already_has_every_mitigation_but_those_it_can_still_use() -> None:
    scenario = load_scenario(SCENARIOS / "on-premises-hospital.yaml")
    applied = {item.id for item in MITIGATIONS if mitigated(scenario, item) is not None}
    assert "no-foreign-overflow" not in applied and "customer-held-keys" not in applied
