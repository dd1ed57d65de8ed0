"""``report.md``: the result as GitHub-flavoured Markdown tables, short enough for a pull request.

No HTML: text and pipe tables only. Table cells are escaped (``|``, ``<``, ``>``, ``*``, ``_``,
backticks, newlines) so a scenario name cannot break the layout or inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.experiment.result import (
    Assumption,
    Comparison,
    ComputeOperations,
    DesignResult,
    DisclosureRow,
    Headline,
    Interval,
    SupportOperations,
)
from simulator.report import format as fmt
from simulator.report import view
from simulator.report.findings import Findings, FindingView, finding_views
from simulator.report.md_text import code as _code
from simulator.report.md_text import md
from simulator.report.md_text import table as _table
from simulator.report.probability import probability_text
from simulator.report.review import ReportReview
from simulator.report.summary import summarise
from simulator.report.summary_render import summary_markdown


def _ci(value: Interval | None, as_percent: bool = False) -> list[str]:
    """Mean and 95 % CI as two table cells."""
    if value is None:
        return ["–", "–"]
    mean = fmt.percent(value.mean) if as_percent else fmt.number(value.mean)
    return [mean, fmt.bounds(value, as_percent)]


def _probability(value: Interval) -> list[str]:
    """A probability and its 95 % CI as two table cells: an upper bound when the runs are too few."""
    return [probability_text(value), fmt.bounds(value, True)]


def _link(text: str, url: str) -> str:
    """A Markdown link to a source (escaped text, URL without spaces or parentheses); plain text if no URL."""
    if not view.is_link(url):
        return md(text)
    target = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("|", "%7C")
    return f"[{md(text)}]({target})"


def _design(
    result: DesignResult, level: str, findings: list[FindingView], common: Sequence[Assumption] = ()
) -> list[str]:
    """One design's sections, headed at ``level`` (``##`` alone, ``###`` in a comparison)."""
    names = {r.id: r.name for r in result.design.regimes}
    sections = [
        [md(view.frame_text(result)), "", md(view.overview(result)), ""],
        _verdicts(result, level),
        _own_law(result, level),
        _data_protection(result, level),
        _headlines(result, level),
        _exposure(result, level, names),
        _records(result, level, names),
        _transfers(result, level),
        _disclosures(result, level, names),
        _operations(result, level),
        _findings(findings, level),
        _assumptions(result, level, common),
        _parameters(result, level),
    ]
    return [line for section in sections for line in section]


def _verdicts(result: DesignResult, level: str) -> list[str]:
    lines = [f"{level} Verdict", ""]
    verdicts = view.regime_verdicts(result)
    if not verdicts:
        lines += ["No foreign regime of the catalogue reaches any holder of this design's data.", ""]
    for verdict in verdicts:
        lines.append(f"- **{md(verdict.sentence)}**")
        for state in verdict.readable:
            lines += _readable_state(state)
        for protection in verdict.protected:
            lines.append(f"  - {fmt.state(protection.state)}: {md('; '.join(protection.reasons))}")
    return lines + [""]


def _readable_state(state: view.StateExposure) -> list[str]:
    """A state a regime can read: the record-hours per node, records ever readable, the paths."""
    figures = "; ".join(
        f"{fmt.interval(c.record_hours)} record-hours at {_code(c.node)}" for c in state.cells
    )
    records = ""
    if state.records:
        records = (
            f" — up to {fmt.number(state.records.records.mean)} records "
            f"({fmt.percent(state.records.share.mean)}) ever readable"
        )
    category = f" ({view.PSEUDONYMISED})" if state.pseudonymised else ""
    figures = figures or "readable, no exposure in this run"
    lines = [f"  - {fmt.state(state.state)}{category}: {figures}{records}"]
    lines += [f"    - why: {md(reason)}" for reason in state.reasons]
    return lines + [f"    - path: {md(path)}" for path in state.paths]


def _own_law(result: DesignResult, level: str) -> list[str]:
    """The controller's own law: what it can read, for information, apart from the foreign readers."""
    verdicts = view.own_law_verdicts(result)
    if not verdicts:
        return []
    lines = [f"{level} {view.OWN_LAW_TITLE}", ""]
    for verdict in verdicts:
        source = verdict.source or "none given"
        source = _link("link", source) if view.is_link(source) else md(source)
        lines.append(f"- {md(verdict.sentence)} Source: {source}")
    return lines + [""]


