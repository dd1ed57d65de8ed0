"""User stories on the bundled scenario library (scenarios/*.yaml).

A buyer opening a bundled scenario expects it to validate, to cite its public sources, to
label every assumed number, and to show the findings its comment block claims: the DESC
at-rest guarantee holds but processing and support are readable; the HDH on Azure is readable
by the CLOUD Act in every state; Bleu and S3NS keep only a licensor support path; a
SecNumCloud host and an on-premises hospital show no extra-EEA exposure unless a US
sub-processor is added; and, once simulated, the hosting designs rank as the README says
and the 24-month migration leaves a residual exposure from retained Azure backups.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from pydantic import BaseModel

from simulator.compliance import evaluate
from simulator.law import analyse
from simulator.model.base import Assumable
from simulator.model.load import load_scenario
from simulator.model.variants import variant

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
HDH_DESIGNS = ["hdh-azure", "bleu", "s3ns", "secnumcloud-host", "on-premises-hospital"]
SHARED_FLOWS = ["extracts-in", "extracts-analysis", "extracts-backup", "usage-logs"]
US_REGIMES = ("us-cloud-act", "us-fisa-702")


def path(name: str) -> Path:
    return SCENARIOS / f"{name}.yaml"


def exposures(name: str):
    """Readable verdicts of one bundled scenario."""
    return analyse(load_scenario(path(name))).exposures()


def foreign(name: str):
    """Readable verdicts of regimes foreign to the scenario's controller."""
    scenario = load_scenario(path(name))
    return [v for v in analyse(scenario).exposures() if scenario.is_foreign(scenario.regimes[v.regime])]


def states(verdicts, regime: str, data: str | None = None) -> set[str]:
    return {v.place.state for v in verdicts if v.regime == regime and (data is None or v.data == data)}


def test_the_library_holds_every_promised_scenario() -> None:
    expected = {
        "desc-azure-axon",
        "hdh-azure",
        "darwin-eu",
        "bleu",
        "s3ns",
        "secnumcloud-host",
        "on-premises-hospital",
        "secnumcloud-host-us-subprocessor",
        "hdh-migration-24m",
    }
    assert expected <= {p.stem for p in BUNDLED}


