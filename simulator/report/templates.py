"""The Jinja2 templates of ``report.html`` and the sweep's page, and their stylesheet.

Kept in Python so they ship with the package.

The page is self-contained: inline CSS, inline SVG, no script, no font or image to fetch.
Links to sources are plain ``<a href>`` that a reader may follow.
"""

CSS = """
:root {
  --text: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f4f6f9; --card: #ffffff;
  --accent: #1d4e89; --bad: #b42318; --warn: #b54708; --good: #067647; --info: #475467;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; background: var(--bg); color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5; }
header.top { background: #13294b; color: #fff; padding: 28px 0 22px; }
header.top .wrap, main.wrap, nav.toc .wrap, footer .wrap { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
header.top .eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; opacity: .75; margin: 0; }
header.top h1 { margin: 4px 0 6px; font-size: 1.85rem; font-weight: 650; overflow-wrap: anywhere; }
header.top .meta { margin: 0; opacity: .85; font-size: .92rem; }
header.top code { color: #fff; background: rgba(255,255,255,.12); }
nav.toc { background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 2; }
nav.toc ul { list-style: none; margin: 0; padding: 8px 0; display: flex; gap: 4px 6px; overflow-x: auto; }
nav.toc li { flex: none; }
[id] { scroll-margin-top: 64px; }
nav.toc a { display: inline-block; padding: 4px 10px; border-radius: 999px; color: var(--accent);
  text-decoration: none; font-size: .88rem; }
nav.toc a:hover { background: #eef3fa; }
main.wrap { padding-top: 22px; padding-bottom: 40px; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px;
  padding: 22px 26px 18px; margin: 0 0 22px; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
section.card > h2 { margin: 0 0 4px; font-size: 1.3rem; font-weight: 650; }
section.card > p.lead { margin: 0 0 14px; color: var(--muted); }
h3 { font-size: 1.05rem; margin: 20px 0 8px; font-weight: 620; overflow-wrap: anywhere; }
h3:first-of-type { margin-top: 10px; }
h4 { font-size: .95rem; margin: 14px 0 6px; }
a { color: var(--accent); overflow-wrap: anywhere; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .86em;
  background: #f2f4f7; padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }
.chart-wrap { overflow-x: auto; margin: 6px 0 10px; }
.chart-wrap svg { max-width: 100%; min-width: calc(var(--natural-width) * .75); height: auto; display: block; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: .9rem; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .03em;
  background: #f8fafc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num .mean { display: block; white-space: nowrap; font-weight: 560; }
td.num .ci { display: block; white-space: nowrap; font-size: .78rem; color: var(--muted); }
td code { white-space: nowrap; overflow-wrap: normal; }
.table-wrap { overflow-x: auto; margin: 8px 0 14px; }
.table-wrap table { margin: 0; }
table.kv th { width: 220px; text-transform: none; letter-spacing: 0; font-size: .88rem; }
tbody tr:hover { background: #fafbfc; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; margin: 12px 0 16px; }
.metric { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: #fbfcfe; }
.metric .label { font-size: .8rem; color: var(--muted); }
.metric .value { font-size: 1.45rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.metric .ci { font-size: .8rem; color: var(--muted); }
.overview { font-size: 1.02rem; margin: 6px 0 8px; }
.verdict { border-left: 4px solid var(--bad); background: #fff8f6; padding: 10px 14px; border-radius: 0 8px 8px 0;
  margin: 10px 0; }
.verdict.eu { border-left-color: var(--info); background: #f7f8fa; }
.verdict.safe { border-left-color: var(--good); background: #f3fbf6; }
.verdict p.sentence { margin: 0 0 4px; font-weight: 560; }
.verdict ul { margin: 4px 0 0; padding-left: 20px; }
.verdict li { margin: 2px 0; }
details { margin: 4px 0; }
details summary { cursor: pointer; color: var(--accent); font-size: .88rem; }
.path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; color: #344054;
  background: #f2f4f7; border-radius: 6px; padding: 6px 8px; margin: 4px 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: .75rem; font-weight: 600;
  text-transform: uppercase; letter-spacing: .03em; white-space: nowrap; }
.sev-critical { background: #7a271a; color: #fff; } .sev-high { background: #fee4e2; color: #b42318; }
.sev-medium { background: #fef0c7; color: #93370d; } .sev-low { background: #e0eaff; color: #3538cd; }
.sev-info { background: #f2f4f7; color: #475467; }
.v-better { background: #dcfae6; color: #067647; } .v-worse { background: #fee4e2; color: #b42318; }
.v-same { background: #f2f4f7; color: #475467; }
.tag { display: inline-block; padding: 0 7px; border-radius: 5px; font-size: .75rem; background: #fef0c7;
  color: #93370d; font-weight: 600; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
.finding { border: 1px solid var(--line); border-radius: 10px; padding: 10px 16px; margin: 8px 0; }
.finding > summary { cursor: pointer; color: var(--text); font-size: .95rem; list-style-position: outside; margin-left: 14px; }
.finding > summary .message { color: #344054; font-size: .9rem; margin-top: 2px; }
.finding .body { margin: 8px 0 2px 14px; }
.finding .meta { color: var(--muted); font-size: .85rem; }
.counts .badge { margin-right: 4px; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: .85rem; padding: 0 0 30px; }
@media (max-width: 600px) {
  html { font-size: 14px; }
  header.top { padding: 16px 0 12px; }
  header.top h1 { font-size: 1.4rem; }
  header.top .wrap, main.wrap, nav.toc .wrap, footer .wrap { padding: 0 12px; }
  section.card { padding: 14px 12px 10px; border-radius: 8px; }
  table.kv th { width: auto; }
}
@media print {
  .why { display: none; } /* the explanation paths print open just below */
  html { font-size: 8.5pt; }
  body { background: #fff; }
  nav.toc, footer { display: none; }
  header.top { background: #fff; color: var(--text); padding: 0 0 8px; border-bottom: 2px solid var(--accent); }
  header.top code { color: var(--text); }
  header.top .wrap, main.wrap { max-width: none; padding: 0; }
  main.wrap { padding-top: 10px; }
  section.card { border: none; border-radius: 0; padding: 0; margin: 0 0 14px; box-shadow: none; }
  section.card > h2, h3, h4 { break-after: avoid; }
  .chart-wrap, .metric, tr, .path { break-inside: avoid; }
  .chart-wrap, .table-wrap { overflow: visible; }
  .chart-wrap svg { width: 100%; min-width: 0; max-height: 240mm; }
  [id] { scroll-margin-top: 0; }
  table { font-size: .85rem; }
  th, td { padding: 3px 6px; }
  td code, td.num .mean, td.num .ci { white-space: normal; overflow-wrap: break-word; }
  a { overflow-wrap: anywhere; }
  details > summary { list-style: none; }
  table.assumptions { table-layout: fixed; font-size: .75rem; }
  table.assumptions col.kind { width: 11%; } table.assumptions col.where { width: 21%; }
  table.assumptions code { white-space: normal; overflow-wrap: anywhere; }
  .verdict { padding: 6px 10px; break-inside: auto; } .path { padding: 3px 6px; font-size: .72rem; }
  section.cover { break-after: page; padding-top: 50mm; }
  section.cover h1 { font-size: 2rem; margin: 6px 0 24px; }
  section.cover table.kv { width: auto; }
}
"""

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sovsim {{ version }}">
<title>sovsim report — {{ title }}</title>
<style>{{ css }}</style>
</head>
<body>
{%- macro ci(value, as_percent=False) -%}<span class="mean">{{ fmt.percent(value.mean) if as_percent else fmt.number(value.mean) }}</span>{%- if value.low is not none and value.half_width %}<span class="ci">{{ fmt.bounds(value, as_percent) }}</span>{%- elif value.low is none %}<span class="ci">n = {{ value.n }}, no CI</span>{% endif %}{%- endmacro -%}
{%- if cover %}
<section class="cover" id="cover" aria-labelledby="cover-h">
  <p class="eyebrow">sovsim · data-sovereignty exposure report</p>
  <h1 id="cover-h">{{ cover.title }}</h1>
  <table class="kv"><tbody>
    <tr><th>Classification</th><td>{{ cover.classification }}</td></tr>
    <tr><th>Author</th><td>{{ cover.author }}</td></tr>
    <tr><th>Date</th><td>{{ cover.date }}</td></tr>
    <tr><th>Produced by</th><td>sovsim {{ version }} · schema {{ schema_version }} · seed {{ parameters.seed }} · {{ parameters.replications }} replications</td></tr>
  </tbody></table>
  <h2>Contents</h2>
  <ol class="contents">{% for id, label in toc %}<li>{{ label }}</li>{% endfor %}{% if findings %}<li>Annex: evidence of the findings</li>{% endif %}</ol>
