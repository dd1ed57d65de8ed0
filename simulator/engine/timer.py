"""Per-lot timers: a SimPy timeout that calls one function, built without a closure.

The engine's per-lot events (the end of a transit, the departure from a compute node) are
plain timeouts with a single callback. ``env.timeout(delay)`` followed by
``event.callbacks.append(lambda _e: ...)`` costs a closure and three Python-level calls per
event on the hottest path of the run. :class:`Timer` is the same SimPy event — pushed on the
environment's queue exactly as ``Environment.schedule`` does (same time, ``NORMAL`` priority,
next event id), so it keeps the same place in the event order and the same event count — whose
callback is a bound method and whose ``args`` carry the little per-lot data it needs. It also
remembers when it fires (``at``, the very float SimPy sets ``env.now`` to), so callbacks need
not read the clock.

A timer whose callback is running has fired for good (SimPy has already taken its callbacks), so
the callback may :meth:`~Timer.rearm` it as the next timer rather than build a new one: a lot's
landing timer becomes its departure timer, a flow's arrival timer the next arrival's. That is
the same new event for SimPy (pushed with a new event id, counted once more) without the
allocation of an event object, which costs about as much as the rest of the timer.

This relies on SimPy 4's ``Environment`` internals (``_now``, ``_queue``, ``_eid``), which
``Environment.schedule`` itself uses; the engine's tests would catch a change there.
"""

from __future__ import annotations

from collections.abc import Callable
from heapq import heappush
from typing import Any

import simpy
from simpy.events import NORMAL, Event


class Timer(Event):
    """Fire ``delay`` hours from now and call ``action(timer)``, which reads ``timer.args``.

    Without ``action`` it is a bare timeout for a process to yield (SimPy adds the callback
    that resumes the process): what the flows, the most frequent processes, do.
    """

    # Triggered from the start, like a timeout, with no value: shared by every timer.
    _ok = True
    _value = None

    def __init__(
        self,
        env: simpy.Environment,
        delay: float,
        action: Callable[[Timer], None] | None = None,
        args: Any = None,
    ) -> None:
        # Like simpy.Timeout.__init__, which also skips Event.__init__ for speed.
        if delay < 0:
            raise ValueError(f"Negative delay {delay}")
        self.env = env
        self.callbacks = [] if action is None else [action]
        self.args = args
        self.at = at = env._now + delay
        """When the timer fires: ``env.now`` in its callback."""
        heappush(env._queue, (at, NORMAL, next(env._eid), self))  # env.schedule(self, NORMAL, delay)

    def rearm(self, delay: float, action: Callable[[Timer], None], args: Any = None) -> None:
        """Schedule this fired timer again, ``delay`` hours from now: exactly as a new ``Timer``.

        Only from a callback of the timer itself (or later): SimPy has then set ``callbacks``
        to ``None`` and is done with the event but for reading ``_ok``.
        """
        if self.callbacks is not None:
            raise RuntimeError("a timer can only be rearmed once it has fired")
        if delay < 0:
            raise ValueError(f"Negative delay {delay}")
        env = self.env
        self.callbacks = [action]
        self.args = args
        self.at = at = env._now + delay
        heappush(env._queue, (at, NORMAL, next(env._eid), self))
