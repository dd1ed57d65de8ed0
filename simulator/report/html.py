"""``report.html``: one self-contained offline page rendering one result document.

Inline CSS and SVG, no script, nothing fetched from the network. Jinja2 autoescapes every
value, so a scenario named ``<script>…`` shows as text; charts are built by
:mod:`simulator.report.charts` and :mod:`simulator.report.topology`, which escape their own text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from simulator.experiment.result import (
    SCHEMA_VERSION,
    Assumption,
    Comparison,
    DesignResult,
    FirstExposure,
    Interval,
)
from simulator.model.assertion import SEVERITIES
from simulator.report import format as fmt
from simulator.report import templates, view
from simulator.report.charts import (
    IntervalRow,
    exposure_heatmap,
    exposure_timeline,
    heat_range,
    interval_chart,
    stacked_bars,
    transfers_matrix,
)
from simulator.report.findings import Findings, finding_views
from simulator.report.probability import probability_text
from simulator.report.review import ReportReview
from simulator.report.summary import summarise
from simulator.report.summary_render import summary_html
from simulator.report.svg import REGIME_COLOURS, regime_colours
from simulator.report.topology import topology_chart
from simulator.text import visible_value

RANK_COLOUR = "#475467"
"""Designs are not regimes: the ranking is drawn in a neutral slate, not a regime's colour."""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("verdict", "Verdict"),
    ("heatmap", "Heatmap"),
    ("stacked-bars", "Per state"),
    ("timeline", "Timeline"),
    ("topology", "Topology"),
    ("transfers", "Transfers"),
    ("disclosures", "Disclosure"),
    ("records", "Records"),
    ("operations", "Operations"),
    ("comparison", "Comparison"),
    ("findings", "Findings"),
    ("assumptions", "Assumptions"),
    ("parameters", "Parameters"),
)
"""Section ids of the page, in order (``comparison`` only when there are several designs)."""

_ENV = jinja2.Environment(
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=False,
    lstrip_blocks=False,
    finalize=visible_value,
)
_TEMPLATE = _ENV.from_string(templates.HTML)


@dataclass(frozen=True)
class Cover:
    """What the printed report's cover says; given, the page is laid out for print."""

    title: str
    date: str
    author: str
    classification: str


@dataclass(frozen=True)
class _RecordRow:
    regime: str
    state: str
    data: str
    records: Interval | None
    share: Interval | None
    first: FirstExposure | None
    pseudonymised: bool


@dataclass(frozen=True)
class _Block:
    """One design as the template shows it."""

    index: int
    anchor: str
    label: str
    result: DesignResult
    overview: str
    cards: list[Any]
    verdicts: list[view.RegimeVerdict]
    colours: dict[str, str]
    regime_names: dict[str, str]
    records: list[_RecordRow]
    assumptions: list[Assumption]
    assumptions_left_out: int
    heatmap: Markup
    timeline: Markup
    topology: Markup
    transfers_chart: Markup


def _records(result: DesignResult) -> list[_RecordRow]:
    """Records-exposed and first-exposure rows side by side (a join on regime, state, data)."""
    exposed = {(r.regime, r.state, r.data): r for r in result.records_exposed}
    first = {(f.regime, f.state, f.data): f for f in result.first_exposure}
    rows = []
    for key in sorted(set(exposed) | set(first)):
        item = exposed.get(key)
        rows.append(
            _RecordRow(
                key[0],
                key[1],
                key[2],
                item.records if item else None,
                item.share if item else None,
                first.get(key),
                bool(item and item.pseudonymised),
            )
        )
    return rows


def _block(index: int, result: DesignResult, heat: tuple[float, float], common: list[Assumption]) -> _Block:
    anchor = f"d{index}"
    assumptions, left_out = view.design_assumptions(result, common)
    cards = [h for key in view.KEY_HEADLINES if (h := view.headline(result, key)) is not None]
    return _Block(
        index=index,
        anchor=anchor,
        label=result.scenario,
        result=result,
        overview=view.overview(result),
        cards=cards,
        verdicts=view.regime_verdicts(result),
        colours=regime_colours(r.id for r in result.design.regimes),
        regime_names={r.id: r.name for r in result.design.regimes},
        records=_records(result),
        assumptions=assumptions,
        assumptions_left_out=left_out,
        heatmap=Markup(exposure_heatmap(result, f"{anchor}-heatmap", heat)),
        timeline=Markup(exposure_timeline(result, f"{anchor}-timeline")),
        topology=Markup(topology_chart(result, f"{anchor}-topology")),
        transfers_chart=Markup(transfers_matrix(result, f"{anchor}-transfers")),
    )


