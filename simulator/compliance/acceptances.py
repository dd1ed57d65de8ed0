"""Risk acceptance: findings a named owner accepted, mitigated or judged false positive, until
an expiry date.

An ``acceptances.yaml`` lists decisions by finding id (``rule@entity@node``) or scenario
assertion id (``support-hours-capped``, or its finding id ``assert-support-hours-capped@-@-``)::

    acceptances:
      - id: gdpr-uk-le-transfer@microsoft-india@ms-support
        status: accepted            # accepted | mitigated | false_positive
        justification: Support from India is covered by the s. 75 safeguards in the contract.
        owner: Data Protection Officer, Police Scotland
        date: 2026-11-20
        expires: 2027-05-20

It is validated like a scenario (every problem as ``file:line:column: field: message``). A
decision holds until its expiry day included; afterwards its finding counts as open again, and
says that its acceptance expired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from simulator.compliance.models import AssertionCheck, Finding
from simulator.errors import InputError, Problem
from simulator.model.load import clean_loc, error_message, sorted_problems
from simulator.model.yaml_source import read_yaml

Status = Literal["accepted", "mitigated", "false_positive"]


class Acceptance(BaseModel):
    """One decision about one finding or assertion."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, description="Finding id (rule@entity@node) or assertion id.")
    status: Status
    justification: str = Field(min_length=1)
    owner: str = Field(min_length=1, description="Who decided, by name or role.")
    date: dt.date
    expires: dt.date

    @model_validator(mode="after")
    def _expires_after_date(self) -> Acceptance:
        if self.expires < self.date:
            raise ValueError("expires must not be before date")
        return self


class AcceptanceFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    acceptances: list[Acceptance] = Field(min_length=1)


def load_acceptances(path: Path) -> list[Acceptance]:
    """Read and validate an acceptances file; raise :class:`InputError` listing every problem."""
    doc = read_yaml(path)
    try:
        return list(AcceptanceFile.model_validate(doc.data).acceptances)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = clean_loc(doc.data, error["loc"])
            line, column = doc.position(loc) or (None, None)
            message = error_message(error, "see the acceptances format")
            problems.append(Problem(path, message, line, column, loc))
        raise InputError(sorted_problems(problems)) from None


class Decision(BaseModel):
    """An acceptance matched to the finding it covers, and whether it had expired on the day
    it was checked (kept in the run folder, so a report rendered later says the same)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    acceptance: Acceptance
    finding_id: str
    expired: bool

    @property
    def holds(self) -> bool:
        return not self.expired


def _subject(acceptance: Acceptance, assertions: Sequence[AssertionCheck]) -> str:
    """The finding id an acceptance names (an assertion id stands for its finding)."""
    by_assertion = {check.id: check.finding_id for check in assertions}
    return by_assertion.get(acceptance.id, acceptance.id)


def decide(
    acceptances: Sequence[Acceptance],
    findings: Sequence[Finding],
    assertions: Sequence[AssertionCheck] = (),
    today: dt.date | None = None,
) -> list[Decision]:
    """The acceptances that name a finding of this design, each marked expired or not."""
    today = today or dt.date.today()
    present = {finding.id for finding in findings}
    decisions = []
    for acceptance in acceptances:
        subject = _subject(acceptance, assertions)
        if subject in present:
            decisions.append(
                Decision(acceptance=acceptance, finding_id=subject, expired=acceptance.expires < today)
            )
    return decisions


def open_findings(findings: Sequence[Finding], decisions: Sequence[Decision]) -> list[Finding]:
    """The findings no acceptance in force covers (those whose acceptance expired stay open)."""
    covered = {d.finding_id for d in decisions if d.holds}
    return [finding for finding in findings if finding.id not in covered]


def unmatched(acceptances: Sequence[Acceptance], decisions: Sequence[Decision]) -> list[str]:
    """Ids of acceptances that name no finding of this design (stale, or a typo)."""
    used = {d.acceptance.id for d in decisions}
    return sorted({a.id for a in acceptances} - used)
