"""Non-EU capital through the ownership graph (SecNumCloud §19.6(b))."""

from __future__ import annotations

from simulator.law.capital import capital_table
from tests.compliance._support import findings, of_rule, scenario_of, sovereign_with_us_capital

BASE = (__import__("pathlib").Path(__file__).parent / "data" / "sovereign.yaml").read_text()


def capital(entities: str):
    text = BASE.replace("entities:\n", "entities:\n" + entities, 1)
    return capital_table(scenario_of(text).entities)


def test_two_us_holders_of_20_percent_break_the_collective_limit_not_the_individual_one() -> None:
    table = capital(
        "  us-a: {name: US A, country: US}\n  us-b: {name: US B, country: US}\n"
        "  prov: {name: Prov, country: FR,\n"
        "         owners: [{entity: us-a, share: 20%}, {entity: us-b, share: 20%}]}\n"
    )
    assert table["prov"].largest == ("us-a", 0.2)
    assert abs(table["prov"].collective - 0.4) < 1e-9


def test_a_us_controlled_eu_holding_passes_its_full_stake_down() -> None:
    table = capital(
        "  holdco: {name: HoldCo, country: LU, owners: [{entity: us-parent, share: 60%}]}\n"
        "  prov: {name: Prov, country: FR, owners: [{entity: holdco, share: 30%}]}\n"
    )
    assert table["prov"].individual == {"us-parent": 0.3}
    assert table["holdco"].controllers == ("us-parent",)


def test_a_minority_stake_is_looked_through() -> None:
    table = capital(
        "  holdco: {name: HoldCo, country: LU, owners: [{entity: us-parent, share: 40%}]}\n"
        "  prov: {name: Prov, country: FR, owners: [{entity: holdco, share: 50%}]}\n"
    )
    assert abs(table["prov"].individual["us-parent"] - 0.2) < 1e-9
    assert abs(table["prov"].collective - 0.2) < 1e-9


def test_control_rights_of_a_non_eu_holder_count_whatever_the_share() -> None:
    table = capital(
        "  prov: {name: Prov, country: FR, owners: [{entity: us-parent, share: 10%, control: true}]}\n"
    )
    assert table["prov"].controllers == ("us-parent",)
    assert table["prov"].control_rights == ("us-parent",)


def test_secnumcloud_presumes_control_at_40_percent_of_the_votes_with_no_larger_holder() -> None:
    def capital_finding(share: float) -> str:
        return of_rule(findings(sovereign_with_us_capital(share)), "snc-19.6b-non-eu-capital")[0].message

    assert "controlled from outside the EU" in capital_finding(0.45), "45 %, no larger holder: presumed"
    assert "controlled from outside the EU" not in capital_finding(0.3)
