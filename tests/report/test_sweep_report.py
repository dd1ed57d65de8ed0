"""The sweep's report: a tornado chart and the grid, offline and escaped."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.experiment import sweep
from simulator.model.load import load_scenario
from simulator.report.sweep_html import render_sweep_html
from tests.conftest import MINI, TEST_CATALOG


def test_sweep_report_shows_the_tornado_and_every_point(tmp_path: Path) -> None:
    scenario = load_scenario(MINI, catalog=TEST_CATALOG).model_copy(
        update={"name": "Mini <script>x</script>"}
    )
    result = sweep(
        scenario,
        {"nodes.desk.session": ["1h", "4h"], "data.records.keys": ["hsm", None]},
        2,
        5,
        horizon=24 * 10,
    )
    html = render_sweep_html(result)
    assert 'id="tornado"' in html and "<svg" in html
    assert html.count("<tr>") == 1 + len(result.points)
    assert "<script>" not in html and "Mini &lt;script&gt;x&lt;/script&gt;" in html
    assert "unset" in html
    assert not re.search(r'(src|href)="https?://', html)
