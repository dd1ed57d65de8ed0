"""The promise every input must keep, checked in-process with a time limit, and the figures.

For any scenario text: loading it either returns a scenario or raises :class:`InputError` whose
every problem names a file and a line or a field; nothing else escapes, within
:data:`SECONDS_PER_INPUT`. An accepted scenario then simulates :data:`SHORT_HORIZON` hours without
an exception, or a shorter horizon if its work estimate says that short run is itself big (the
budget's job in ``run``), counted apart.
"""

from __future__ import annotations

import resource
import signal
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from simulator.engine import simulate
from simulator.errors import InputError
from simulator.law import analyse
from simulator.model.load import parse_scenario
from simulator.model.scenario import Scenario
from simulator.model.workload import estimate_work

SHORT_HORIZON = 48.0
SECONDS_PER_INPUT = 20
"""Hard limit per input (a hang fails the test instead of stalling it)."""
SIMULATED_EVENTS = 200_000
"""Accepted inputs whose 48-hour run would take more events than this simulate a shorter horizon."""
NAME = Path("fuzz.yaml")


@dataclass
class Figures:
    """What the fuzzing tried and what happened, for the summary printed after the tests."""

    outcomes: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0
    slowest_input: str = ""

    def record(self, outcome: str, seconds: float, text: str) -> None:
        self.outcomes[outcome] += 1
        if seconds > self.slowest:
            self.slowest, self.slowest_input = seconds, text[:200]

    def summary(self) -> str:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        counts = ", ".join(f"{name} {count}" for name, count in sorted(self.outcomes.items()))
        return (
            f"fuzzing: {sum(self.outcomes.values())} inputs ({counts}); slowest {self.slowest:.2f} s; "
            f"peak memory of the test process {peak:.0f} MB\nslowest input begins: {self.slowest_input!r}"
        )


FIGURES = Figures()


class InputTookTooLong(Exception):
    """Raised by the alarm: an input ran past :data:`SECONDS_PER_INPUT`."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(_signum: int, _frame: object) -> None:
        raise InputTookTooLong(f"an input ran more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_input(text: str) -> str:
    """Load ``text`` and, if accepted, simulate it briefly; return the outcome, or fail."""
    started = time.perf_counter()
    with time_limit(SECONDS_PER_INPUT):
        outcome = _outcome(text)
    FIGURES.record(outcome, time.perf_counter() - started, text)
    return outcome


def _outcome(text: str) -> str:
    try:
        scenario = parse_scenario(text, name=str(NAME))
    except InputError as exc:
        assert_clean_refusal(exc)
        return "refused"
    return run_briefly(scenario)


def assert_clean_refusal(exc: InputError) -> None:
    """Every problem has a message and names a line or a field."""
    assert exc.problems, "an InputError without problems"
    for problem in exc.problems:
        assert problem.message.strip(), problem
        assert problem.line is not None or problem.loc, f"no line or field: {problem}"


def run_briefly(scenario: Scenario) -> str:
    """Simulate an accepted scenario for :data:`SHORT_HORIZON` hours, or shorter if that is big.

    The horizon shrinks until the run's estimate is :data:`SIMULATED_EVENTS` events (the budget
    is ``run``'s job; here every accepted scenario must run, if only for a moment).
    """
    events = estimate_work(scenario, SHORT_HORIZON).events
    horizon = min(SHORT_HORIZON, SHORT_HORIZON * SIMULATED_EVENTS / max(events, 1.0))
    if estimate_work(scenario, horizon).bytes_per_replication > 1e9:
        return "accepted, too big to simulate here"
    simulate(analyse(scenario), np.random.SeedSequence(1), horizon=horizon)
    if horizon < SHORT_HORIZON:
        return "accepted and simulated on a shorter horizon"
    return "accepted and simulated"