</section>
{%- endif %}
<header class="top"><div class="wrap">
  <p class="eyebrow">sovsim · data-sovereignty exposure report{% if several %} · comparison of {{ blocks|length }} designs{% endif %}</p>
  <h1 id="report-title">{{ title }}</h1>
  <p class="meta">Seed {{ parameters.seed }} · {{ parameters.replications }} replications
    {%- if not several %} · horizon {{ fmt.hours(blocks[0].result.parameters.horizon_hours) }}{% endif %}
    · figures are means over replications, the small line under a figure is its 95 % confidence interval · sovsim {{ version }} · schema {{ schema_version }}</p>
</div></header>
<nav class="toc" aria-label="Sections"><div class="wrap"><ul>
  {%- for id, label in toc %}<li><a href="#{{ id }}">{{ label }}</a></li>{% endfor -%}
</ul></div></nav>
<main class="wrap">
{{ summary }}
<section class="card" id="verdict" aria-labelledby="verdict-h">
  <h2 id="verdict-h">Verdict</h2>
  <p class="lead">Who can compel a readable copy of which data, in which state, and how much of it, in plain words.
  Legal reach is a model, not legal advice; assumed numbers are listed under <a href="#assumptions">Assumptions</a>.</p>
  {%- if several %}
  <p class="overview">Ranked by {{ rank_label }} (lower is better; details under <a href="#comparison">Comparison</a>):</p>
  <ol class="ranking" id="verdict-ranking">
    {%- for r in comparison.ranking %}<li value="{{ ranks[loop.index0] }}">{{ r.scenario }} — {{ fmt.interval(r.value) }}{% if r.design == comparison.baseline %} (baseline){% endif %}</li>{% endfor %}
  </ol>
  {%- endif %}
  {%- for block in blocks %}
  {%- if several %}<h3>{{ block.label }}</h3>{% endif %}
  <p class="frame muted">{{ view.frame_text(block.result) }}</p>
  <p class="overview">{{ block.overview }}</p>
  <div class="cards">
    {%- for item in block.cards %}
    <div class="metric"><div class="label">{{ item.label }}</div>
      <div class="value">{% if item.unit == "probability" %}{{ probability_text(item.value) }}{% elif item.unit == "share" %}{{ fmt.percent(item.value.mean) }}{% else %}{{ fmt.number(item.value.mean) }}{% endif %}</div>
      <div class="ci">{% if item.value.low is not none %}95 % CI {{ fmt.bounds(item.value, item.unit in ("probability", "share")) }}{% else %}n = {{ item.value.n }}{% endif %} · {{ item.unit }}</div>
      {%- if item.unit == "record-hours" %}<div class="ci">{{ fmt.at_any_moment(item.value.mean, block.result.parameters.horizon_hours) }}</div>{% endif %}</div>
    {%- endfor %}
  </div>
  {%- for v in block.verdicts %}
  <div class="verdict {% if not v.readable %}safe{% elif not v.foreign %}eu{% endif %}">
    <p class="sentence"><span class="swatch" style="background: {{ block.colours.get(v.regime, '#9aa5b1') }}"></span>{{ v.sentence }}</p>
    <ul>
    {%- for s in v.readable %}
      <li><strong>{{ fmt.state(s.state) }}</strong>{% if s.pseudonymised %} <span class="tag">{{ s.category }}</span>{% endif %}
        {%- for cell in s.cells %}{% if loop.first %}: {% else %}; {% endif %}{{ fmt.interval(cell.record_hours) }} record-hours at <code>{{ cell.node }}</code> ({{ fmt.at_any_moment(cell.record_hours.mean, block.result.parameters.horizon_hours) }}){% endfor %}
        {%- if not s.cells %}: readable at {{ s.places|join(", ") }}, no exposure in this run{% endif %}
        {%- if s.records %} — up to {{ fmt.number(s.records.records.mean) }} records ({{ fmt.percent(s.records.share.mean) }} of the population) ever readable{% endif %}.
        {%- for r in s.reasons %}<div class="path why">Why: {{ r }}</div>{% endfor %}
        <details><summary>Explanation path{% if s.paths|length > 1 %}s ({{ s.paths|length }}){% endif %}</summary>
          {%- for p in s.paths %}<div class="path">{{ p }}</div>{% endfor %}</details></li>
    {%- endfor %}
    {%- for p in v.protected %}
      <li><strong>{{ fmt.state(p.state) }}</strong>: {{ p.reasons|join("; ") }}.
        <details><summary>Explanation path{% if p.paths|length > 1 %}s ({{ p.paths|length }}){% endif %}</summary>
          {%- for x in p.paths %}<div class="path">{{ x }}</div>{% endfor %}</details></li>
    {%- endfor %}
    </ul>
    <p class="muted" style="margin:6px 0 0;font-size:.85rem">{% if v.gag %}The provider can be gagged (the data subject need not be told). {% endif %}Source: {% if is_link(v.source) %}<a href="{{ v.source }}">{{ v.source }}</a>{% else %}{{ v.source or "none given" }}{% endif %}</p>
  </div>
  {%- else %}
  <div class="verdict safe"><p class="sentence">No foreign regime of the catalogue reaches any holder of this design's data.</p></div>
  {%- endfor %}
  {%- set own = view.own_law_verdicts(block.result) %}
  {%- if own %}
  <h4 class="own-law">{{ view.OWN_LAW_TITLE }}</h4>
  <ul class="own-law muted">
    {%- for v in own %}<li>{{ v.sentence }} Source: {% if is_link(v.source) %}<a href="{{ v.source }}">{{ v.source }}</a>{% else %}{{ v.source or "none given" }}{% endif %}</li>{% endfor %}
  </ul>
  {%- endif %}
  <h4>Data protection</h4>
  <div class="table-wrap"><table class="data-protection"><thead><tr><th>Data class</th><th>Key custody</th><th>Decrypt grants</th><th>Re-identification table</th></tr></thead><tbody>
  {%- for d in block.result.design.data %}
    <tr><td><code>{{ d.id }}</code> {{ d.sensitivity.replace("_", " ") }}, {{ fmt.number(d.records) }} records</td>
      <td><code>{{ d.custody }}</code> {{ d.custody_meaning }}{% for u in d.custody_sources %} <a href="{{ u }}">[{{ loop.index }}]</a>{% endfor %}</td>
      <td>{{ d.grants|join(", ") if d.grants else "none" }}</td>
      <td>{% if d.reidentification_table %}<code>{{ d.reidentification_table }}</code>{% else %}not pseudonymised{% endif %}</td></tr>
  {%- endfor %}
  </tbody></table></div>
  {%- set desks = view.support_modes(block.result) %}
  {%- if desks %}<p class="muted">Support desks and what a session shows: {{ desks|join(", ") }}.</p>{% endif %}
  <details><summary>All headline metrics</summary>
  <div class="table-wrap"><table><thead><tr><th>Metric</th><th class="num">Mean</th><th class="num">95 % CI</th><th>Unit</th><th>Better</th></tr></thead><tbody>
  {%- for h in block.result.summary %}
    <tr><td>{{ h.label }} <code>{{ h.key }}</code></td>
      <td class="num">{% if h.unit == "probability" %}{{ probability_text(h.value) }}{% elif h.unit == "share" %}{{ fmt.percent(h.value.mean) }}{% else %}{{ fmt.number(h.value.mean) }}{% endif %}</td>
      <td class="num">{{ fmt.bounds(h.value, h.unit in ("probability", "share")) }}</td><td>{{ h.unit }}</td><td>{{ h.better }}</td></tr>
  {%- endfor %}
  </tbody></table></div></details>
  {%- endfor %}