@pytest.mark.parametrize("file", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_scenario_validates_and_cites_urls_in_its_comment_block(file: Path) -> None:
    scenario = load_scenario(file)
    assert scenario.sources
    header = []
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    text = "\n".join(header)
    assert re.search(r"https?://\S+", text), f"{file.name}: the opening comment block cites no URL"
    assert "ASSUMPTIONS" in text, f"{file.name}: the opening comment block lists no assumptions"
    assert "EXPECTED FINDINGS" in text, f"{file.name}: the opening comment block states no expected findings"


def _assumables(value, where: str = ""):
    if isinstance(value, Assumable):
        yield where, value
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from _assumables(getattr(value, field), f"{where}.{field}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _assumables(item, f"{where}.{key}")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _assumables(item, f"{where}[{index}]")


@pytest.mark.parametrize("file", BUNDLED, ids=lambda p: p.stem)
def test_every_assumption_states_its_basis(file: Path) -> None:
    scenario = load_scenario(file)
    missing = [where for where, item in _assumables(scenario) if item.assumption and not item.basis]
    assert not missing, f"{file.name}: assumptions without a basis at {missing}"


@pytest.mark.parametrize("file", BUNDLED, ids=lambda p: p.stem)
def test_every_flow_and_compute_node_is_labelled_as_an_assumption_or_sourced(file: Path) -> None:
    scenario = load_scenario(file)
    for index, flow in enumerate(scenario.flows):
        labelled = flow.assumption or flow.sources
        assert labelled, f"{file.name}: flow {index} has neither assumption nor sources"
    for node_id, node in scenario.nodes_of("compute").items():
        labelled = node.service.assumption or node.service.sources
        assert labelled, f"{file.name}: {node_id} service time unlabelled"


# --- DESC ----------------------------------------------------------------------------------


def test_desc_stock_wide_grant_to_analytics_lets_the_cloud_act_read_the_stock_at_rest() -> None:
    verdicts = [
        v for v in exposures("desc-azure-axon") if v.place.state == "rest" and v.regime == "us-cloud-act"
    ]
    assert {v.data for v in verdicts} == {"evidence", "biometrics"}
    assert all("may decrypt the stock through node analytics" in v.explanation for v in verdicts)


def test_desc_per_lot_key_release_keeps_rest_out_of_cloud_act_reach() -> None:
    per_lot = variant(load_scenario(path("desc-azure-axon")), {"nodes.spa-keys.grants.0.scope": "lot"})
    verdicts = analyse(per_lot).exposures()
    for data in ("evidence", "biometrics"):
        assert "rest" not in states(verdicts, "us-cloud-act", data)
        assert {"processing", "support"} <= states(verdicts, "us-cloud-act", data)


def test_desc_at_rest_guarantee_needs_keys_released_per_lot() -> None:
    stock_wide = {v.data for v in foreign("desc-azure-axon") if v.place.state == "rest"}
    per_lot = {v.data for v in foreign("desc-azure-axon-per-lot-keys") if v.place.state == "rest"}
    assert stock_wide == {"evidence", "biometrics"} and per_lot == set()
    paths = [
        v.explanation
        for v in foreign("desc-azure-axon")
        if v.place.state == "rest" and v.data == "evidence" and v.regime == "us-cloud-act"
    ]
    assert paths and all("may decrypt the stock through node analytics" in path for path in paths)


def test_desc_processing_and_support_are_readable_by_the_cloud_act() -> None:
    verdicts = exposures("desc-azure-axon")
    for data in ("evidence", "biometrics"):
        assert {"processing", "support"} <= states(verdicts, "us-cloud-act", data)
    sites = {v.place.site for v in verdicts if v.regime == "us-cloud-act" and v.place.state == "processing"}
    assert "eu-west" in sites, "the elastic overflow outside the UK should be readable in processing"
    entities = {v.place.entity for v in verdicts if v.regime == "us-cloud-act" and v.place.state == "support"}
    assert {"axon", "microsoft-india", "microsoft-corp"} <= entities


# --- HDH designs ---------------------------------------------------------------------------


def test_hdh_on_azure_is_readable_by_the_cloud_act_at_rest_in_processing_and_under_support() -> None:
    verdicts = exposures("hdh-azure")
    assert {"rest", "processing", "support"} <= states(verdicts, "us-cloud-act", "hdh-extracts")


def test_hdh_on_azure_usage_telemetry_is_held_at_rest_in_the_us_for_its_retention() -> None:
    verdicts = [v for v in exposures("hdh-azure") if v.place.node == "ms-telemetry"]
    assert {(v.regime, v.place.state) for v in verdicts} >= {
        ("us-cloud-act", "rest"),
        ("us-fisa-702", "rest"),
    }
    assert load_scenario(path("hdh-azure")).nodes["ms-telemetry"].retention == 90 * 24


def test_darwin_eu_ten_million_records_are_readable_by_the_cloud_act_not_the_aggregates() -> None:
    scenario = load_scenario(path("darwin-eu"))
    assert scenario.data["darwin-omop"].records == 10_000_000
    verdicts = foreign("darwin-eu")
    assert {"rest", "processing", "support"} <= states(verdicts, "us-cloud-act", "darwin-omop")
    assert not [v for v in verdicts if v.data == "study-results"]


def test_darwin_eu_extract_is_readable_only_pseudonymised_while_the_table_stays_at_the_hdh() -> None:
    verdicts = [v for v in foreign("darwin-eu") if v.data == "darwin-omop"]
    assert verdicts and {v.category for v in verdicts} == {"readable, pseudonymised"}


@pytest.mark.parametrize("design", ["secnumcloud-host", "on-premises-hospital", "s3ns"])
def test_immune_designs_have_no_exposure_to_a_foreign_regime(design: str) -> None:
    assert foreign(design) == []


def test_a_us_subprocessor_brings_exposure_to_an_otherwise_immune_design() -> None:
    verdicts = foreign("secnumcloud-host-us-subprocessor")
    assert verdicts, "the US monitoring vendor should be reachable"
    assert {v.place.entity for v in verdicts} == {"us-monitoring-vendor"}
    assert {v.data for v in verdicts} == {"access-logs"}
    assert "rest" in states(verdicts, "us-cloud-act", "access-logs"), "its monitoring SaaS is a store"


@pytest.mark.parametrize(
    "design,licensor", [("bleu", "microsoft-corp"), ("s3ns-google-escalation", "google-llc")]
)
def test_trusted_cloud_joint_ventures_keep_only_the_licensor_support_path(design: str, licensor: str) -> None:
    verdicts = foreign(design)
    for regime in US_REGIMES:
        assert not {"rest", "processing", "transit"} & states(verdicts, regime)
    assert states(verdicts, "us-cloud-act") == {"support"}
    assert {v.data for v in verdicts} == {"access-logs"}, "health extracts must stay out of reach"
    assert {(v.place.entity, v.place.role) for v in verdicts} == {(licensor, "escalation")}
    scenario = load_scenario(path(design))
    updates = [n for n in scenario.nodes_of("support").values() if n.operator == licensor]
    assert updates, "the licensor's update path is modelled"
    assert all(n.access == "metadata" for n in updates), "updates show metadata only"


def test_s3ns_base_design_passes_secnumcloud_and_the_escalation_variant_fails_it() -> None:
    def snc(design: str) -> list[str]:
        scenario = load_scenario(path(design))
        return [f.id for f in evaluate(scenario, analyse(scenario)) if f.rule_set == "secnumcloud-3.2"]

    assert snc("s3ns") == []
    assert "snc-19.6c-no-non-eu-reader@google-llc@log-store" in snc("s3ns-google-escalation")


@pytest.mark.parametrize("design,operator", [("bleu-us-presence", "bleu"), ("s3ns-us-presence", "s3ns")])
def test_us_presence_of_the_french_shareholders_brings_the_cloud_act_to_the_joint_venture(
    design: str, operator: str
) -> None:
    verdicts = foreign(design)
    assert {"rest", "processing"} <= states(verdicts, "us-cloud-act", "hdh-extracts")
    assert operator in {v.place.entity for v in verdicts}
    scenario = load_scenario(path(design))
    found = {f.rule for f in evaluate(scenario, analyse(scenario))}
    assert "snc-19.6c-no-non-eu-reader" in found


def test_without_us_presence_the_same_shareholders_leave_the_joint_ventures_out_of_reach() -> None:
    for design in ("bleu", "s3ns"):
        assert not {"rest", "processing"} & states(foreign(design), "us-cloud-act", "hdh-extracts")


def test_the_migration_reads_only_the_azure_side() -> None:
    verdicts = foreign("hdh-migration-24m")
    nodes = {v.place.node for v in verdicts if v.data == "hdh-extracts"}
    assert "extracts-backup" in nodes
    assert not {n for n in nodes if n.startswith("snc-")}


@pytest.mark.parametrize("design", [*HDH_DESIGNS[1:], "hdh-migration-24m"])
def test_hdh_designs_share_the_workload_so_random_numbers_line_up(design: str) -> None:
    base = load_scenario(path("hdh-azure"))
    other = load_scenario(path(design))
    for data in ("hdh-extracts", "access-logs"):
        assert other.data[data].records == base.data[data].records
        assert other.data[data].retention == base.data[data].retention
    assert [f.name for f in other.flows[: len(SHARED_FLOWS)]] == SHARED_FLOWS
    for mine, theirs in zip(other.flows, base.flows[: len(SHARED_FLOWS)], strict=False):
        assert (mine.rate, mine.batch, mine.lot) == (theirs.rate, theirs.batch, theirs.lot)
        assert mine.data == theirs.data
    assert other.events.incidents[0].rate == base.events.incidents[0].rate
    assert [d.regime for d in other.events.legal_demands[:2]] == list(US_REGIMES)


# --- Dynamic findings (engine and experiment runner) ----------------------------------------

try:  # the static stories above must run even where the engine is not installed
    from simulator.engine import run as engine
    from simulator.experiment import runner
except ImportError:  # pragma: no cover
    engine = runner = None
dynamic = pytest.mark.skipif(runner is None, reason="engine or experiment runner not available")


def _non_eu_mask(exposure) -> np.ndarray:
    mask = exposure.readable_mask()
    scenario = exposure.scenario
    keep = [i for i, r in enumerate(exposure.regimes) if scenario.is_foreign(scenario.regimes[r])]
    return mask[keep].any(axis=0)


@dynamic
def test_hdh_designs_rank_by_non_eu_record_hours_as_the_readme_says() -> None:
    comparison = runner.compare_designs([load_scenario(path(d)) for d in HDH_DESIGNS], replications=3, seed=7)
    hours = {
        name: next(h for h in design.summary if h.key == runner.HEADLINE_METRIC).value.mean
        for name, design in zip(HDH_DESIGNS, comparison.designs, strict=True)
    }
    assert hours["hdh-azure"] > hours["bleu"] > 0
    assert hours["s3ns"] == 0, "without the escalation variant nothing is readable by a foreign regime"
    assert hours["bleu"] < hours["hdh-azure"] / 100, "the licensor path is orders of magnitude below Azure"
    assert hours["secnumcloud-host"] == hours["on-premises-hospital"] == 0


@dynamic
def test_the_us_subprocessor_adds_non_eu_record_hours() -> None:
    scenario = load_scenario(path("secnumcloud-host-us-subprocessor"))
    result = runner.run_experiment(scenario, replications=2, seed=3)
    assert next(h for h in result.summary if h.key == runner.HEADLINE_METRIC).value.mean > 0


@dynamic
def test_migration_exposure_falls_after_the_switch_but_backups_leave_a_residual() -> None:
    scenario = load_scenario(path("hdh-migration-24m"))
    exposure = analyse(scenario)
    outcome = engine.simulate(exposure, np.random.SeedSequence(11))
    per_bin = (outcome.timeline * _non_eu_mask(exposure)[:, :, None]).sum(axis=(0, 1))
    width = outcome.horizon / outcome.bins
    switch = next(p.start for p in scenario.timeline if p.name == "secnumcloud")
    purge = switch + 30 * 24  # Azure primaries purged 30 days after the switch
    before = per_bin[int(switch // width) - 1]
    after = per_bin[int(np.ceil(purge / width)) + 1 :]
    assert after.size and before > 0
    assert after.max() < 0.5 * before, "exposure should fall once the Azure primaries are purged"
    assert after.min() > 0, "the retained Azure backups should leave a residual exposure"
    backup = [i for i, p in enumerate(exposure.places) if p.node == "extracts-backup"]
    assert outcome.timeline[:, backup, -1].sum() > 0


@dynamic
def test_desc_headline_counts_foreign_reach_only_so_rest_stays_zero_with_per_lot_keys() -> None:
    """UK law is Police Scotland's own (its controller is a UK body): the DESC admission in numbers."""
    scenario = variant(load_scenario(path("desc-azure-axon")), {"nodes.spa-keys.grants.0.scope": "lot"})
    result = runner.run_experiment(scenario, replications=2, seed=3, horizon=24 * 60)
    by_key = {h.key: h.value.mean for h in result.summary}
    assert by_key["foreign_record_hours.rest"] == 0
    assert by_key["foreign_record_hours.processing"] > 0
    assert by_key["foreign_record_hours.support"] > 0
    assert any(cell.regime == "uk-ipa-2016" and not cell.foreign for cell in result.exposure)
    # Moves inside the UK are not transfers for a UK controller; the overflow to the Netherlands
    # and access from India or the US are.
    assert all(row.to != "GB" for row in result.transfers)
    assert by_key["transfer_events_abroad"] == pytest.approx(sum(row.events.mean for row in result.transfers))
    assert any(row.to == "NL" and row.events.mean > 0 for row in result.transfers)
    assert any(row.to in ("IN", "US") and row.events.mean > 0 for row in result.transfers)
