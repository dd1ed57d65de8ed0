"""SIGTERM or SIGINT during ``compare --workers 2`` stops the pool workers and leaves nothing behind.

Run as a real process, as a scheduler or a shell would stop it: the command exits as interrupted,
neither of its workers survives it, and its output folder holds no file, whole or partial.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from simulator.errors import EXIT_INTERRUPTED

COMMAND = [sys.executable, "-c", "from simulator.cli import app; app()", "compare"]
DESIGNS = ["scenarios/hdh-azure.yaml", "scenarios/bleu.yaml"]


def _workers(process: psutil.Process, count: int, seconds: float = 30) -> list[psutil.Process]:
    """The pool's worker processes, once all are up and the first replications are running."""
    deadline = time.monotonic() + seconds
    while len(process.children()) < count:
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    time.sleep(0.5)
    return process.children(recursive=True)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_compare_leaves_no_worker_and_no_file(tmp_path: Path, signum: signal.Signals) -> None:
    out = tmp_path / "results"
    args = [*COMMAND, *DESIGNS, "--workers", "2", "--reps", "400", "--out", str(out)]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        workers = _workers(psutil.Process(process.pid), 2)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode in (EXIT_INTERRUPTED, 128 + signal.SIGTERM), stderr
    assert b"Traceback" not in stderr
    _, alive = psutil.wait_procs(workers, timeout=5)
    assert alive == []
    assert [path for path in out.rglob("*") if path.is_file()] == []
