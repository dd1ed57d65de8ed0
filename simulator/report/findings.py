"""Compliance findings as the reports show them, read through a protocol.

The report sits above compliance in the pipeline but does not import it: it reads findings
through :class:`ReportFinding`, which :class:`simulator.compliance.models.Finding` satisfies,
so a finding saved in ``findings.json`` and validated again renders the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from simulator.experiment.result import DesignResult
from simulator.model.assertion import SEVERITY_RANK, Severity


class ReportFinding(Protocol):
    """What the reports read of a compliance finding."""

    @property
    def id(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def rule_set(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def title(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def entity(self) -> str | None: ...
    @property
    def node(self) -> str | None: ...
    @property
    def evidence(self) -> Sequence[str]: ...
    @property
    def source(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def false_positives(self) -> str: ...
    @property
    def estimate(self) -> bool: ...
    @property
    def unconfirmed(self) -> Sequence[str]: ...
    @property
    def to_check(self) -> Sequence[str]: ...


Findings = Sequence[ReportFinding] | Mapping[int, Sequence[ReportFinding]] | None
"""One design's findings, or a comparison's per design index; ``None``: no rule set was evaluated."""


@dataclass(frozen=True)
class FindingView:
    """A finding with the design it belongs to, missing entity and node shown as empty."""

    id: str
    rule: str
    rule_set: str
    severity: Severity
    title: str
    message: str
    design: str
    entity: str
    node: str
    evidence: list[str]
    source: str
    summary: str
    false_positives: str
    estimate: bool
    unconfirmed: list[str]
    to_check: list[str]

    @classmethod
    def of(cls, finding: ReportFinding, design: str) -> FindingView:
        return cls(
            id=finding.id,
            rule=finding.rule,
            rule_set=finding.rule_set,
            severity=finding.severity,
            title=finding.title,
            message=finding.message,
            design=design,
            entity=finding.entity or "",
            node=finding.node or "",
            evidence=list(finding.evidence),
            source=finding.source,
            summary=finding.summary,
            false_positives=finding.false_positives,
            estimate=finding.estimate,
            unconfirmed=list(finding.unconfirmed),
            to_check=list(finding.to_check),
        )


def finding_views(findings: Findings, designs: Sequence[DesignResult] = ()) -> list[FindingView]:
    """Findings ready to show, most severe first, then by design and id.

    A list belongs to the only design (or to no design in particular in a comparison); a
    mapping gives each design index of ``designs`` its list.
    """
    if findings is None:
        return []
    if isinstance(findings, Mapping):
        views = [
            FindingView.of(finding, _design_name(index, designs))
            for index, items in findings.items()
            for finding in items
        ]
    else:
        only = designs[0].scenario if len(designs) == 1 else ""
        views = [FindingView.of(finding, only) for finding in findings]
    return sorted(views, key=lambda v: (-SEVERITY_RANK[v.severity], v.design, v.id))


def _design_name(index: int, designs: Sequence[DesignResult]) -> str:
    return designs[index].scenario if 0 <= index < len(designs) else str(index)