</section>

<section class="card" id="heatmap" aria-labelledby="heatmap-h">
  <h2 id="heatmap-h">Exposure heatmap</h2>
  <p class="lead">Exposed record-hours (records × hours during which a regime could compel a readable copy) by data class and node,
  for each regime and state. Hover a cell for its confidence interval.</p>
  {%- for block in blocks %}{% if several %}<h3>{{ block.label }}</h3>{% endif %}
  <div class="chart-wrap">{{ block.heatmap }}</div>{% endfor %}
</section>

<section class="card" id="stacked-bars" aria-labelledby="stacked-bars-h">
  <h2 id="stacked-bars-h">Exposure per state{% if several %} and design{% endif %}</h2>
  <p class="lead">Each bar stacks the exposure cells of one regime{% if several %} in one design{% endif %}, coloured by the state of the data.</p>
  <div class="chart-wrap">{{ stacked }}</div>
</section>

<section class="card" id="timeline" aria-labelledby="timeline-h">
  <h2 id="timeline-h">Exposure over time</h2>
  <p class="lead">Mean exposed record-hours in each time bin over the horizon.</p>
  {%- for block in blocks %}{% if several %}<h3>{{ block.label }}</h3>{% endif %}
  <div class="chart-wrap">{{ block.timeline }}</div>{% endfor %}
