"""What a result says about the scenario itself: hash, assumptions, static findings."""

from __future__ import annotations

from experiment_fixtures import mini

from simulator.experiment.describe import assumptions, design_info, scenario_hash, static_findings
from simulator.law.readability import analyse


def test_scenario_hash_changes_with_the_design_and_not_with_formatting():
    base = mini()
    assert scenario_hash(base) == scenario_hash(mini(**{"servers: 2": "servers:    2"}))
    assert scenario_hash(base) != scenario_hash(mini(**{"servers: 2": "servers: 3"}))
    assert len(scenario_hash(base)) == 64


def test_every_assumed_number_is_listed_with_its_path_and_basis():
    scenario = mini(
        **{
            "session: 2h": "session: 2h\n    escalation: {probability: 0.2, entity: us-parent, "
            "site: us-east, assumption: true, basis: vendor tier-3 share guessed}",
        }
    )
    listed = {item.path: item for item in assumptions(scenario)}
    escalation = listed["nodes.desk.escalation"]
    assert escalation.kind == "assumption"
    assert escalation.basis == "vendor tier-3 share guessed"
    assert '"probability": 0.2' in escalation.value
    demand = listed["events.legal_demands[0]"]
    assert "0.5/year (regime default)" in demand.value
    rate = listed["regimes.us-law.demand_rate"]
    assert (rate.kind, rate.value, rate.basis) == ("demand_rate", "0.5/year", "assumption for tests")


def test_sourced_numbers_are_not_listed_as_assumptions():
    paths = [item.path for item in assumptions(mini())]
    assert not any(path.startswith(("flows", "nodes", "data")) for path in paths)


def test_static_findings_keep_readable_paths_and_the_protection_that_holds():
    findings = static_findings(analyse(mini()))
    readable = {(f.node, f.state, f.role) for f in findings.exposures}
    assert ("analytics", "processing", "primary") in readable
    assert ("analytics", "support", "shift 12-24") in readable
    rest = [f for f in findings.protections if f.state == "rest"]
    assert len(rest) == 1 and "ciphertext only" in rest[0].reason and rest[0].foreign
    assert rest[0].explanation.startswith("US test law → US Parent Inc")
    assert findings.exposures == sorted(
        findings.exposures, key=lambda f: (f.regime, f.data, f.node, f.state, f.place)
    )


def test_a_regime_seated_in_the_eea_does_not_count_as_non_eu():
    scenario = mini(
        **{"legal_demands: [{regime: us-law, target: us-parent, assumption: true}]": "legal_demands: []"}
    )
    info = design_info(analyse(scenario))
    assert [r.foreign for r in info.regimes] == [True]
    # The same law seated in an EEA country is not "non-EU".
    eea = mini(**{"horizon: 30d": "horizon: 30d\nregimes:\n  us-law: {country: DE}"})
    assert [r.foreign for r in design_info(analyse(eea)).regimes] == [False]
