"""Pydantic models of compliance rules (as written in rule files) and of findings.

A rule file holds one rule set (``secnumcloud-3.2``, ``hds-2024``, ...): its rules each carry
an id, a severity, a source URL, a plain summary, known false positives, parameters and the
name of the check that implements them (see :mod:`simulator.compliance.checks`). A finding
quotes its rule and gets a stable id ``rule@entity@node``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.compliance.applicability import AppliesIf
from simulator.model.assertion import SEVERITY_RANK, Severity
from simulator.model.base import Id, Url

NO_SUBJECT = "-"
"""Stands for a missing entity or node in a finding id."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Parameter(_Strict):
    """One parameter of a rule. A bare value in the file means ``{value: ...}``.

    ``check_against_official_text: true`` marks a number or list read from secondary sources
    or from memory, to be checked against the official text before relying on it.
    """

    value: Any
    check_against_official_text: bool = False
    basis: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_value(cls, data: object) -> object:
        if isinstance(data, dict) and "value" in data:
            return data
        return {"value": data}


class Rule(_Strict):
    """One compliance rule, as written in a rule file."""

    id: Id
    title: str = Field(min_length=1)
    severity: Severity
    source: Url
    sources: list[Url] = []
    summary: str = Field(min_length=1)
    false_positives: str = Field(min_length=1, description="When the rule fires but the design may comply.")
    check: str = Field(description="Name of the check implementation (see simulator/compliance/checks/).")
    parameters: dict[str, Parameter] = {}
    unconfirmed: list[str] = Field(
        default=[], description="Statements of this rule that no source confirmed."
    )
    estimate: bool = Field(default=False, description="Its findings are estimates, to be labelled as such.")
    enabled: bool = True

    def param(self, name: str, default: Any = None) -> Any:
        parameter = self.parameters.get(name)
        return default if parameter is None else parameter.value

    @property
    def to_check(self) -> list[str]:
        """Parameters to check against the official text, as ``name = value`` lines."""
        return [
            f"{name} = {parameter.value!r}"
            for name, parameter in sorted(self.parameters.items())
            if parameter.check_against_official_text
        ]


class RuleSet(_Strict):
    """The content of one rule file."""

    rule_set: Id
    title: str = Field(min_length=1)
    source: Url
    description: str | None = None
    applies_if: AppliesIf | None = Field(
        default=None, description="Where the rule set applies (the controller's frame); absent: everywhere."
    )
    unconfirmed: list[str] = []
    rules: list[Rule] = Field(min_length=1)


class Hit(_Strict):
    """What a check reports before the rule's metadata is added."""

    entity: str | None = None
    node: str | None = None
    message: str
    evidence: list[str] = []
    severity: Severity | None = Field(default=None, description="Overrides the rule's severity.")
    estimate: bool = False


class Finding(_Strict):
    """One rule that a design breaks (or, at severity info, a fact it must disclose)."""

    id: str = Field(description="Stable id: rule@entity@node ('-' when there is none).")
    rule: str
    rule_set: str
    title: str
    severity: Severity
    entity: str | None
    node: str | None
    message: str
    evidence: list[str] = Field(description="Explanation paths, time windows or metric values.")
    source: str
    summary: str
    false_positives: str
    estimate: bool = Field(default=False, description="The finding is an estimate (e.g. a SEAL level).")
    unconfirmed: list[str] = []
    to_check: list[str] = Field(default=[], description="Parameters to check against the official text.")

    def at_or_above(self, severity: Severity) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]


class AssertionCheck(_Strict):
    """One scenario assertion with its outcome: the figure measured against its limit.

    Kept for assertions that hold too, so a report can show the whole scoreboard.
    """

    id: str
    finding_id: str = Field(description="Id of the finding it gives when it does not hold.")
    text: str
    kind: str
    severity: Severity
    holds: bool
    measured: str = Field(description="The static or simulated figure, in words.")
    limit: str
    message: str
    evidence: list[str] = []
    estimate: bool = False


def finding_id(rule: str, entity: str | None, node: str | None) -> str:
    return f"{rule}@{entity or NO_SUBJECT}@{node or NO_SUBJECT}"


def sort_key(finding: Finding) -> tuple[int, str]:
    """Most severe first, then by id."""
    return (-SEVERITY_RANK[finding.severity], finding.id)
