"""CSV tables of a result, written with the :mod:`csv` module at full precision.

Each table has a ``design`` column (the scenario name) so that a comparison's tables stack
the designs; an interval becomes ``<name>_mean``, ``_low``, ``_high``, ``_half_width``, ``_n``
(empty bounds when there is no interval). Floats keep Python's shortest round-trip repr.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from simulator.experiment.result import Comparison, DesignResult, Interval
from simulator.report import view
from simulator.report.findings import Findings, finding_views
from simulator.report.review import ReportDecision, ReportReview
from simulator.text import spreadsheet_safe

TABLES: tuple[str, ...] = (
    "exposure",
    "headlines",
    "records",
    "transfers",
    "disclosures",
    "comparison",
    "findings",
)
"""Table names; ``comparison`` only for a comparison, ``findings`` only with findings. Files are
``<name>.csv``."""
_CELL_HEADER = ("design", "regime", "foreign", "state", "data", "pseudonymised")
"""Columns naming an exposure cell; ``pseudonymised``: readable without the re-identification table."""


def _interval_header(name: str) -> list[str]:
    return [f"{name}_mean", f"{name}_low", f"{name}_high", f"{name}_half_width", f"{name}_n"]


def _interval(value: Interval | None) -> list[object]:
    if value is None:
        return ["", "", "", "", ""]
    return [
        value.mean,
        "" if value.low is None else value.low,
        "" if value.high is None else value.high,
        "" if value.half_width is None else value.half_width,
        value.n,
    ]


def _cell(value: object) -> object:
    """Booleans as words; text a spreadsheet would read as a formula made plain text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value)


def _text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def exposure_csv(designs: Sequence[DesignResult]) -> str:
    return _text(
        [*_CELL_HEADER, "node", *_interval_header("record_hours")],
        (
            [
                d.scenario,
                c.regime,
                c.foreign,
                c.state,
                c.data,
                c.pseudonymised,
                c.node,
                *_interval(c.record_hours),
            ]
            for d in designs
            for c in d.exposure
        ),
    )


def headlines_csv(designs: Sequence[DesignResult]) -> str:
    return _text(
        ["design", "key", "label", "unit", "better", *_interval_header("value")],
        (
            [d.scenario, h.key, h.label, h.unit, h.better, *_interval(h.value)]
            for d in designs
            for h in d.summary
        ),
    )


def records_csv(designs: Sequence[DesignResult]) -> str:
    rows = []
    for d in designs:
        first = {(f.regime, f.state, f.data): f for f in d.first_exposure}
        for r in d.records_exposed:
            f = first.get((r.regime, r.state, r.data))
            rows.append(
                [
                    d.scenario,
                    r.regime,
                    r.foreign,
                    r.state,
                    r.data,
                    r.pseudonymised,
                    *_interval(r.records),
                    *_interval(r.share),
                    *_interval(f.probability if f else None),
                    *_interval(f.hours if f else None),
                ]
            )
    return _text(
        [
            *_CELL_HEADER,
            *_interval_header("records"),
            *_interval_header("share"),
            *_interval_header("first_exposure_probability"),
            *_interval_header("first_exposure_hours"),
        ],
        rows,
    )


def transfers_csv(designs: Sequence[DesignResult]) -> str:
    return _text(
        [
            "design",
            "from_country",
            "to_country",
            "importer",
            "tool",
            "abroad",
            *_interval_header("events"),
            *_interval_header("records"),
            *_interval_header("record_visits"),
        ],
        (
            [
                d.scenario,
                t.source,
                t.to,
                t.importer,
                t.tool,
                t.abroad,
                *_interval(t.events),
                *_interval(t.records),
                *_interval(t.record_visits),
            ]
            for d in designs
            for t in d.transfers
        ),
    )


