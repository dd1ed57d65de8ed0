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


def test_joint_holdings_above_threshold_give_control() -> None:
    entities = {
        "a": entity("a", "US"),
        "b": entity("b", "US"),
        "jv": entity("jv", "FR", ("a", 0.3), ("b", 0.3)),
    }
    reach = resolve_reach({"us-law": regime()}, entities).reach("us-law", "jv")
    assert reach is not None and "60 %" in reach.path[-1]


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
