"""The discrete-event engine: one replication of a scenario, as a pure function of its seed.

:func:`simulate` moves lots of records through the design with SimPy (flows, storage
expiry, compute queues with overflow, support sessions, outages and failover, legal demands,
timeline phases) and returns an :class:`Outcome` of compact numpy arrays. See the module
docstrings of :mod:`~simulator.engine.run`, :mod:`~simulator.engine.holding`,
:mod:`~simulator.engine.compute`, :mod:`~simulator.engine.processes`,
:mod:`~simulator.engine.ledger` and :mod:`~simulator.engine.streams` for the semantics.
"""

from simulator.engine.outcome import Outcome
from simulator.engine.run import simulate
from simulator.engine.streams import stable_hash, stream

__all__ = ["Outcome", "simulate", "stable_hash", "stream"]
