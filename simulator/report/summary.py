"""The executive summary: what a board or a DPO reads first, gathered from one result.

Selection and grouping only (every figure is a field of the result or of its review): a
design × state matrix (protected, or readable by which foreign regime), the controller's own
law apart, the assertions scoreboard, the findings grouped by rule with initial and remaining
counts and who accepted what, and what each built-in mitigation would remove.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.experiment.result import Comparison, DesignResult, Interval
from simulator.model.assertion import SEVERITY_RANK, Severity
from simulator.model.catalog import STATES
from simulator.report import view
from simulator.report.findings import Findings, FindingView, finding_views
from simulator.report.review import ReportDecision, ReportMitigation, ReportReview

TOP_GROUPS = 8
"""Finding groups listed in the summary; the rest are counted."""


@dataclass(frozen=True)
class MatrixRow:
    """One design: per state, the regimes that can read some of its data there (none: protected)."""

    design: str
    foreign: dict[str, list[str]]
    own: dict[str, list[str]]
    """The controller's own law, for information: it never drives a verdict."""
    record_hours: Interval | None
    p_disclosure: Interval | None
    horizon_hours: float


@dataclass(frozen=True)
class AssertionRow:
    design: str
    id: str
    text: str
    severity: Severity
    holds: bool
    measured: str
    limit: str
    decision: ReportDecision | None


@dataclass(frozen=True)
class FindingGroup:
    """Findings of one rule in one design (near-duplicates differ only by entity or node)."""

    design: str
    rule: str
    title: str
    severity: Severity
    count: int
    open: int
    subjects: list[str]


@dataclass(frozen=True)
class DecisionRow:
    design: str
    decision: ReportDecision


@dataclass(frozen=True)
class MitigationRow:
    """A mitigation re-run with the headline figure it removes, as a share and per state."""

    effect: ReportMitigation
    removed: Interval
    share_removed: float | None
    by_state: dict[str, Interval]


@dataclass(frozen=True)
class Summary:
    title: str
    frames: list[str]
    matrix: list[MatrixRow]
    assertions: list[AssertionRow]
    initial: int
    remaining: int
    groups: list[FindingGroup]
    more_groups: int
    decisions: list[DecisionRow]
    mitigations: list[MitigationRow]

    @property
    def has_own_law(self) -> bool:
        return any(any(row.own.values()) for row in self.matrix)


def _matrix_row(result: DesignResult) -> MatrixRow:
    names = {r.id: r.name for r in result.design.regimes}
    foreign: dict[str, list[str]] = {state: [] for state in STATES}
    own: dict[str, list[str]] = {state: [] for state in STATES}
    for verdict in result.static.exposures:
        column = (foreign if verdict.foreign else own)[verdict.state]
        name = names.get(verdict.regime, verdict.regime)
        if name not in column:
            column.append(name)
    total = view.headline(result, view.HEADLINE_KEY)
    p = view.headline(result, "p_disclosure")
    return MatrixRow(
        result.scenario,
        foreign,
        own,
        total.value if total else None,
        p.value if p else None,
        result.parameters.horizon_hours,
    )


def _frame(result: DesignResult) -> str:
    frame = result.design.frame
    assumed = " (assumed)" if frame.assumed else ""
    return (
        f"{result.scenario}: controller {frame.name}{assumed}, {frame.law}; "
        f"foreign means outside the {frame.home}"
    )


def _groups(findings: list[FindingView], covered: set[tuple[str, str]]) -> list[FindingGroup]:
    keyed: dict[tuple[str, str], list[FindingView]] = {}
    for finding in findings:
        keyed.setdefault((finding.design, finding.rule), []).append(finding)
    groups = [
        FindingGroup(
            design=design,
            rule=rule,
            title=items[0].title,
            severity=max((f.severity for f in items), key=SEVERITY_RANK.__getitem__),
            count=len(items),
            open=sum((f.design, f.id) not in covered for f in items),
            subjects=sorted({f.entity or f.node for f in items if f.entity or f.node}),
        )
        for (design, rule), items in keyed.items()
    ]
    return sorted(groups, key=lambda g: (-SEVERITY_RANK[g.severity], -g.open, g.design, g.rule))


def _mitigation_rows(review: ReportReview) -> list[MitigationRow]:
    rows = []
    for item in review.mitigations:
        removed = item.removed[view.HEADLINE_KEY]
        base = item.baseline.mean
        rows.append(
            MitigationRow(
                effect=item,
                removed=removed,
                share_removed=removed.mean / base if base > 0 else None,
                by_state={
                    state: value
                    for state in STATES
                    if (value := item.removed.get(f"{view.HEADLINE_KEY}.{state}")) is not None
                    and value.mean != 0
                },
            )
        )
    return sorted(rows, key=lambda r: -r.removed.mean)


def _decision_rows(review: ReportReview | None, names: list[str]) -> list[DecisionRow]:
    if review is None:
        return []
    return [
        DecisionRow(names[index], decision)
        for index, items in review.decisions.items()
        if index < len(names)
        for decision in items
    ]


def _assertion_rows(
    review: ReportReview | None, names: list[str], decided: dict[tuple[str, str], ReportDecision]
) -> list[AssertionRow]:
    if review is None:
        return []
    return [
        AssertionRow(
            names[index],
            item.id,
            item.text,
            item.severity,
            item.holds,
            item.measured,
            item.limit,
            decided.get((names[index], item.finding_id)),
        )
        for index, items in review.assertions.items()
        if index < len(names)
        for item in items
    ]


def summarise(
    document: DesignResult | Comparison, findings: Findings = None, review: ReportReview | None = None
) -> Summary:
    """The summary of a run or a comparison (designs in ranking order; mitigations: a run's only)."""
    designs = view.designs_of(document)
    names = [d.scenario for d in designs]
    decisions = _decision_rows(review, names)
    decided = {(row.design, row.decision.finding_id): row.decision for row in decisions}
    covered = {key for key, decision in decided.items() if not decision.expired}
    views = finding_views(findings, designs)
    groups = _groups(views, covered)
    order = [r.design for r in document.ranking] if isinstance(document, Comparison) else [0]
    return Summary(
        title=view.title_of(document),
        frames=list(dict.fromkeys(_frame(d) for d in designs)),
        matrix=[_matrix_row(designs[index]) for index in order],
        assertions=_assertion_rows(review, names, decided),
        initial=len(views),
        remaining=sum(g.open for g in groups),
        groups=groups[:TOP_GROUPS],
        more_groups=max(0, len(groups) - TOP_GROUPS),
        decisions=decisions,
        mitigations=_mitigation_rows(review) if review else [],
    )


def readable_cell(regimes: Sequence[str]) -> str:
    """A matrix cell in words."""
    return "readable by " + ", ".join(regimes) if regimes else "protected"
