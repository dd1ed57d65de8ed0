"""Reach through ownership: who can a regime compel, and why."""

from __future__ import annotations

from simulator.law.reach import resolve_reach
from simulator.model.catalog import Entity, Owner, Regime


def regime(**overrides) -> Regime:
    fields = dict(
        id="us-law",
        name="US law",
        country="US",
        summary="s",
        triggers=["incorporation", "control"],
        states=["rest", "processing", "support"],
        gag=True,
        gag_basis="b",
        demand_rate=0.0001,
        demand_rate_basis="assumption",
        source="https://example.org",
    )
    return Regime(**{**fields, **overrides})


def entity(entity_id: str, country: str, *owners: tuple[str, float], **fields) -> Entity:
    return Entity(
        id=entity_id,
        name=entity_id.title(),
        country=country,
        owners=[Owner(entity=o, share=s) for o, s in owners],
        **fields,
    )


def test_wholly_owned_subsidiary_of_us_parent_is_reached_with_its_chain() -> None:
    entities = {
        "parent": entity("parent", "US"),
        "holding": entity("holding", "NL", ("parent", 1.0)),
        "ireland": entity("ireland", "IE", ("holding", 1.0)),
    }
    reach = resolve_reach({"us-law": regime()}, entities).reach("us-law", "ireland")
    assert reach is not None and reach.basis == "control"
    assert reach.chain == ("parent", "holding", "ireland")
    assert " → ".join(reach.path) == "US law → Parent (US, incorporated) → Holding (100 %) → Ireland (100 %)"


def test_eu_company_with_30_percent_us_capital_is_not_controlled_but_reported() -> None:
    entities = {
        "parent": entity("parent", "US"),
        "eu-owner": entity("eu-owner", "FR"),
        "provider": entity("provider", "FR", ("parent", 0.3), ("eu-owner", 0.7)),
    }
    reach_map = resolve_reach({"us-law": regime()}, entities)
    assert reach_map.reach("us-law", "provider") is None
    holding = reach_map.minority[("us-law", "provider")]
    assert holding.share == 0.3 and holding.holders == ("parent",)
    assert reach_map.non_eu_share["provider"] == 0.3


def test_two_unrelated_us_holders_at_30_percent_each_control_nothing() -> None:
    entities = {
        "fund-a": entity("fund-a", "US"),
        "fund-b": entity("fund-b", "US"),
        "jv": entity("jv", "FR", ("fund-a", 0.3), ("fund-b", 0.3)),
    }
    reach_map = resolve_reach({"us-law": regime()}, entities)
    assert reach_map.reach("us-law", "jv") is None
    assert reach_map.minority[("us-law", "jv")].share == 0.6


def test_holders_declared_to_act_in_concert_add_up_to_control() -> None:
    entities = {
        "fund-a": entity("fund-a", "US"),
        "fund-b": entity("fund-b", "US"),
        "jv": Entity(
            id="jv",
            name="JV",
            country="FR",
            owners=[
                Owner(entity="fund-a", share=0.3, concert="pact"),
                Owner(entity="fund-b", share=0.3, concert="pact"),
            ],
        ),
    }
    reach = resolve_reach({"us-law": regime()}, entities).reach("us-law", "jv")
    assert reach is not None and "60 %" in reach.path[-1] and "acting in concert" in reach.path[-1]


def test_holdings_under_one_parent_add_up() -> None:
    entities = {
        "parent": entity("parent", "US"),
        "sub-1": entity("sub-1", "NL", ("parent", 1.0)),
        "sub-2": entity("sub-2", "LU", ("parent", 1.0)),
        "jv": entity("jv", "FR", ("sub-1", 0.3), ("sub-2", 0.3)),
    }
    reach = resolve_reach({"us-law": regime()}, entities).reach("us-law", "jv")
    assert reach is not None and reach.chain[0] == "parent"


def test_control_follows_voting_rights_not_capital() -> None:
    entities = {
        "parent": entity("parent", "US"),
        "provider": Entity(
            id="provider",
            name="Provider",
            country="FR",
            owners=[Owner(entity="parent", share=0.3, votes=0.6)],
        ),
    }
    reach = resolve_reach({"us-law": regime()}, entities).reach("us-law", "provider")
    assert reach is not None and "60 %" in reach.path[-1]


def test_a_law_that_compels_providers_does_not_reach_a_public_body() -> None:
    entities = {
        "authority": entity("authority", "US", roles=["public_body"]),
        "provider": entity("provider", "US", roles=["cloud_provider"]),
    }
    reach_map = resolve_reach({"us-law": regime(compels=["cloud_provider"])}, entities)
    assert reach_map.reach("us-law", "authority") is None
    assert reach_map.reach("us-law", "provider") is not None


def test_an_entity_whose_roles_are_not_given_is_taken_as_compellable() -> None:
    entities = {"unknown": entity("unknown", "US")}
    assert resolve_reach({"us-law": regime(compels=["cloud_provider"])}, entities).reach("us-law", "unknown")


def test_control_rights_reach_below_the_threshold() -> None:
    entities = {
        "a": entity("a", "US"),
        "jv": Entity(id="jv", name="JV", country="FR", owners=[Owner(entity="a", share=0.2, control=True)]),
    }
    reach = resolve_reach({"us-law": regime()}, entities).reach("us-law", "jv")
    assert reach is not None and "control rights" in reach.path[-1]


def test_without_the_control_trigger_subsidiaries_are_not_reached() -> None:
    entities = {"parent": entity("parent", "US"), "sub": entity("sub", "IE", ("parent", 1.0))}
    reach_map = resolve_reach({"us-law": regime(triggers=["incorporation"])}, entities)
    assert reach_map.reach("us-law", "parent") is not None
    assert reach_map.reach("us-law", "sub") is None


def test_presence_and_staff_triggers() -> None:
    entities = {
        "trader": entity("trader", "FR", operates_in=["FR", "US"]),
        "desk": entity("desk", "IN", operates_in=["IN"]),
    }
    regimes = {
        "us-law": regime(triggers=["presence"]),
        "in-law": regime(id="in-law", country="IN", triggers=["staff"]),
    }
    reach_map = resolve_reach(regimes, entities)
    assert reach_map.reach("us-law", "trader").basis == "presence"
    assert reach_map.reach("us-law", "desk") is None
    assert reach_map.reach("in-law", "desk").basis == "staff"
