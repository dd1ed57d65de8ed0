"""Reports of a result: ``report.md``, a self-contained ``report.html`` and CSV tables.

They render one result document (:mod:`simulator.experiment.result`) and compute nothing.
"""

from simulator.report.csv import render_csv
from simulator.report.html import SECTIONS, render_html
from simulator.report.markdown import render_markdown
from simulator.report.write import render_reports, write_reports

__all__ = ["SECTIONS", "render_csv", "render_html", "render_markdown", "render_reports", "write_reports"]
