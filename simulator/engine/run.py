"""One replication: build the parts of a run from the exposure map, start them, run the loop.

Each part owns the state its processes change and is given only what it needs: the
environment, the ledger, a stream factory, the phases, the horizon (a number, resolved once by
:func:`simulate`):

* :mod:`~simulator.engine.storage`: data at rest (stock, expiry, copies, purges);
* :mod:`~simulator.engine.processing`: compute nodes, their sites' outages and failover;
* :mod:`~simulator.engine.flows`: lots from source to destination;
* :mod:`~simulator.engine.support`: incidents, tickets and support sessions;
* :mod:`~simulator.engine.demands`: legal demands and whether they succeed;
* :mod:`~simulator.engine.timeline`: phases, and the copies and purges they make.

None of them knows the :class:`Run`; it builds them, starts them and, at the horizon, puts
together the :class:`~simulator.engine.outcome.Outcome` from the figures each one owns.
Semantics that span the parts:

* **Transfers**: one event, with its records per data class, each time records land at a
  place whose site lies outside the controller's home jurisdiction (a replica, storage,
  overflow, telemetry store, support session, failover), counted per destination place and
  origin country: the flow's source site for lots, the holding node's (active) site for stock,
  copies, sessions and failovers. A support session carries only the records it reads in
  clear. Records are record-visits: the experiment layer bounds distinct records by the
  population.
* **Random sources and their stream names** (see :mod:`simulator.engine.streams`):
  ``flow:<name>`` or ``flow:<from>-><to>:<data>``; ``service:<node>``; ``incident:<index>``
  and ``escalation:<index>``; ``outage:<site>``; ``demand:<regime>:<target>``, and
  ``demand-rate:<regime>:<target>`` for a rate drawn from evidence (one draw per replication).
  A name used twice gets ``#2``, ``#3``, … in file order.
* **Event order**: the parts start in a fixed order (stock, timeline, flows, expiry,
  incidents, outages, demands), each in file order; SimPy breaks ties between events at the
  same time by the order they were scheduled in.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import simpy

from simulator.engine.demands import DemandDesk
from simulator.engine.flows import Flows
from simulator.engine.layout import Layout
from simulator.engine.outcome import Outcome
from simulator.engine.processing import Processing
from simulator.engine.storage import Storage
from simulator.engine.streams import stream
from simulator.engine.support import SupportDesks
from simulator.engine.timeline import Phases, Timeline
from simulator.engine.timer import Timer
from simulator.law.readability import ExposureMap


class Run:
    """The parts of one replication, and the loop that runs them up to the horizon."""

    def __init__(
        self, exposure: ExposureMap, seed: np.random.SeedSequence, horizon: float, bins: int
    ) -> None:
        scenario = exposure.scenario
        self.horizon = horizon
        self.env = env = simpy.Environment()
        layout = self.layout = Layout(exposure)
        ledger = self.ledger = layout.ledger(horizon, bins)
        streams = partial(stream, seed)
        # Fired timers of lots that have gone (landed at rest, or departed), shared by flows and
        # pools: new lots rearm them instead of allocating a timer each (Timer.rearm). Never
        # longer than the most lots in flight at once, so bounded as the event queue is.
        spare: list[Timer] = []
        phases = Phases(scenario)
        self.storage = Storage(env, scenario, layout, ledger, horizon)
        self.processing = Processing(
            env, scenario.nodes_of("compute"), scenario.events.outages, layout, ledger, streams, phases, spare
        )
        compute, holdings = self.processing.nodes, self.storage.holdings
        self.flows = Flows(
            env, scenario.flows, layout, ledger, compute, holdings, streams, phases, spare, horizon
        )
        self.support = SupportDesks(
            env, scenario, layout, ledger, self.storage, compute, streams, phases, horizon
        )
        self.demands = DemandDesk(env, exposure, layout, ledger, streams, horizon)
        self.timeline = Timeline(env, scenario, phases, self.storage, horizon)

    def execute(self) -> Outcome:
        self.storage.place_stock()
        self.timeline.start()
        self.flows.start()
        self.storage.start()
        self.support.start()
        self.processing.start()
        self.demands.start()
        self.env.run(until=self.horizon)
        return self._outcome()

    def _outcome(self) -> Outcome:
        """The outcome at the horizon, from the figures each part owns."""
        horizon = self.horizon
        tally = self.storage.tally() + self.flows.tally() + self.processing.tally()
        return Outcome(
            horizon=horizon,
            **self.layout.axes(),
            **self.ledger.close(horizon),
            **self.processing.close(horizon),
            **self.demands.figures(),
            **self.flows.figures(),
            **self.support.figures(),
            **tally.figures(),
            events=_events_scheduled(self.env),
        )


def _events_scheduled(env: simpy.Environment) -> int:
    counter = getattr(env, "_eid", None)
    return int(next(counter)) if counter is not None else -1


def simulate(
    exposure: ExposureMap,
    seed: np.random.SeedSequence,
    horizon: float | None = None,
    bins: int = 48,
) -> Outcome:
    """Run one replication of ``exposure.scenario`` with the random streams of ``seed``.

    A pure function of (scenario, seed, horizon, bins): the same arguments give identical
    arrays. ``horizon`` (hours) defaults to the scenario's.
    """
    if not isinstance(seed, np.random.SeedSequence):
        raise TypeError(f"seed must be a numpy.random.SeedSequence, got {type(seed).__name__}")
    horizon = float(exposure.scenario.horizon if horizon is None else horizon)
    return Run(exposure, seed, horizon, bins).execute()
