"""User story: a board member compares designs from the charts alone. No chart may mislead:
a colour means one thing, compared designs share one scale, equal designs tie, values spanning
decades stay visible, labels stay distinct, legends list what is drawn, and the controller's
own home (the UK for DESC) is named as such."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from simulator.experiment.result import Interval
from simulator.report import render_html, render_markdown
from simulator.report.charts import SPECIAL_CELLS, IntervalRow, exposure_heatmap, heat_range, interval_chart
from simulator.report.svg import REGIME_COLOURS, STATE_COLOURS, ZONE_COLOURS, compact, fit_labels
from simulator.report.topology import topology_chart
from simulator.report.view import shown_ranks

EXPONENT = re.compile(r"\d(\.\d+)?e[+-]?\d", re.IGNORECASE)
MIN_COLOUR_DISTANCE = 60
_SPECIAL_CELL_TEXTS = [(cell_text, meaning) for _, _, cell_text, meaning in SPECIAL_CELLS.values()]


def _rgb(colour: str) -> tuple[int, ...]:
    return tuple(int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))


def _distance(a: str, b: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(_rgb(a), _rgb(b), strict=True)) ** 0.5


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_a_colour_never_means_both_a_regime_and_a_state_or_zone():
    others = list(STATE_COLOURS.values()) + list(ZONE_COLOURS.values())
    close = [(r, o) for r in REGIME_COLOURS for o in others if _distance(r, o) < MIN_COLOUR_DISTANCE]
    assert close == [], f"regime colours too close to state or zone colours: {close}"


def test_compared_designs_heatmaps_share_one_colour_scale(six_designs):
    """The same shade means the same record-hours in every design: one legend, one range."""
    designs = six_designs.comparison.designs
    html = render_html(six_designs.comparison)
    legends = set()
    for index, design in enumerate(designs):
        svg = exposure_heatmap(design, f"d{index}-heatmap", heat_range(designs))
        assert svg in html, "the report draws each heatmap on the shared scale"
        if "record-hours (log scale)" in svg:
            legend = svg.split("record-hours (log scale)")[-1]
            legends.add(tuple(re.findall(r'fill="#616e7c">([^<]*)</text>', legend)[:2]))
    assert len(legends) == 1, f"heatmap legends differ: {legends}"


def test_equal_figures_share_a_rank(six_designs):
    ranking = six_designs.comparison.ranking
    ranks = shown_ranks(ranking)
    for i in range(1, len(ranking)):
        tied = ranking[i].value.mean == ranking[i - 1].value.mean
        assert (ranks[i] == ranks[i - 1]) == tied, (ranking[i - 1].scenario, ranking[i].scenario)
    assert len(set(ranks)) < len(ranks), "the six designs include tied ones (three with no exposure)"


def test_values_spanning_decades_get_a_log_axis_and_no_exponent():
    rows = [IntervalRow("Bleu", Interval(mean=127e6, low=120e6, high=134e6, half_width=7e6, n=3, method="t"))]
    rows.append(
        IntervalRow("Azure", Interval(mean=1.09e12, low=1e12, high=1.18e12, half_width=9e10, n=3, method="t"))
    )
    rows.append(IntervalRow("On premises", Interval(mean=0, low=0, high=0, half_width=0, n=3, method="t")))
    svg = interval_chart(rows, "c", "t", "d", "record-hours")
    texts = _texts(svg)
    assert any("log scale" in t for t in texts)
    assert not [t for t in texts if EXPONENT.search(t)], texts
    dots = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert dots[0] - dots[2] > 0.05 * (dots[1] - dots[2]), "127 M sits clear of zero beside 1.09 T"


def test_no_figure_in_any_report_is_written_as_an_exponent(desc_run, six_designs):
    for document, findings in ((desc_run.result, desc_run.findings), (six_designs.comparison, None)):
        for text in (render_html(document, findings), render_markdown(document, findings)):
            plain = re.sub(r"<[^>]+>|[0-9a-f]{64}|#[0-9A-Fa-f]{6}", " ", text)
            assert not EXPONENT.search(plain), EXPONENT.search(plain)
    assert [compact(v) for v in (1.09e12, 127e6, 2.5e3)] == ["1.09 T", "127 M", "2.5 k"]


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=12))
def test_shortened_labels_stay_as_distinct_as_the_originals(labels):
    assert len(set(fit_labels(labels, 20))) == len(set(labels))


def test_disclosure_rows_name_their_target(six_designs):
    html = render_html(six_designs.comparison)
    chart = html[
        html.index('id="disclosure-chart"') : html.index("</svg>", html.index('id="disclosure-chart"'))
    ]
    labels = [t for t in _texts(chart) if t.startswith("#")]
    for design in six_designs.comparison.designs:
        for row in design.disclosures:
            assert any(label.endswith(f"→ {row.target}") for label in labels), row.target


def test_topology_legend_lists_exactly_the_regimes_drawn(desc_run):
    result = desc_run.result
    svg = topology_chart(result, "t")
    names = {r.id: r.name for r in result.design.regimes}
    drawn = {names[v.regime] for v in result.static.exposures}
    listed = {t.removeprefix("readable by ") for t in _texts(svg) if t.startswith("readable by ")}
    assert {n[:40] for n in listed} == {n[:40] for n in drawn}
    assert not any("China" in n or "PRC" in n for n in listed), (
        "a law that reads nowhere is not in the legend"
    )


def test_every_overflow_site_is_drawn_with_its_edge(desc_run):
    result = desc_run.result
    svg = topology_chart(result, "t")
    overflows = {
        (v.node, v.site) for v in result.static.exposures + result.static.protections if v.role == "overflow"
    }
    assert overflows, "DESC's analytics overflows to another site"
    for node, site in overflows:
        assert f"<title>{node} overflows to {site}</title>" in svg


def test_a_uk_controller_sees_uk_not_eu_as_home(desc_run):
    result = desc_run.result
    assert result.design.frame.home == "UK"
    html = render_html(result, desc_run.findings)
    transfers = html[html.index('id="transfers"') : html.index('id="disclosures"')]
    topology = html[html.index('id="topology"') : html.index('id="transfers"')]
    for part in (transfers, topology):
        assert "EU/EEA" not in part and "non-EU" not in part
    assert "UK sites" in topology and "Outside UK" in transfers


def test_record_hours_come_with_plain_units(desc_run):
    html = render_html(desc_run.result, desc_run.findings)
    assert re.search(r"about [\d.,]+( [kMGT])? records readable at any moment", html)


def test_heatmap_legends_list_only_kinds_of_cell_drawn(desc_run, six_designs):
    designs = [desc_run.result, *six_designs.comparison.designs]
    for index, design in enumerate(designs):
        texts = _texts(exposure_heatmap(design, f"h{index}"))
        for cell_text, meaning in _SPECIAL_CELL_TEXTS:
            assert (meaning in texts) == (cell_text in texts), (design.scenario, meaning)
