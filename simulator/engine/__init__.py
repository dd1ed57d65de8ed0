"""The discrete-event engine: one replication of a scenario, as a pure function of its seed.

:func:`simulate` moves lots of records through the design with SimPy (flows, storage
expiry, compute queues with overflow, support sessions, outages and failover, legal demands,
timeline phases) and returns an :class:`Outcome` of compact numpy arrays. The module
docstrings give the semantics: :mod:`~simulator.engine.run` lists the parts of a run and
what spans them; each part's module (storage, processing, flows, support, demands,
timeline), :mod:`~simulator.engine.holding`, :mod:`~simulator.engine.compute`,
:mod:`~simulator.engine.ledger` and :mod:`~simulator.engine.streams` say the rest.
"""

from simulator.engine.outcome import Outcome
from simulator.engine.run import simulate
from simulator.engine.streams import stable_hash, stream

__all__ = ["Outcome", "simulate", "stable_hash", "stream"]
