"""User assertions: static evaluation on the exposure map, dynamic on a simulated result."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest
from pydantic import ValidationError

from simulator.compliance import evaluate
from simulator.law.readability import analyse
from simulator.model.assertion import Assertion
from tests.compliance._support import scenario_of


def check(name: str, *assertions: Assertion, result=None):
    scenario = scenario_of(name)
    found = evaluate(scenario, analyse(scenario), result=result, rules=[], assertions=list(assertions))
    return {f.rule: f for f in found}


NEVER = Assertion(
    id="health-never-readable",
    text="Health records never readable by a non-EU regime",
    kind="never_readable",
    data=["records"],
    severity="critical",
)
STAYS = Assertion(
    id="records-stay-in-eea",
    text="Records stay in the EEA",
    kind="stays_in",
    data=["records"],
    countries=["EEA"],
)
SUPPORT = Assertion(
    id="support-hours",
    text="At most 4 h/year under non-EU support",
    kind="max_hours",
    states=["support"],
    max_hours_per_year=4,
)


def test_static_assertions_hold_for_the_sovereign_design() -> None:
    assert check("sovereign", NEVER, STAYS, SUPPORT) == {}


def test_static_assertions_fail_for_the_exposed_design_with_evidence() -> None:
    found = check("exposed", NEVER, STAYS, SUPPORT)
    assert set(found) == {
        "assert-health-never-readable",
        "assert-records-stay-in-eea",
        "assert-support-hours",
    }
    never = found["assert-health-never-readable"]
    assert never.severity == "critical" and never.id == "assert-health-never-readable@-@-"
    assert any("US Parent Inc" in line for line in never.evidence)
    assert any("in-south (IN" in line for line in found["assert-records-stay-in-eea"].evidence)
    assert found["assert-support-hours"].estimate  # a static expected value


def test_an_assertion_needs_the_fields_of_its_kind() -> None:
    with pytest.raises(ValidationError, match="max_hours_per_year"):
        Assertion(id="x", text="x", kind="max_hours")
    with pytest.raises(ValidationError, match="not an ISO 3166-1"):
        Assertion(id="x", text="x", kind="stays_in", countries=["UK"])


def _interval(mean, low=None, high=None):
    return NS(mean=mean, low=low, high=high)


def _result(p_first: float, session_hours: float):
    return NS(
        parameters=NS(replications=20, horizon_hours=24 * 365.25),
        exposure=[],
        first_exposure=[
            NS(
                regime="us-law",
                state="processing",
                data="records",
                probability=_interval(p_first),
                hours=_interval(100.0),
            )
        ],
        operations=NS(
            support=[
                NS(
                    node="analytics",
                    desk="desk",
                    site="us-east",
                    country="US",
                    entity="us-parent",
                    role="shift 16-24",
                    session_hours=_interval(session_hours, None, session_hours * 1.2),
                )
            ]
        ),
        transfers=[NS(source="IE", to="US", events=_interval(3.0), records=_interval(30.0))],
    )


def test_never_readable_holds_over_replications_at_the_probability_threshold() -> None:
    assert "assert-health-never-readable" not in check("exposed", NEVER, result=_result(0.0, 0.0))
    assert "assert-health-never-readable" not in check("exposed", NEVER, result=_result(0.05, 0.0))
    failed = check("exposed", NEVER, result=_result(0.10, 0.0))["assert-health-never-readable"]
    assert "10.0%" in failed.message


def test_max_hours_uses_simulated_session_hours_and_stays_in_uses_transfers() -> None:
    assert "assert-support-hours" not in check("exposed", SUPPORT, result=_result(0.0, 3.0))
    assert "assert-support-hours" in check("exposed", SUPPORT, result=_result(0.0, 3.5))  # upper bound 4.2
    stays = check("exposed", STAYS, result=_result(0.0, 0.0))["assert-records-stay-in-eea"]
    assert any("IE → US" in line for line in stays.evidence)
