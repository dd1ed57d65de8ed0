"""SIGTERM stops a command as Ctrl-C does: the same clean-up, nothing half-written, exit 130.

Python's default for SIGTERM is to die at once, skipping the ``finally`` blocks that stop the pool
workers and remove temporary files (a ``kill`` of ``compare --workers 2`` left both workers
running). Raising :class:`KeyboardInterrupt` instead takes the path Ctrl-C takes.
"""

from __future__ import annotations

import signal
from types import FrameType


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def stop_on_sigterm() -> None:
    """From now on, SIGTERM interrupts this process like Ctrl-C (pool workers reset it, see
    :func:`simulator.experiment.executors.make_executor`)."""
    signal.signal(signal.SIGTERM, _interrupt)