</section>

<section class="card" id="topology" aria-labelledby="topology-h">
  <h2 id="topology-h">Topology and jurisdictions</h2>
  <p class="lead">Nodes of the design, the sites they run at and where support is served from; colour stripes mark the regimes that can read data at a node.</p>
  {%- for block in blocks %}{% if several %}<h3>{{ block.label }}</h3>{% endif %}
  <div class="chart-wrap">{{ block.topology }}</div>
  <div class="table-wrap"><table><thead><tr><th>Entity</th><th>Country</th><th>Reached by</th><th class="num">Foreign capital</th></tr></thead><tbody>
  {%- for e in block.result.design.entities %}
    <tr><td>{{ e.name }} <code>{{ e.id }}</code></td><td>{{ e.country }}</td>
      <td>{% for r in e.reached_by %}<span class="swatch" style="background: {{ block.colours.get(r, '#9aa5b1') }}"></span>{{ block.regime_names.get(r, r) }}{% if not loop.last %}, {% endif %}{% else %}<span class="muted">none</span>{% endfor %}</td>
      <td class="num">{{ fmt.percent(e.non_eu_share) }}</td></tr>
  {%- endfor %}
  </tbody></table></div>{% endfor %}
</section>

<section class="card" id="transfers" aria-labelledby="transfers-h">
  <h2 id="transfers-h">Transfers</h2>
  <p class="lead">Accesses from a site in one country to data held in another; remote access counts as a transfer, as the EDPB treats it.</p>
  {%- for block in blocks %}{% if several %}<h3>{{ block.label }}</h3>{% endif %}
  <div class="chart-wrap">{{ block.transfers_chart }}</div>
  {%- if block.result.transfers %}
  <div class="table-wrap"><table><thead><tr><th>Held in</th><th>Accessed from / moved to</th><th>Importer</th><th>Transfer tool</th><th>Outside {{ block.result.design.frame.home }}</th><th class="num">Events</th><th class="num">Distinct records (at most)</th><th class="num">Record-visits</th></tr></thead><tbody>
  {%- for t in block.result.transfers %}
    <tr><td>{{ t.source }}</td><td>{{ t.to }}</td><td><code>{{ t.importer }}</code></td><td>{{ t.tool }}</td><td>{{ "yes" if t.abroad else "no" }}</td>
      <td class="num">{{ ci(t.events) }}</td><td class="num">{{ ci(t.records) }}</td><td class="num">{{ ci(t.record_visits) }}</td></tr>
  {%- endfor %}
  </tbody></table></div>{% endif %}{% endfor %}
</section>

