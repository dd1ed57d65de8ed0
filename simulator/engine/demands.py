"""Legal demands: Poisson demands of one regime on one target entity, and whether they succeed.

A demand succeeds iff at that moment some place holds records (of the targeted classes) that
the regime can read there and whose holder is the target or is controlled by it (the target is
on the holder's reach chain): "possession, custody or control". Which ledger cells would make
it succeed is worked out once, before the run; at each demand the desk only asks the ledger
whether any of them holds records. Each entry draws from the stream
``demand:<regime>:<target>``; its rate defaults to the regime's.
"""

from __future__ import annotations

import numpy as np
import simpy

from simulator.engine.layout import Layout
from simulator.engine.ledger import Cell, Ledger
from simulator.engine.outcome import frozen
from simulator.engine.streams import Streams, exponential, poisson_times, unique_names
from simulator.law.readability import ExposureMap
from simulator.model.scenario import LegalDemand


class DemandDesk:
    """The legal-demand entries of a scenario: their arrivals, successes and first success."""

    def __init__(
        self,
        env: simpy.Environment,
        exposure: ExposureMap,
        layout: Layout,
        ledger: Ledger,
        streams: Streams,
        horizon: float,
    ) -> None:
        self.env = env
        self.ledger = ledger
        self.streams = streams
        self.horizon = horizon
        entries = exposure.scenario.events.legal_demands
        regimes = exposure.scenario.regimes
        self.entries = entries
        self.rates = [d.rate if d.rate is not None else regimes[d.regime].demand_rate for d in entries]
        self.eligible: list[list[Cell]] = [
            ledger.eligible_cells(_eligibility(exposure, layout, d)) for d in entries
        ]
        self.demands = np.zeros(len(entries), dtype=np.int64)
        self.disclosures = np.zeros(len(entries), dtype=np.int64)
        self.first_disclosure = np.full(len(entries), np.inf)

    def start(self) -> None:
        """Start the demands of every entry."""
        names = unique_names([f"demand:{d.regime}:{d.target}" for d in self.entries])
        for index, name in enumerate(names):
            self.env.process(self._demands(index, name))

    def _demands(self, index: int, name: str):
        """Poisson legal demands of one entry."""
        env = self.env
        gaps = exponential(self.streams(name), 1.0 / self.rates[index])
        for t in poisson_times(gaps, self.horizon):
            yield env.timeout(t - env.now)
            self._demand(index)

    def _demand(self, index: int) -> None:
        self.demands[index] += 1
        if self.ledger.holds_any(self.eligible[index]):
            self.disclosures[index] += 1
            self.first_disclosure[index] = min(self.first_disclosure[index], self.env.now)

    def figures(self) -> dict[str, object]:
        return {
            "demands": frozen(self.demands),
            "disclosures": frozen(self.disclosures),
            "first_disclosure": frozen(self.first_disclosure),
        }


def _eligibility(exposure: ExposureMap, layout: Layout, demand: LegalDemand) -> np.ndarray:
    """[data, place]: where records would let this demand succeed."""
    regime = exposure.regimes.index(demand.regime)
    mask = exposure.readable_mask()[regime].copy()
    if demand.data:
        wanted = np.zeros(len(layout.data), dtype=bool)
        wanted[[layout.data_index[data_id] for data_id in demand.data]] = True
        mask &= wanted[:, None]
    controlled = np.zeros(len(layout.places), dtype=bool)
    for place in layout.places:
        reach = exposure.reach.reach(demand.regime, place.entity)
        controlled[place.index] = place.entity == demand.target or (
            reach is not None and demand.target in reach.chain
        )
    return mask & controlled[None, :]