def _data_protection(result: DesignResult, level: str) -> list[str]:
    """Per data class: who holds the keys and what that lets the provider do, the grants, the table."""
    rows = [
        [
            f"{_code(d.id)} {md(d.sensitivity.replace('_', ' '))}, {fmt.number(d.records)} records",
            f"{_code(d.custody)} {md(d.custody_meaning)}"
            + "".join(f" {_link(f'[{i}]', url)}" for i, url in enumerate(d.custody_sources, 1)),
            md(", ".join(d.grants)) or "none",
            _code(d.reidentification_table) if d.reidentification_table else "not pseudonymised",
        ]
        for d in result.design.data
    ]
    lines = [f"{level} Data protection", ""]
    lines += _table(["Data class", "Key custody", "Decrypt grants", "Re-identification table"], rows)
    desks = view.support_modes(result)
    if desks:
        lines += [f"Support desks and what a session shows: {md(', '.join(desks))}.", ""]
    return lines


def _headlines(result: DesignResult, level: str) -> list[str]:
    rows = [
        [
            md(h.label),
            *(_probability(h.value) if h.unit == "probability" else _ci(h.value, h.unit == "share")),
            md(h.unit),
        ]
        for h in result.summary
    ]
    return [f"{level} Headline metrics", ""] + _table(
        ["Metric", "Mean", "95 % CI", "Unit"], rows, numeric=(1, 2)
    )


def _exposure(result: DesignResult, level: str, names: dict[str, str]) -> list[str]:
    lines = [f"{level} Exposed record-hours (regime × state × data × node)", ""]
    if not result.exposure:
        return lines + ["No exposed record-hours.", ""]
    rows = [
        [
            md(names.get(c.regime, c.regime)),
            fmt.state(c.state),
            _code(c.data),
            _code(c.node),
            view.PSEUDONYMISED if c.pseudonymised else "readable",
            *_ci(c.record_hours),
        ]
        for c in result.exposure
    ]
    return lines + _table(
        ["Regime", "State", "Data", "Node", "Category", "Record-hours", "95 % CI"], rows, numeric=(5, 6)
    )


def _records(result: DesignResult, level: str, names: dict[str, str]) -> list[str]:
    if not result.records_exposed:
        return []
    first = {(f.regime, f.state, f.data): f for f in result.first_exposure}
    rows = []
    for r in result.records_exposed:
        f = first.get((r.regime, r.state, r.data))
        when = fmt.hours(f.hours.mean) if f is not None and f.hours is not None else "–"
        rows.append(
            [
                md(names.get(r.regime, r.regime)),
                fmt.state(r.state),
                _code(r.data) + (f" ({view.PSEUDONYMISED})" if r.pseudonymised else ""),
                *_ci(r.records),
                fmt.percent(r.share.mean),
                when,
            ]
        )
    header = ["Regime", "State", "Data", "Records", "95 % CI", "Share", "First exposure"]
    return [f"{level} Records ever readable", ""] + _table(header, rows, numeric=(3, 4, 5, 6))


def _transfers(result: DesignResult, level: str) -> list[str]:
    lines = [f"{level} Transfers", ""]
    if not result.transfers:
        return lines + ["No access from or move to another country.", ""]
    rows = [
        [
            t.source,
            t.to,
            _code(t.importer),
            md(t.tool),
            "yes" if t.abroad else "no",
            *_ci(t.events),
            *_ci(t.records),
            *_ci(t.record_visits),
        ]
        for t in result.transfers
    ]
    header = [
        "Held in",
        "Accessed from",
        "Importer",
        "Transfer tool",
        f"Outside {result.design.frame.home}",
        "Events",
        "95 % CI",
        "Distinct records (at most)",
        "95 % CI",
        "Record-visits",
        "95 % CI",
    ]
    return lines + _table(header, rows, numeric=(5, 6, 7, 8, 9, 10))


def _disclosures(result: DesignResult, level: str, names: dict[str, str]) -> list[str]:
    lines = [f"{level} Compelled disclosure", ""]
    if not result.disclosures:
        return lines + ["The scenario has no legal demand.", ""]
    lines += _disclosure_risk(result)
    rows = [
        [
            str(d.index),
            md(names.get(d.regime, d.regime)),
            _code(d.target),
            md(view.instrument_text(d)),
            f"{md(view.spread_text(d.rate.per_year))}, {md(view.rate_kind(d))}",
            fmt.number(d.demands.mean),
            fmt.number(d.disclosures.mean),
            *_probability(d.probability),
        ]
        for d in result.disclosures
    ]
    header = [
        "#",
        "Regime",
        "Target",
        "Instrument",
        "Rate per year",
        "Demands",
        "Disclosures",
        "P(at least one)",
        "95 % CI",
    ]
    lines += _table(header, rows, numeric=(5, 6, 7, 8))
    for d in result.disclosures:
        lines += _rate_source(d)
    return lines


