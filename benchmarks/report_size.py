"""How long the reports are: A4 pages of the printed PDF and page heights in a browser.

Runs DESC (20 replications, 365 days) and the README's six-design comparison (30 months),
prints each report to PDF through Chromium and measures report.html at 1400 and 390 px::

    python benchmarks/report_size.py [--out results/report-size]

Needs Debian's Chromium (or ``SOVSIM_CHROMIUM``) and the test extras (pypdf, Playwright).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIX = ["hdh-azure", "bleu", "s3ns", "secnumcloud-host", "on-premises-hospital", "hdh-migration-24m"]
WIDTHS = (1400, 390)


def _measure(folder: Path) -> dict[str, object]:
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    from simulator import app
    from simulator.report.pdf import chromium_path

    app.report(folder, printed=app.PrintOptions())
    figures: dict[str, object] = {"pdf_pages": len(PdfReader(str(folder / "report.pdf")).pages)}
    figures["report_md_kb"] = round((folder / "report.md").stat().st_size / 1024)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path()))
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto((folder / "report.html").as_uri())
            figures[f"height_{width}px"] = page.evaluate("document.documentElement.scrollHeight")
            figures[f"width_{width}px"] = page.evaluate("document.documentElement.scrollWidth")
        browser.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "report-size")
    args = parser.parse_args()
    from simulator import app, load_scenario
    from simulator.app import ExperimentSettings
    from simulator.model.units import parse_duration

    scenarios = ROOT / "scenarios"
    desc = app.run(load_scenario(scenarios / "desc-azure-axon.yaml"), ExperimentSettings(workers=2), args.out)
    six = app.compare(
        [load_scenario(scenarios / f"{name}.yaml") for name in SIX],
        ExperimentSettings(workers=2, horizon=parse_duration("30mo")),
        args.out,
    )
    for name, folder in (("DESC", desc.folder), ("six designs", six.folder)):
        print(name, _measure(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
