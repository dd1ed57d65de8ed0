"""The topology chart draws the same picture in every process, sites in id order top to bottom."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from simulator.experiment import save_result
from simulator.report.topology import topology_chart

ROOT = Path(__file__).parents[2]
RENDER = (
    "import sys\n"
    "from simulator.experiment import load_result\n"
    "from simulator.report.topology import topology_chart\n"
    "sys.stdout.write(topology_chart(load_result(sys.argv[1]), 'topology'))\n"
)


def _chart_in_a_new_process(folder: Path, hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_chart_does_not_depend_on_the_string_hash_seed(tmp_path: Path, design_result) -> None:
    save_result(design_result, folder=tmp_path)
    charts = {_chart_in_a_new_process(tmp_path, seed) for seed in ("1", "2", "3")}
    assert len(charts) == 1


def test_sites_are_drawn_in_id_order_top_to_bottom(design_result) -> None:
    svg = topology_chart(design_result, "topology")
    tops = {
        title: float(y)
        for title, y in re.findall(r"<g><title>site ([\w-]+):[^<]*</title><rect [^>]*?y=\"([\d.]+)\"", svg)
    }
    eea = [s.id for s in design_result.design.sites if s.zone == "eea"]
    assert sorted(eea, key=tops.__getitem__) == sorted(eea)
