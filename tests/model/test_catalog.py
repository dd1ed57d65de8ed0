"""The bundled catalogues: every regime cites a source, and reach follows real ownership."""

from __future__ import annotations

from simulator.law.reach import resolve_reach
from simulator.model.catalog import Entity, Regime
from simulator.model.load import load_catalog


def bundled() -> tuple[dict[str, Regime], dict[str, Entity]]:
    docs = load_catalog()
    regimes = {
        key: Regime.model_validate({"id": key, **value}) for key, value in docs["regimes"].data.items()
    }
    entities = {
        key: Entity.model_validate({"id": key, **value}) for key, value in docs["entities"].data.items()
    }
    return regimes, entities


def test_catalogue_has_the_regimes_the_design_names_each_with_a_source() -> None:
    regimes, _ = bundled()
    assert {"us-cloud-act", "us-fisa-702", "uk-ipa-2016", "cn-nil-art7"} <= set(regimes)
    for regime in regimes.values():
        assert regime.source.startswith("http")
        assert "assum" in regime.demand_rate_basis.lower()


def test_catalogue_has_the_entities_of_the_public_cases() -> None:
    _, entities = bundled()
    expected = {
        "microsoft-corp",
        "microsoft-ireland",
        "microsoft-france",
        "google-llc",
        "google-ireland",
        "aws",
        "orange",
        "capgemini",
        "bleu",
        "thales",
        "s3ns",
        "ovhcloud",
        "axon",
        "police-scotland",
        "scottish-police-authority",
        "health-data-hub",
        "public-hospital",
    }
    assert expected <= set(entities)


def test_cloud_act_reaches_microsoft_ireland_through_its_us_parent() -> None:
    reach_map = resolve_reach(*bundled())
    reach = reach_map.reach("us-cloud-act", "microsoft-ireland")
    assert reach is not None and reach.chain == ("microsoft-corp", "microsoft-ireland")


def test_trusted_cloud_joint_ventures_are_not_controlled_from_the_us() -> None:
    reach_map = resolve_reach(*bundled())
    for entity in ("bleu", "s3ns", "ovhcloud", "secnumcloud-provider", "public-hospital"):
        assert reach_map.reach("us-cloud-act", entity) is None, entity
    assert reach_map.minority[("us-cloud-act", "s3ns")].share > 0  # Google's minority stake is reported


def test_every_published_count_names_its_source_and_says_how_it_was_read() -> None:
    _, entities = bundled()
    evidence = [item for entity in entities.values() for item in entity.evidence]
    assert len(evidence) == 29
    assert len({item.id for item in evidence}) == len(evidence)
    for item in evidence:
        assert item.url.startswith("http") and item.counted
        if item.read_in == "secondary":
            assert item.unconfirmed, f"{item.id} was read second-hand and must say so"
    assert {item.id for item in entities["aws"].evidence if item.count == 0} == {
        "aws-cloud-act-enterprise-abroad-disclosed"
    }


def test_directives_last_the_period_their_law_sets() -> None:
    regimes, _ = bundled()
    assert regimes["us-fisa-702"].directive_lasts == 365 * 24  # 50 U.S.C. § 1881a(a): up to 1 year
    assert regimes["uk-ipa-2016"].directive_lasts == 24 * 365.25 / 2  # 6 months (s. 32, unconfirmed verbatim)
    assert regimes["us-cloud-act"].directive_lasts is None  # warrants are point events