def _disclosure_chart(blocks: list[_Block]) -> Markup:
    rows = []
    for block in blocks:
        for row in block.result.disclosures:
            name = block.regime_names.get(row.regime, row.regime)
            rows.append(
                IntervalRow(
                    f"#{row.index} {name} → {row.target}",
                    row.probability,
                    block.colours.get(row.regime, REGIME_COLOURS[0]),
                    group=block.label,
                )
            )
    return Markup(
        interval_chart(
            rows,
            "disclosure-chart",
            "Probability of at least one compelled disclosure",
            "Probability of at least one successful compelled disclosure over the horizon, per legal demand, "
            "with its 95 % Wilson interval.",
            "P(at least one successful disclosure over the horizon)",
            as_percent=True,
        )
    )


def _comparison_charts(
    document: Comparison, blocks: list[_Block], rank_label: str, as_percent: bool
) -> tuple[Markup, Markup]:
    ranking = interval_chart(
        [
            IntervalRow(f"{rank}. {r.scenario}", r.value, RANK_COLOUR)
            for rank, r in zip(view.shown_ranks(document.ranking), document.ranking, strict=True)
        ],
        "ranking-chart",
        f"Designs ranked by {rank_label}",
        f"Mean {rank_label} per design with its 95 % confidence interval, best first.",
        rank_label,
        as_percent=as_percent,
    )
    differences = interval_chart(
        [
            IntervalRow(
                blocks[d.design].label,
                d.difference,
                {"better": "#067647", "worse": "#b42318"}.get(d.verdict, "#616e7c"),
                d.verdict,
            )
            for d in document.differences
            if d.metric == document.rank_by
        ],
        "difference-chart",
        f"Paired difference in {rank_label} against the baseline",
        "Design minus baseline, paired by replication, with 95 % t intervals; "
        "left of the dashed line is lower.",
        f"design − baseline, {rank_label}",
        as_percent=as_percent,
        zero_line=True,
    )
    return Markup(ranking), Markup(differences)


def render_html(
    document: DesignResult | Comparison,
    findings: Findings = None,
    review: ReportReview | None = None,
    cover: Cover | None = None,
) -> str:
    """The full ``report.html`` text of a design result or a comparison, its summary first.

    With a ``cover``, the page opens on that cover and contents and gathers the findings'
    evidence in an annex, as :mod:`simulator.report.pdf` prints it.
    """
    designs = view.designs_of(document)
    heat, common = heat_range(designs), view.common_assumptions(designs)
    blocks = [_block(i, d, heat, common) for i, d in enumerate(designs)]
    several = isinstance(document, Comparison)
    labels = view.metric_labels(designs)
    context: dict[str, Any] = {
        "title": view.title_of(document),
        "summary": summary_html(summarise(document, findings, review)),
        "css": Markup(templates.CSS),
        "fmt": fmt,
        "view": view,
        "probability_text": probability_text,
        "is_link": view.is_link,
        "assumption_value": view.assumption_value,
        "common_assumptions": common,
        "blocks": blocks,
        "several": several,
        "version": designs[0].parameters.sovsim_version if designs else "unknown",
        "schema_version": SCHEMA_VERSION,
        "parameters": document.parameters,
        "toc": [s for s in SECTIONS if several or s[0] != "comparison"],
        "stacked": Markup(stacked_bars([(b.label, b.result) for b in blocks], "stacked-bars-chart")),
        "disclosures_chart": _disclosure_chart(blocks),
        "comparison": document if several else None,
        "metric_labels": labels,
        "findings": None if findings is None else finding_views(findings, designs),
        "severities": SEVERITIES[::-1],
        "cover": cover,
    }
    if isinstance(document, Comparison):
        rank = labels.get(document.rank_by)
        rank_label = rank.label if rank else document.rank_by
        as_percent = bool(rank and rank.unit in ("probability", "share"))
        context["rank_label"] = rank_label
        context["ranks"] = view.shown_ranks(document.ranking)
        context["ranking_chart"], context["difference_chart"] = _comparison_charts(
            document, blocks, rank_label, as_percent
        )
    return _TEMPLATE.render(**context)
