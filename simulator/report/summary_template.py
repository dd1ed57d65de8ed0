"""The Jinja2 template of the summary section of ``report.html`` (styles: ``templates.CSS``)."""

HTML = """<section class="card" id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<ul>{% for f in s.frames %}<li>{{ f }}</li>{% endfor %}</ul>
<h3>Who can read the data, by state</h3>
<div class="table-wrap"><table><thead><tr><th>Design</th>{% for st in states %}<th>{{ fmt.state(st) }}</th>{% endfor %}<th>Readable by a foreign regime</th><th>P(disclosure)</th></tr></thead><tbody>
{%- for row in s.matrix %}<tr><td>{{ row.design }}</td>{% for st in states %}<td>{% if row.foreign[st] %}<span class="badge sev-high">readable</span> {{ row.foreign[st] | join(", ") }}{% else %}<span class="badge v-better">protected</span>{% endif %}</td>{% endfor %}<td>{{ at_any_moment(row) }}</td><td>{{ disclosure(row) }}</td></tr>{% endfor %}
</tbody></table></div>
{%- if s.has_own_law %}
<p>Your own law, for information (never part of a verdict):</p>
<div class="table-wrap"><table><thead><tr><th>Design</th>{% for st in states %}<th>{{ fmt.state(st) }}</th>{% endfor %}</tr></thead><tbody>
{%- for row in s.matrix %}<tr><td>{{ row.design }}</td>{% for st in states %}<td>{{ row.own[st] | join(", ") or "–" }}</td>{% endfor %}</tr>{% endfor %}
</tbody></table></div>
{%- endif %}
{%- if s.assertions %}
<h3>Assertions</h3>
<div class="table-wrap"><table><thead><tr><th>Result</th><th>Design</th><th>Assertion</th><th>Severity</th><th>Simulated</th><th>Limit</th><th>Decision</th></tr></thead><tbody>
{%- for a in s.assertions %}<tr><td>{% if a.holds %}<span class="badge v-better">PASS</span>{% else %}<span class="badge v-worse">FAIL</span>{% endif %}</td><td>{{ a.design }}</td><td><strong>{{ a.id }}</strong><br>{{ a.text }}</td><td><span class="badge sev-{{ a.severity }}">{{ a.severity }}</span></td><td>{{ a.measured }}</td><td>{{ a.limit }}</td><td>{% if a.decision %}{{ decision_text(a.decision.acceptance.status, a.decision.acceptance.owner, a.decision.acceptance.expires, a.decision.expired) }}{% endif %}</td></tr>{% endfor %}
</tbody></table></div>
{%- endif %}
<h3>Findings</h3>
<p>{{ s.initial }} finding(s), {{ s.remaining }} open after risk decisions.</p>
{%- if s.groups %}
<div class="table-wrap"><table><thead><tr><th>Severity</th><th>Design</th><th>Rule</th><th class="num">Findings</th><th class="num">Open</th><th>Entities and nodes</th></tr></thead><tbody>
{%- for g in s.groups %}<tr><td><span class="badge sev-{{ g.severity }}">{{ g.severity }}</span></td><td>{{ g.design }}</td><td><strong>{{ g.title }}</strong><br><code>{{ g.rule }}</code></td><td class="num">{{ g.count }}</td><td class="num">{{ g.open }}</td><td>{{ g.subjects | join(", ") }}</td></tr>{% endfor %}
</tbody></table></div>
{%- endif %}
{%- if s.more_groups %}<p>… and {{ s.more_groups }} more rule(s) with findings (see <a href="#findings">Findings</a>).</p>{% endif %}
{%- if s.decisions %}
<div class="table-wrap"><table><thead><tr><th>Finding</th><th>Status</th><th>Owner</th><th>Date</th><th>Expires</th><th>Justification</th></tr></thead><tbody>
{%- for d in s.decisions %}<tr><td><code>{{ d.decision.finding_id }}</code></td><td>{{ status.get(d.decision.acceptance.status, d.decision.acceptance.status) }}</td><td>{{ d.decision.acceptance.owner }}</td><td>{{ d.decision.acceptance.date }}</td><td>{{ d.decision.acceptance.expires }}{% if d.decision.expired %} <span class="badge v-worse">expired</span>{% endif %}</td><td>{{ d.decision.acceptance.justification }}</td></tr>{% endfor %}
</tbody></table></div>
{%- endif %}
{%- if s.mitigations %}
<h3>What would change the verdict</h3>
<p>The same design re-run with each built-in mitigation on common random numbers ({{ s.mitigations[0].effect.replications }} replications, same seed): foreign record-hours removed, paired by replication.</p>
<div class="table-wrap"><table><thead><tr><th>Mitigation</th><th class="num">Record-hours now</th><th class="num">With it</th><th class="num">Removed</th><th>What changes</th></tr></thead><tbody>
{%- for m in s.mitigations %}<tr><td><strong>{{ m.effect.title }}</strong><br>{{ m.effect.description }}</td><td class="num">{{ fmt.interval(m.effect.baseline) }}</td><td class="num">{{ fmt.interval(m.effect.mitigated) }}</td><td class="num">{{ removed_text(m) }}</td><td><ul>{% for c in m.effect.changes %}<li>{{ c }}</li>{% endfor %}</ul></td></tr>{% endfor %}
</tbody></table></div>
{%- endif %}
</section>
"""
