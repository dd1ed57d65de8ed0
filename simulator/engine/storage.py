"""Data at rest at the storage, backup and telemetry nodes: stock, expiry, copies and purges.

* **Stock**: each data class's ``records`` are held at t=0 at every ``stored_in`` node, from
  the country of that node's site.
* **Expiry**: one process per (data class, node) holding deletes, at each tick, the cohort of
  lots whose retention ends then (see :mod:`simulator.engine.holding`); a telemetry store keeps
  what it is sent for its own retention when it has one.
* **Copies and purges** happen when the timeline enters a phase (see
  :mod:`simulator.engine.timeline`): a copy adds what the source holds now, as new lots, to
  the target for the full retention.

Records held at a node count at every site place of the node, a transfer where the place
lies outside the EEA. Lots a flow lands here are added by the flow itself (the hot path, see
:class:`simulator.engine.flows.Route`); the counters here cover the lots this module creates
and deletes.
"""

from __future__ import annotations

import simpy

from simulator.engine.holding import Holding
from simulator.engine.layout import Layout
from simulator.engine.ledger import Ledger
from simulator.engine.outcome import Tally
from simulator.model.places import STORE_KINDS, data_at_nodes
from simulator.model.scenario import Scenario


class Storage:
    """The holdings of every data class at every node that keeps data at rest."""

    def __init__(
        self, env: simpy.Environment, scenario: Scenario, layout: Layout, ledger: Ledger, horizon: float
    ) -> None:
        self.env = env
        self.data = scenario.data
        self.layout = layout
        self.ledger = ledger
        self.horizon = horizon
        present = data_at_nodes(scenario)
        self.holdings: dict[tuple[int, str], Holding] = {}
        for node_id, node in scenario.nodes.items():
            if node.kind in STORE_KINDS:
                places = layout.site_places.get(node_id, [])
                for data_id in sorted(present[node_id]):
                    d = layout.data_index[data_id]
                    own = node.retention if node.kind == "telemetry" else None
                    retention = own or scenario.data[data_id].retention
                    self.holdings[(d, node_id)] = Holding(d, node_id, places, retention)
        self.lots_created = self.records_created = self.lots_deleted = self.records_deleted = 0
        """Lots and records of the stock and of copies; deleted by expiry and purges."""

    def place_stock(self) -> None:
        for data_id, data in self.data.items():
            d = self.layout.data_index[data_id]
            for node_id in data.stored_in:
                holding = self.holdings[(d, node_id)]
                lots = holding.add_stock(data.records)
                self.lots_created += lots
                self.records_created += data.records
                self._hold(holding, data.records, self.layout.node_country[node_id])

    def start(self) -> None:
        """Start the expiry of every holding."""
        for holding in self.holdings.values():
            self.env.process(self._expiry(holding))

    def _expiry(self, holding: Holding):
        """Delete, at each tick, the cohort of lots whose retention ends then."""
        env = self.env
        tick = 0
        while True:
            tick += 1
            when = tick * holding.width
            if when >= self.horizon:
                return
            yield env.timeout(when - env.now)
            self._delete(holding, *holding.expire(tick))

    def copy(self, source: str, to: str, data_id: str) -> None:
        """Add what ``source`` holds of the data class now to ``to``, for the full retention."""
        d = self.layout.data_index[data_id]
        held = self.holdings.get((d, source))
        if held is None or not held.total_lots:
            return
        target = self.holdings[(d, to)]
        target.add(self.env.now, held.total_lots, held.total_records)
        self.lots_created += held.total_lots
        self.records_created += held.total_records
        self._hold(target, held.total_records, self.layout.node_country[source])

    def purge(self, node_id: str, data: list[str]) -> None:
        """Delete what the node holds (of the listed data classes; all if none is listed)."""
        wanted = {self.layout.data_index[data_id] for data_id in data} if data else None
        for (d, node), holding in self.holdings.items():
            if node == node_id and (wanted is None or d in wanted):
                self._delete(holding, *holding.clear())

    def held(self, node_id: str) -> list[tuple[int, float]]:
        """(data class, records) the node holds now."""
        return [
            (d, holding.total_records)
            for (d, node), holding in self.holdings.items()
            if node == node_id and holding.total_records > 0
        ]

    def _hold(self, holding: Holding, records: int, origin: int) -> None:
        t = self.env.now
        ledger = self.ledger
        for place in holding.places:
            ledger.enter(holding.data, place, records, t)
            ledger.transfer(origin, place, [(holding.data, records)])

    def _delete(self, holding: Holding, lots: int, records: int) -> None:
        if not lots:
            return
        t = self.env.now
        ledger = self.ledger
        for place in holding.places:
            ledger.leave(holding.data, place, records, t)
        self.lots_deleted += lots
        self.records_deleted += records

    def tally(self) -> Tally:
        holdings = self.holdings.values()
        return Tally(
            lots_created=self.lots_created,
            records_created=self.records_created,
            lots_deleted=self.lots_deleted,
            records_deleted=self.records_deleted,
            lots_held=sum(h.total_lots for h in holdings),
            records_held=sum(h.total_records for h in holdings),
        )
