"""Risk acceptance: a named owner accepts a finding until a date; after it, the finding is open again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simulator import app
from simulator.compliance.acceptances import decide, load_acceptances, open_findings, unmatched
from simulator.errors import InputError
from simulator.model.load import load_scenario

SCENARIOS = Path(__file__).parents[2] / "scenarios"
DESC = SCENARIOS / "desc-azure-axon.yaml"
INDIA = "dpa3-transfer-unapproved@microsoft-india@analytics"


def acceptances_file(tmp_path: Path, expires: str = "2027-05-20", id: str = INDIA) -> Path:
    path = tmp_path / "acceptances.yaml"
    path.write_text(
        f"""acceptances:
  - id: {id}
    status: accepted
    justification: s. 75 safeguards are in the support contract.
    owner: DPO, Police Scotland
    date: 2026-11-20
    expires: {expires}
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def desc_static():
    return app.check(load_scenario(DESC), "high", static=True)


def test_an_accepted_finding_no_longer_counts_until_its_expiry_day_included(tmp_path, desc_static) -> None:
    accepted = load_acceptances(acceptances_file(tmp_path))
    findings = desc_static.findings
    on_expiry = decide(accepted, findings, today=dt.date(2027, 5, 20))
    assert [d.finding_id for d in on_expiry] == [INDIA] and not on_expiry[0].expired
    assert INDIA not in {f.id for f in open_findings(findings, on_expiry)}
    after = decide(accepted, findings, today=dt.date(2027, 5, 21))
    assert after[0].expired
    assert INDIA in {f.id for f in open_findings(findings, after)}


def test_an_assertion_is_accepted_by_its_own_id(tmp_path, desc_static) -> None:
    accepted = load_acceptances(acceptances_file(tmp_path, id="support-hours-capped"))
    decisions = decide(accepted, desc_static.findings, desc_static.assertions, today=dt.date(2027, 1, 1))
    assert [d.finding_id for d in decisions] == ["assert-support-hours-capped@-@-"]


def test_an_acceptance_naming_no_finding_of_the_design_is_reported_as_unmatched(
    tmp_path, desc_static
) -> None:
    accepted = load_acceptances(acceptances_file(tmp_path, id="no-such-rule@x@y"))
    assert unmatched(accepted, decide(accepted, desc_static.findings)) == ["no-such-rule@x@y"]


def test_check_fails_again_once_every_acceptance_has_expired(tmp_path) -> None:
    scenario = load_scenario(DESC)
    everything = app.check(scenario, "high", static=True)
    lines = "".join(
        f"  - {{id: {f.id}, status: false_positive, justification: reviewed, owner: DPO, "
        "date: 2020-01-01, expires: 2999-12-31}\n"
        for f in everything.findings
    )
    path = tmp_path / "all.yaml"
    path.write_text("acceptances:\n" + lines, encoding="utf-8")
    assert not app.check(scenario, "high", static=True, acceptances=load_acceptances(path)).failed
    path.write_text("acceptances:\n" + lines.replace("2999-12-31", "2021-01-01"), encoding="utf-8")
    expired = app.check(scenario, "high", static=True, acceptances=load_acceptances(path))
    assert expired.failed and all(d.expired for d in expired.decisions)


def test_a_bad_acceptances_file_lists_every_problem_with_its_line_and_field(tmp_path) -> None:
    path = tmp_path / "acceptances.yaml"
    path.write_text(
        """acceptances:
  - id: x@y@z
    status: ignored
    owner: DPO
    date: 2026-11-20
    expires: 2025-01-01
""",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_acceptances(path)
    problems = {p.field: p for p in caught.value.problems}
    assert problems["acceptances.0.status"].line == 3
    assert "justification" in " ".join(problems)
    assert all(p.file == path for p in caught.value.problems)