def _disclosure_risk(result: DesignResult) -> list[str]:
    """P over the horizon and over 5 years beside the threshold; Monte Carlo error apart from the evidence."""
    risk = result.disclosure_risk
    horizon = fmt.hours(result.parameters.horizon_hours)
    return [
        f"- Over the horizon ({horizon}): {md(probability_text(risk.horizon))}; spread of the evidence: "
        f"{md(view.spread_text(risk.horizon_evidence, True))}",
        f"- Over 5 years: {md(probability_text(risk.five_years))}; spread of the evidence: "
        f"{md(view.spread_text(risk.five_years_evidence, True))}",
        f"- Threshold: {md(view.threshold_text(result))}",
        f"- Runs with a disclosure: {md(probability_text(risk.observed))}",
        "",
        "The interval of a probability is Monte Carlo error (more replications narrow it); the spread of the "
        "evidence is what the published counts leave uncertain about the rates.",
        "",
    ]


def _rate_source(row: DisclosureRow) -> list[str]:
    """Where demand #n's rate comes from: its kind, its basis, each published count as a link."""
    items = [
        f"- {_link(view.evidence_text(e), e.url)}"
        + "".join(f" *({md(mark)})*" for mark in view.evidence_marks(e))
        for e in row.rate.evidence
    ] or [f"- {_link(url, url)}" for url in row.rate.sources]
    head = [f"Demand #{row.index}: rate from {md(view.rate_kind(row))}. {md(row.rate.basis)}", ""]
    return head + (items + [""] if items else [])


def _operations(result: DesignResult, level: str) -> list[str]:
    ops = result.operations
    if not (ops.compute or ops.support):
        return []
    lines = [f"{level} Operations", ""]
    if ops.compute:
        lines += _compute_table(ops.compute)
    if ops.support:
        lines += _support_table(ops.support)
    failing = [c for c in ops.conservation if not c.holds]
    if failing:
        checks = "; ".join(f"{md(c.name)} ({md(c.detail)})" for c in failing)
        lines += [f"**Bookkeeping checks that fail:** {checks}", ""]
    return lines


def _compute_table(compute: Sequence[ComputeOperations]) -> list[str]:
    rows = [
        [
            _code(c.node),
            fmt.number(c.lots_served.mean),
            fmt.percent(c.utilisation.mean),
            fmt.number(c.mean_wait_hours.mean) if c.mean_wait_hours else "–",
            fmt.percent(c.burst_fraction.mean) if c.burst_fraction else "–",
        ]
        for c in compute
    ]
    header = ["Compute node", "Lots served", "Utilisation", "Mean wait (h)", "Burst fraction"]
    return _table(header, rows, numeric=(1, 2, 3, 4))


def _support_table(support: Sequence[SupportOperations]) -> list[str]:
    rows = [
        [
            _code(s.node),
            md(s.role),
            f"{md(s.site)} ({s.country})",
            _code(s.entity),
            fmt.number(s.session_hours.mean),
        ]
        for s in support
    ]
    return _table(["Node", "Role", "Site", "Entity", "Session-hours"], rows, numeric=(4,))


def _findings(findings: list[FindingView], level: str, with_message: bool = True) -> list[str]:
    if not findings:
        return []
    rows = [
        [
            f.severity,
            _code(f.rule),
            md(f.title + (f" — {f.message}" if with_message and f.message else "")),
            md(" / ".join(f.evidence)) or "–",
            md(f.source),
        ]
        for f in findings
    ]
    return [f"{level} Compliance findings", ""] + _table(
        ["Severity", "Rule", "Finding", "Evidence", "Source"], rows
    )


def _assumptions(result: DesignResult, level: str, common: Sequence[Assumption] = ()) -> list[str]:
    lines = [f"{level} Assumptions", ""]
    if not result.assumptions:
        return lines + ["The scenario declares no assumption.", ""]
    kept, left_out = view.design_assumptions(result, common)
    shared = ["Those common to every compared design are listed once, above.", ""] if common else []
    note = [
        f"{left_out} assumptions about catalogue entities the design does not use are in result.json.",
        "",
    ]
    return lines + shared + _assumption_table(kept) + (note if left_out else [])