def disclosures_csv(designs: Sequence[DesignResult]) -> str:
    """One row per legal demand: the instrument, where its rate comes from, and what the runs measured.

    ``rate_evidence`` and ``rate_sources`` join the evidence ids and source URLs with spaces.
    """
    return _text(
        [
            "design",
            "index",
            "regime",
            "target",
            "foreign",
            "instrument",
            "lasts_hours",
            "rate_kind",
            "rate_basis",
            "rate_evidence",
            "rate_sources",
            "rate_per_year_low",
            "rate_per_year_median",
            "rate_per_year_high",
            *_interval_header("rate_drawn_per_year"),
            *_interval_header("demands"),
            *_interval_header("disclosures"),
            *_interval_header("probability"),
            *_interval_header("first_disclosure_hours"),
            *_interval_header("success_share"),
            *_interval_header("in_force_hours"),
            *_interval_header("disclosed_record_hours"),
            *_interval_header("disclosed_records"),
        ],
        (
            [
                d.scenario,
                r.index,
                r.regime,
                r.target,
                r.foreign,
                r.instrument,
                "" if r.lasts_hours is None else r.lasts_hours,
                r.rate.kind,
                r.rate.basis,
                " ".join(e.id for e in r.rate.evidence),
                " ".join(r.rate.sources),
                r.rate.per_year.low,
                r.rate.per_year.median,
                r.rate.per_year.high,
                *_interval(r.rate_drawn_per_year),
                *_interval(r.demands),
                *_interval(r.disclosures),
                *_interval(r.probability),
                *_interval(r.first_disclosure_hours),
                *_interval(r.success_share),
                *_interval(r.in_force_hours),
                *_interval(r.disclosed_record_hours),
                *_interval(r.disclosed_records),
            ]
            for d in designs
            for r in d.disclosures
        ),
    )


def comparison_csv(comparison: Comparison) -> str:
    """Paired differences (design − baseline) for every headline metric, then the ranking as rank rows."""
    names = [d.scenario for d in comparison.designs]
    rows: list[list[object]] = [
        [
            "difference",
            names[x.design],
            names[x.baseline],
            x.metric,
            x.better,
            x.verdict,
            "",
            *_interval(x.difference),
        ]
        for x in comparison.differences
    ]
    rows += [
        [
            "rank",
            r.scenario,
            names[comparison.baseline],
            comparison.rank_by,
            "",
            "",
            r.rank,
            *_interval(r.value),
        ]
        for r in comparison.ranking
    ]
    return _text(
        ["row", "design", "baseline", "metric", "better", "verdict", "rank", *_interval_header("value")], rows
    )


def findings_csv(
    designs: Sequence[DesignResult], findings: Findings, review: ReportReview | None = None
) -> str:
    """One row per finding, with the risk decision on it (``open`` when there is none or it expired)."""
    names = [d.scenario for d in designs]
    decided = {
        (names[index], decision.finding_id): decision
        for index, items in (review.decisions.items() if review else [])
        if index < len(names)
        for decision in items
    }

    def status(design: str, finding_id: str) -> str:
        decision = decided.get((design, finding_id))
        if decision is None:
            return "open"
        if decision.expired:
            return f"open ({decision.acceptance.status} expired)"
        return decision.acceptance.status

    header = ["design", "id", "severity", "rule_set", "rule", "entity", "node", "title", "message", "source"]
    return _text(
        [*header, "estimate", "status", "owner", "expires"],
        (
            [f.design, f.id, f.severity, f.rule_set, f.rule, f.entity, f.node, f.title, f.message, f.source]
            + [f.estimate, status(f.design, f.id), *_owner(decided.get((f.design, f.id)))]
            for f in finding_views(findings, designs)
        ),
    )


def _owner(decision: ReportDecision | None) -> list[object]:
    return ["", ""] if decision is None else [decision.acceptance.owner, str(decision.acceptance.expires)]


def render_csv(
    document: DesignResult | Comparison, findings: Findings = None, review: ReportReview | None = None
) -> dict[str, str]:
    """File name → CSV text for every table of the document (``findings.csv`` when findings are given)."""
    designs = view.designs_of(document)
    tables = {
        "exposure.csv": exposure_csv(designs),
        "headlines.csv": headlines_csv(designs),
        "records.csv": records_csv(designs),
        "transfers.csv": transfers_csv(designs),
        "disclosures.csv": disclosures_csv(designs),
    }
    if isinstance(document, Comparison):
        tables["comparison.csv"] = comparison_csv(document)
    if findings is not None:
        tables["findings.csv"] = findings_csv(designs, findings, review)
    return tables