<section class="card" id="disclosures" aria-labelledby="disclosures-h">
  <h2 id="disclosures-h">Compelled disclosure</h2>
  <p class="lead">For each legal demand of the scenario: demands received, successful compelled disclosures, and the probability of at least one
  successful disclosure over the horizon (Wilson 95 % interval). Each demand says where its rate comes from: published counts,
  a factor chain or a hand-written assumption.</p>
  <div class="chart-wrap">{{ disclosures_chart }}</div>
  {%- for block in blocks %}{% if several %}<h3>{{ block.label }}</h3>{% endif %}
  {%- if block.result.disclosures %}
  {%- set risk = block.result.disclosure_risk %}
  <div class="table-wrap"><table class="kv disclosure-risk"><tbody>
    <tr><th>Over the horizon ({{ fmt.hours(block.result.parameters.horizon_hours) }})</th><td>{{ probability_text(risk.horizon) }}; spread of the evidence: {{ view.spread_text(risk.horizon_evidence, True) }}</td></tr>
    <tr><th>Over 5 years</th><td>{{ probability_text(risk.five_years) }}; spread of the evidence: {{ view.spread_text(risk.five_years_evidence, True) }}</td></tr>
    <tr><th>Threshold</th><td>{{ view.threshold_text(block.result) }}</td></tr>
    <tr><th>Runs with a disclosure</th><td>{{ probability_text(risk.observed) }}</td></tr>
  </tbody></table></div>
  <p class="muted">The interval of a probability is Monte Carlo error (more replications narrow it); the spread of the evidence is what the published counts leave uncertain about the rates (more replications do not narrow it).</p>
  <div class="table-wrap"><table><thead><tr><th>#</th><th>Regime</th><th>Target</th><th>Instrument</th><th>Rate per year</th><th class="num">Demands</th><th class="num">Disclosures</th><th class="num">P(at least one)</th><th class="num">First disclosure</th></tr></thead><tbody>
  {%- for d in block.result.disclosures %}
    <tr><td>{{ d.index }}</td><td>{{ block.regime_names.get(d.regime, d.regime) }}{% if d.foreign %} <span class="tag">foreign</span>{% endif %}</td><td><code>{{ d.target }}</code></td>
      <td>{{ view.instrument_text(d) }}</td><td>{{ view.spread_text(d.rate.per_year) }}<br><span class="muted">{{ view.rate_kind(d) }}</span></td>
      <td class="num">{{ ci(d.demands) }}</td><td class="num">{{ ci(d.disclosures) }}</td><td class="num">{{ probability_text(d.probability) }}</td>
      <td class="num">{% if d.first_disclosure_hours %}{{ fmt.hours(d.first_disclosure_hours.mean) }}{% else %}–{% endif %}</td></tr>
  {%- endfor %}
  </tbody></table></div>
  {%- for d in block.result.disclosures %}
  <details class="rate"><summary>Demand #{{ d.index }}: rate from {{ view.rate_kind(d) }}{% if d.rate.evidence %} — {{ d.rate.evidence|length }} published count{{ "s" if d.rate.evidence|length != 1 }}{% endif %}</summary>
    <p style="margin:4px 0">{{ d.rate.basis }}</p>
    {%- if d.rate.evidence %}
    <ul>{% for e in d.rate.evidence %}
      <li><a href="{{ e.url }}">{{ view.evidence_text(e) }}</a>{% for m in view.evidence_marks(e) %} <span class="tag">{{ m }}</span>{% endfor %}</li>{% endfor %}
    </ul>
    {%- elif d.rate.sources %}<p style="margin:4px 0">Sources: {% for u in d.rate.sources %}<a href="{{ u }}">{{ u }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
  </details>
  {%- endfor %}
  {%- else %}<p class="empty">The scenario has no legal demand.</p>{% endif %}{% endfor %}
</section>

<section class="card" id="records" aria-labelledby="records-h">
  <h2 id="records-h">Records ever readable and first exposure</h2>
  <p class="lead">Records that entered a readable place (an upper bound when records visit several places), and when a regime could first read them.</p>
  {%- for block in blocks %}{% if several %}<h3>{{ block.label }}</h3>{% endif %}
  <div class="table-wrap"><table><thead><tr><th>Regime</th><th>State</th><th>Data</th><th class="num">Records</th><th class="num">Share</th><th class="num">P(exposed)</th><th class="num">First exposure</th></tr></thead><tbody>
  {%- for r in block.records %}
    <tr><td>{{ block.regime_names.get(r.regime, r.regime) }}</td><td>{{ fmt.state(r.state) }}</td><td><code>{{ r.data }}</code>{% if r.pseudonymised %} <span class="tag">{{ view.PSEUDONYMISED }}</span>{% endif %}</td>
      <td class="num">{{ ci(r.records) if r.records else "–" }}</td><td class="num">{{ ci(r.share, True) if r.share else "–" }}</td>
      <td class="num">{{ probability_text(r.first.probability) if r.first else "–" }}</td>
      <td class="num">{% if r.first and r.first.hours %}{{ fmt.hours(r.first.hours.mean) }}{% else %}–{% endif %}</td></tr>
  {%- else %}<tr><td colspan="7" class="empty">No record was readable.</td></tr>
  {%- endfor %}
  </tbody></table></div>{% endfor %}
</section>

<section class="card" id="operations" aria-labelledby="operations-h">
  <h2 id="operations-h">Operations (model validation)</h2>
  <p class="lead">Utilisation, waits and bursts of compute nodes, support hours per shift, and the engine's bookkeeping checks.</p>
  {%- for block in blocks %}{% if several %}<details><summary>{{ block.label }}</summary>{% endif %}
  {%- set ops = block.result.operations %}
  {%- if ops.compute %}
  <div class="table-wrap"><table><thead><tr><th>Compute node</th><th class="num">Lots arrived</th><th class="num">Lots served</th><th class="num">Overflowed</th><th class="num">Utilisation</th><th class="num">Mean wait (h)</th><th class="num">Mean in system</th><th class="num">Burst fraction</th></tr></thead><tbody>
  {%- for c in ops.compute %}<tr><td><code>{{ c.node }}</code></td><td class="num">{{ ci(c.lots_arrived) }}</td><td class="num">{{ ci(c.lots_served) }}</td><td class="num">{{ ci(c.lots_overflowed) }}</td>
    <td class="num">{{ ci(c.utilisation, True) }}</td>
    <td class="num">{% if c.mean_wait_hours %}{{ ci(c.mean_wait_hours) }}{% else %}–{% endif %}</td>
    <td class="num">{{ ci(c.mean_in_system) }}</td>
    <td class="num">{% if c.burst_fraction %}{{ ci(c.burst_fraction, True) }}{% else %}–{% endif %}</td></tr>{% endfor %}
  </tbody></table></div>{% endif %}
  {%- if ops.support %}
  <div class="table-wrap"><table><thead><tr><th>Node</th><th>Desk</th><th>Role</th><th>Site</th><th>Entity</th><th class="num">Sessions</th><th class="num">Session-hours</th></tr></thead><tbody>
  {%- for s in ops.support %}<tr><td><code>{{ s.node }}</code></td><td>{{ s.desk or "–" }}</td><td>{{ s.role }}</td><td>{{ s.site }} ({{ s.country }})</td><td><code>{{ s.entity }}</code></td>
    <td class="num">{{ ci(s.sessions) }}</td><td class="num">{{ ci(s.session_hours) }}</td></tr>{% endfor %}
  </tbody></table></div>{% endif %}
  {%- if ops.conservation %}
  <div class="table-wrap"><table><thead><tr><th>Check</th><th>Holds</th><th>Detail</th></tr></thead><tbody>
  {%- for c in ops.conservation %}<tr><td>{{ c.name }}</td><td>{% if c.holds %}<span class="badge v-better">holds</span>{% else %}<span class="badge v-worse">fails</span>{% endif %}</td><td>{{ c.detail }}</td></tr>{% endfor %}
  </tbody></table></div>{% endif %}
  {%- if not ops.compute and not ops.support and not ops.conservation %}<p class="empty">No operational figure.</p>{% endif %}
  {%- if several %}</details>{% endif %}
  {%- endfor %}
</section>

{%- if comparison %}
<section class="card" id="comparison" aria-labelledby="comparison-h">
  <h2 id="comparison-h">Design comparison</h2>
  <p class="lead">All designs ran on the same seeds (common random numbers). Differences are design minus baseline
  (“{{ blocks[comparison.baseline].label }}”), paired by replication, with 95 % t intervals. Ranked by <code>{{ comparison.rank_by }}</code>
  ({{ rank_label }}).</p>
  <h3>Ranking</h3>
  <div class="chart-wrap">{{ ranking_chart }}</div>
  <div class="table-wrap"><table><thead><tr><th>Rank</th><th>Design</th><th class="num">{{ rank_label }}</th><th class="num">95 % CI</th></tr></thead><tbody>
  {%- for r in comparison.ranking %}<tr><td>{{ ranks[loop.index0] }}</td><td>{{ r.scenario }}</td><td class="num">{{ fmt.number(r.value.mean) }}</td><td class="num">{{ fmt.bounds(r.value) }}</td></tr>{% endfor %}
  </tbody></table></div>
  <h3>Paired differences against the baseline</h3>
  <div class="chart-wrap">{{ difference_chart }}</div>
  <div class="table-wrap"><table><thead><tr><th>Design</th><th>Metric</th><th class="num">Difference</th><th class="num">95 % CI</th><th>Verdict</th></tr></thead><tbody>
  {%- for d in comparison.differences %}<tr><td>{{ blocks[d.design].label }}</td><td>{{ metric_labels[d.metric].label if d.metric in metric_labels else d.metric }}</td>
    {%- set pct = metric_labels[d.metric].unit in ("probability", "share") if d.metric in metric_labels else False %}
    <td class="num">{{ fmt.percent(d.difference.mean) if pct else fmt.number(d.difference.mean) }}</td><td class="num">{{ fmt.bounds(d.difference, pct) }}</td>
    <td><span class="badge {{ 'v-better' if d.verdict == 'better' else ('v-worse' if d.verdict == 'worse' else 'v-same') }}">{{ d.verdict }}</span></td></tr>{% endfor %}
  </tbody></table></div>
</section>
{%- endif %}

<section class="card" id="findings" aria-labelledby="findings-h">
  <h2 id="findings-h">Compliance findings</h2>
  {%- if findings is none %}
  <p class="empty">No compliance rule set was evaluated for this report (run <code>sovsim check</code>).</p>
  {%- elif not findings %}
  <p class="lead">The rule sets evaluated found nothing to report.</p>
  {%- else %}
  <p class="lead">{{ findings|length }} finding{{ "s" if findings|length != 1 }}, most severe first. Each quotes its rule, its evidence (explanation paths, time windows, metric values) and its source; open one for its details.</p>
  <p class="counts">{% for sev in severities %}{% set n = findings|selectattr("severity", "equalto", sev)|list|length %}{% if n %}<span class="badge sev-{{ sev }}">{{ n }} {{ sev }}</span> {% endif %}{% endfor %}</p>
  {%- for f in findings %}
  <details class="finding" id="finding-{{ loop.index }}"{% if f.severity == "critical" %} open{% endif %}>
    <summary><span class="badge sev-{{ f.severity }}">{{ f.severity }}</span> <strong>{{ f.title }}</strong>{% if f.estimate %} <span class="tag">estimate</span>{% endif %}
      <span class="meta">· <code>{{ f.id }}</code>{% if f.design and several %} · {{ f.design }}{% endif %}</span>
      {%- if f.message %}<div class="message">{{ f.message }}</div>{% endif %}</summary>
    <div class="body">
    <div class="meta">Rule <code>{{ f.rule }}</code>{% if f.rule_set %} of rule set {{ f.rule_set }}{% endif %}{% if f.entity %} · entity <code>{{ f.entity }}</code>{% endif %}{% if f.node %} · node <code>{{ f.node }}</code>{% endif %}</div>
    {%- if f.evidence and cover %}<div class="meta">Evidence: annex, item E{{ loop.index }}.</div>
    {%- elif f.evidence %}<div class="muted" style="font-size:.85rem;margin-top:6px">Evidence</div>{% for e in f.evidence %}<div class="path">{{ e }}</div>{% endfor %}{% endif %}
    <p style="margin:6px 0">{{ f.summary }}</p>
    {%- if f.false_positives %}<p style="margin:4px 0"><strong>Known false positives:</strong> {{ f.false_positives }}</p>{% endif %}
    {%- if f.unconfirmed %}<p style="margin:4px 0"><strong>Unconfirmed:</strong> {{ f.unconfirmed|join("; ") }}</p>{% endif %}
    {%- if f.to_check %}<p style="margin:4px 0"><strong>To check against the official text:</strong> {{ f.to_check|join("; ") }}</p>{% endif %}
    <div class="meta">Source: {% if is_link(f.source) %}<a href="{{ f.source }}">{{ f.source }}</a>{% else %}{{ f.source or "none given" }}{% endif %}</div>
    </div>
  </details>
  {%- endfor %}
  {%- endif %}
</section>

<section class="card" id="assumptions" aria-labelledby="assumptions-h">
  <h2 id="assumptions-h">Assumptions and sources</h2>
  <p class="lead">Every assumed number of the scenario with its basis; results move when these change.</p>
  {%- macro assumption_table(items, empty) %}
  <div class="table-wrap"><table class="assumptions"><colgroup><col class="kind"><col class="where"><col><col></colgroup>
  <thead><tr><th>Kind</th><th>Where</th><th>Value</th><th>Basis</th></tr></thead><tbody>
  {%- for a in items %}<tr><td><span class="tag">{{ a.kind.replace("_", " ") }}</span></td><td><code>{{ a.path }}</code></td><td>{{ assumption_value(a.value) }}</td>
    <td>{{ a.basis if a.basis else "no basis given" }}</td></tr>
  {%- else %}<tr><td colspan="4" class="empty">{{ empty }}</td></tr>{% endfor %}
  </tbody></table></div>
  {%- endmacro %}
  {%- if common_assumptions %}<h3>Common to all {{ blocks|length }} designs</h3>{{ assumption_table(common_assumptions, "") }}{% endif %}
  {%- for block in blocks %}{% if several %}<details><summary>{{ block.label }}: {{ block.assumptions|length }} assumption{{ "s" if block.assumptions|length != 1 }} of its own, and its legal regimes</summary>{% endif %}
  {{- assumption_table(block.assumptions, "No assumption of its own." if several else "The scenario declares no assumption.") }}
  {%- if block.assumptions_left_out %}<p class="muted">{{ block.assumptions_left_out }} assumptions about catalogue entities this design does not use are in <code>result.json</code>.</p>{% endif %}
  <h4>Legal regimes modelled</h4>
  <div class="table-wrap"><table><thead><tr><th>Regime</th><th>Country</th><th>Gag</th><th class="num">Demands / year (assumed)</th><th>Source</th></tr></thead><tbody>
  {%- for r in block.result.design.regimes %}<tr><td><span class="swatch" style="background: {{ block.colours[r.id] }}"></span>{{ r.name }} <code>{{ r.id }}</code></td>
    <td>{{ r.country }}{% if r.foreign %} <span class="tag">foreign</span>{% endif %}</td><td>{{ "yes" if r.gag else "no" }}</td>
    <td class="num">{{ fmt.number(r.demand_rate_per_year) }}</td>
    <td>{% if is_link(r.source) %}<a href="{{ r.source }}">{{ r.source }}</a>{% else %}{{ r.source }}{% endif %}</td></tr>{% endfor %}
  </tbody></table></div>{% if several %}</details>{% endif %}{% endfor %}
</section>

<section class="card" id="parameters" aria-labelledby="parameters-h">
  <h2 id="parameters-h">Parameters of the run</h2>
  <p class="lead">What determines these results: rerunning with the same scenario hash, seed and replications gives the same figures.</p>
  {%- if comparison %}
  <div class="table-wrap"><table><tbody>
    <tr><th>Comparison hash</th><td><code>{{ comparison.comparison_hash }}</code></td></tr>
    <tr><th>Baseline</th><td>{{ blocks[comparison.baseline].label }}</td></tr>
    <tr><th>Ranked by</th><td><code>{{ comparison.rank_by }}</code></td></tr>
  </tbody></table></div>{% endif %}
  <div class="table-wrap"><table class="kv">
    {%- if several %}<thead><tr><th></th>{% for block in blocks %}<th>{{ block.label }}</th>{% endfor %}</tr></thead>{% endif %}<tbody>
    <tr><th>Scenario</th>{% for block in blocks %}<td>{{ block.label }} <code>{{ block.result.slug }}</code></td>{% endfor %}</tr>
    <tr><th>Scenario hash (sha256)</th>{% for block in blocks %}<td><code>{{ block.result.scenario_hash }}</code></td>{% endfor %}</tr>
    <tr><th>Seed</th>{% for block in blocks %}<td>{{ block.result.parameters.seed }}</td>{% endfor %}</tr>
    <tr><th>Replications</th>{% for block in blocks %}{% set p = block.result.parameters %}<td>{{ p.replications }} of at most {{ p.max_replications }}{% if p.stopped_early %} (stopped early at ±{{ fmt.percent(p.target_half_width) }}){% endif %}</td>{% endfor %}</tr>
    <tr><th>Horizon</th>{% for block in blocks %}<td>{{ fmt.hours(block.result.parameters.horizon_hours) }} ({{ fmt.number(block.result.parameters.horizon_hours) }} h)</td>{% endfor %}</tr>
    <tr><th>Timeline bins</th>{% for block in blocks %}<td>{{ block.result.parameters.bins }}</td>{% endfor %}</tr>
    <tr><th>Confidence level</th>{% for block in blocks %}<td>{{ fmt.percent(block.result.parameters.confidence) }}</td>{% endfor %}</tr>
    <tr><th>sovsim version</th>{% for block in blocks %}<td>{{ block.result.parameters.sovsim_version }}</td>{% endfor %}</tr>
    <tr><th>Result schema</th>{% for block in blocks %}<td>{{ block.result.schema_version }}</td>{% endfor %}</tr>
  </tbody></table></div>
</section>
{%- if cover and findings %}
<section class="card annex" id="annex" aria-labelledby="annex-h">
  <h2 id="annex-h">Annex: evidence of the findings</h2>
  <p class="lead">Explanation paths, time windows and metric values each finding rests on.</p>
  {%- for f in findings %}{% if f.evidence %}
  <h4 id="evidence-{{ loop.index }}">E{{ loop.index }} · {{ f.title }} <code>{{ f.id }}</code></h4>
  {%- for e in f.evidence %}<div class="path">{{ e }}</div>{% endfor %}{% endif %}{% endfor %}
</section>
{%- endif %}
</main>
<footer><div class="wrap">Generated by sovsim {{ version }} from one result document (schema {{ schema_version }}); this page computes nothing and loads nothing from the network.</div></footer>
</body>
</html>
"""

SWEEP_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sensitivity — {{ result.scenario }}</title>
<style>{{ css }}</style></head>
<body><header class="top"><div class="wrap">
<p class="eyebrow">sovsim · sensitivity sweep</p><h1>{{ result.scenario }}</h1>
<p class="meta">seed {{ result.parameters.seed }} · {{ result.parameters.replications }} replications per point ·
{{ points|length }} points · metric {{ metric_label }} · sovsim {{ result.parameters.sovsim_version }}</p>
</div></header>
<main class="wrap">
<section id="tornado" class="card"><h2>Which assumption moves the result most</h2>
<p class="lead">Each parameter is moved alone from the baseline to its lowest and highest value, on the
same random numbers; bars show the metric at both ends with 95 % confidence intervals.</p>
<div class="chart-wrap">{{ chart }}</div></section>
<section id="points" class="card"><h2>Every point of the grid</h2>
<div class="table-wrap"><table><thead><tr>{% for p in result.params %}<th>{{ p.path }}</th>{% endfor %}<th>{{ metric_label }}</th></tr></thead>
<tbody>{% for row in points %}<tr>{% for value in row.cells %}<td><code>{{ value }}</code></td>{% endfor %}
<td class="num">{{ row.metric }}</td></tr>{% endfor %}</tbody></table></div></section>
<section id="parameters" class="card"><h2>Parameters</h2>
<p>Baseline scenario hash <code>{{ result.scenario_hash }}</code>. Swept values are assumptions the
report varies; see each scenario's assumptions in its own run report.</p></section>
</main></body></html>
"""