def _assumption_table(items: Sequence[Assumption]) -> list[str]:
    rows = [
        [
            a.kind.replace("_", " "),
            _code(a.path),
            md(view.assumption_value(a.value)),
            md(a.basis or "no basis given"),
        ]
        for a in items
    ]
    return _table(["Kind", "Where", "Value", "Basis"], rows)


def _parameters(result: DesignResult, level: str) -> list[str]:
    p = result.parameters
    replications = f"{p.replications} of at most {p.max_replications}" + (
        " (stopped early)" if p.stopped_early else ""
    )
    rows = [
        ["Scenario hash", _code(result.scenario_hash)],
        ["Seed", str(p.seed)],
        ["Replications", replications],
        ["Horizon", f"{fmt.hours(p.horizon_hours)} ({fmt.number(p.horizon_hours)} h)"],
        ["Bins", str(p.bins)],
        ["Confidence", fmt.percent(p.confidence)],
        ["sovsim version", md(p.sovsim_version)],
    ]
    return [f"{level} Parameters", ""] + _table(["Parameter", "Value"], rows)


def render_markdown(
    document: DesignResult | Comparison, findings: Findings = None, review: ReportReview | None = None
) -> str:
    """The full ``report.md`` text of a design result or a comparison, its summary first."""
    designs = view.designs_of(document)
    all_findings = finding_views(findings, designs)
    lines = _preamble(document) + summary_markdown(summarise(document, findings, review))
    if isinstance(document, Comparison):
        lines += _comparison(document, designs, all_findings)
    else:
        lines += _design(document, "##", all_findings)
    return _text(lines)


def render_summary(
    document: DesignResult | Comparison, findings: Findings = None, review: ReportReview | None = None
) -> str:
    """``summary.md``: the report's first page on its own."""
    return _text(_preamble(document) + summary_markdown(summarise(document, findings, review)))


def _preamble(document: DesignResult | Comparison) -> list[str]:
    return [
        f"# sovsim report — {md(view.title_of(document))}",
        "",
        "Legal reach is a model, not legal advice. Figures are means over replications with 95 % confidence "
        "intervals; assumed numbers are listed under *Assumptions*.",
        "",
    ]


def _text(lines: list[str]) -> str:
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _comparison(document: Comparison, designs: list[DesignResult], findings: list[FindingView]) -> list[str]:
    """The ranking, the paired differences, then each design; findings of no design last."""
    lines = _ranking(document, designs)
    common = view.common_assumptions(designs)
    if common:
        lines += [f"## Assumptions common to all {len(designs)} designs", ""] + _assumption_table(common)
    for design in designs:
        own = [f for f in findings if f.design == design.scenario]
        lines += [f"## {md(design.scenario)}", ""]
        lines += _design(design, "###", own, common)
    names = {d.scenario for d in designs}
    return lines + _findings([f for f in findings if f.design not in names], "##", with_message=False)


def _ranking(document: Comparison, designs: list[DesignResult]) -> list[str]:
    labels = view.metric_labels(designs)
    rank = labels.get(document.rank_by)
    as_percent = bool(rank and rank.unit in ("probability", "share"))
    lines = ["## Comparison", ""]
    lines += [
        f"Baseline: **{md(designs[document.baseline].scenario)}**. Ranked by {_code(document.rank_by)}"
        f"{' (' + md(rank.label) + ')' if rank else ''}; differences are design − baseline, paired by "
        "replication (common random numbers).",
        "",
    ]
    lines += _table(
        ["Rank", "Design", "Mean", "95 % CI"],
        [
            [str(rank), md(r.scenario), *_ci(r.value, as_percent)]
            for rank, r in zip(view.shown_ranks(document.ranking), document.ranking, strict=True)
        ],
        numeric=(0, 2, 3),
    )
    lines += _differences(document, designs, labels)
    rows = [
        ["Comparison hash", _code(document.comparison_hash)],
        ["Seed", str(document.parameters.seed)],
        ["Replications", str(document.parameters.replications)],
    ]
    return lines + _table(["Parameter", "Value"], rows)


def _differences(document: Comparison, designs: list[DesignResult], labels: dict[str, Headline]) -> list[str]:
    rows = []
    for d in document.differences:
        label = labels.get(d.metric)
        pct = bool(label and label.unit in ("probability", "share"))
        rows.append(
            [
                md(designs[d.design].scenario),
                md(label.label if label else d.metric),
                *_ci(d.difference, pct),
                d.verdict,
            ]
        )
    if not rows:
        return []
    return _table(["Design", "Metric", "Difference", "95 % CI", "Verdict"], rows, numeric=(2, 3))
