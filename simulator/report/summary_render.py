"""The executive summary as Markdown (``summary.md``, the top of ``report.md``) and as the first
section of ``report.html``. Formatting only: :mod:`simulator.report.summary` chose what to say.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from simulator.model.catalog import STATES
from simulator.report import format as fmt
from simulator.report import summary_template
from simulator.report.md_text import code, md, table
from simulator.report.summary import MatrixRow, MitigationRow, Summary, readable_cell
from simulator.text import visible_value

_STATUS = {"accepted": "accepted", "mitigated": "mitigated", "false_positive": "false positive"}


def at_any_moment(row: MatrixRow) -> str:
    """Record-hours in plain words: records readable at any moment, on average, then the figure."""
    if row.record_hours is None or row.horizon_hours <= 0:
        return "–"
    return (
        f"about {fmt.number(row.record_hours.mean / row.horizon_hours)} records at any moment "
        f"({fmt.interval(row.record_hours)} record-hours)"
    )


def disclosure(row: MatrixRow) -> str:
    return fmt.interval(row.p_disclosure, as_percent=True) if row.p_disclosure else "–"


def removed_text(row: MitigationRow) -> str:
    share = f" ({fmt.percent(row.share_removed)})" if row.share_removed is not None else ""
    return f"{fmt.interval(row.removed)}{share}"


def decision_text(status: str, owner: str, expires: object, expired: bool) -> str:
    state = "EXPIRED" if expired else "until"
    return f"{_STATUS.get(status, status)} by {owner}, {state} {expires}"


def summary_markdown(summary: Summary, level: str = "##") -> list[str]:
    """The summary's Markdown lines, headed at ``level``."""
    lines = [f"{level} Summary", ""]
    lines += [f"- {md(frame)}" for frame in summary.frames] + [""]
    lines += _matrix_md(summary, level)
    lines += _assertions_md(summary, level)
    lines += _findings_md(summary, level)
    lines += _mitigations_md(summary, level)
    return lines


def _matrix_md(summary: Summary, level: str) -> list[str]:
    rows = [
        [md(row.design), *(md(readable_cell(row.foreign[s])) for s in STATES)]
        + [at_any_moment(row), disclosure(row)]
        for row in summary.matrix
    ]
    header = ["Design", *(fmt.state(s) for s in STATES), "Readable by a foreign regime", "P(disclosure)"]
    lines = [f"{level}# Who can read the data, by state", ""]
    lines += table(header, rows)
    if summary.has_own_law:
        own = [
            [md(row.design), *(md(", ".join(row.own[s]) or "–") for s in STATES)] for row in summary.matrix
        ]
        lines += ["Your own law, for information (never part of a verdict):", ""]
        lines += table(["Design", *(fmt.state(s) for s in STATES)], own)
    return lines


def _assertions_md(summary: Summary, level: str) -> list[str]:
    if not summary.assertions:
        return []
    rows = [
        [
            "PASS" if a.holds else "FAIL",
            md(a.design),
            code(a.id),
            md(a.text),
            a.severity,
            md(a.measured),
            md(a.limit),
            md(
                decision_text(
                    a.decision.acceptance.status,
                    a.decision.acceptance.owner,
                    a.decision.acceptance.expires,
                    a.decision.expired,
                )
            )
            if a.decision
            else "",
        ]
        for a in summary.assertions
    ]
    header = ["Result", "Design", "Assertion", "Text", "Severity", "Simulated", "Limit", "Decision"]
    return [f"{level}# Assertions", ""] + table(header, rows)


def _findings_md(summary: Summary, level: str) -> list[str]:
    lines = [
        f"{level}# Findings",
        "",
        f"{summary.initial} finding(s), {summary.remaining} open after risk decisions.",
        "",
    ]
    rows = [
        [g.severity, md(g.design), code(g.rule), md(g.title), str(g.count), str(g.open)]
        + [md(", ".join(g.subjects))]
        for g in summary.groups
    ]
    header = ["Severity", "Design", "Rule", "Title", "Findings", "Open", "Entities and nodes"]
    if rows:
        lines += table(header, rows)
    if summary.more_groups:
        lines += [f"… and {summary.more_groups} more rule(s) with findings (see Findings).", ""]
    if summary.decisions:
        decided = [
            [
                code(d.decision.finding_id),
                _STATUS.get(d.decision.acceptance.status, d.decision.acceptance.status),
                md(d.decision.acceptance.owner),
                str(d.decision.acceptance.date),
                str(d.decision.acceptance.expires) + (" (expired)" if d.decision.expired else ""),
                md(d.decision.acceptance.justification),
            ]
            for d in summary.decisions
        ]
        lines += ["Risk decisions:", ""]
        lines += table(["Finding", "Status", "Owner", "Date", "Expires", "Justification"], decided)
    return lines


def _mitigations_md(summary: Summary, level: str) -> list[str]:
    if not summary.mitigations:
        return []
    first = summary.mitigations[0]
    lines = [
        f"{level}# What would change the verdict",
        "",
        "The same design re-run with each built-in mitigation on common random numbers "
        f"({first.effect.replications} replications, same seed): foreign record-hours removed, "
        "paired by replication.",
        "",
    ]
    rows = [
        [
            md(m.effect.title),
            fmt.interval(m.effect.baseline),
            fmt.interval(m.effect.mitigated),
            removed_text(m),
            md("; ".join(f"{fmt.state(s)} {fmt.interval(v)}" for s, v in m.by_state.items()) or "–"),
            md("; ".join(m.effect.changes)),
        ]
        for m in summary.mitigations
    ]
    header = ["Mitigation", "Record-hours now", "With it", "Removed", "Removed by state", "What changes"]
    return lines + table(header, rows)


_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=visible_value)
_HTML = _ENV.from_string(summary_template.HTML)


def summary_html(summary: Summary) -> Markup:
    """The summary section of ``report.html``."""
    return Markup(
        _HTML.render(
            s=summary,
            states=STATES,
            fmt=fmt,
            at_any_moment=at_any_moment,
            disclosure=disclosure,
            removed_text=removed_text,
            decision_text=decision_text,
            status=_STATUS,
        )
    )
