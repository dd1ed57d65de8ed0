"""Fuzzing settings: a short default profile for every test run, a long one on demand.

``SOVSIM_FUZZ=long python -m pytest tests/fuzz`` runs 20 times more examples, random ones (the
default run repeats the same ones, so that it cannot be flaky). The test process gets an
address-space limit while these tests run, so runaway memory fails an example (as a MemoryError)
instead of taking the machine; the figures are printed at the end of the run.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from tests.fuzz.harness import FIGURES

MEMORY_LIMIT = 3 * 1024**3
"""Address space of the test process while fuzzing (it uses about 400 MB)."""
LONG = os.environ.get("SOVSIM_FUZZ") == "long"

settings.register_profile(
    "sovsim-fuzz",
    max_examples=5_000 if LONG else 250,
    deadline=None,  # the harness's own alarm bounds each input; timings vary on a shared machine
    derandomize=not LONG,  # the default run tries the same inputs every time: no flaky CI
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
FUZZ = settings.get_profile("sovsim-fuzz")


@pytest.fixture(scope="module", autouse=True)
def bounded_memory() -> Iterator[None]:
    """Per module, so that the limit is lifted before other folders' tests (Chromium needs more)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if sum(FIGURES.outcomes.values()):
        terminalreporter.write_line(FIGURES.summary())
