"""Legal demands: Poisson demands of one regime on one target entity, and what they disclose.

A demand succeeds iff some place holds records (of the targeted classes) that the regime can
read there and whose holder is the target or is controlled by it (the target is on the
holder's reach chain): "possession, custody or control". Which ledger cells would make it
succeed is worked out once, before the run; the desk then only reads those cells.

* A **warrant** is a point event: it succeeds if the cells hold records at that moment, and
  hands over the records present then.
* A **directive** (FISA 702, a UK IPA notice) is in force for ``lasts`` hours: every record of
  those cells counts as disclosed while it is, as record-hours and as records (those present
  when it starts plus those that enter). A directive that arrives while one is in force renews
  it (the periods merge); one still in force at the horizon is cut there.

Rates: each entry's rate comes from :func:`~simulator.law.rates.demand_rate`; a rate drawn from
evidence is drawn once per replication from the stream ``demand-rate:<regime>:<target>`` (two-level
Monte Carlo), so that the arrival streams ``demand:<regime>:<target>``, and every other stream,
stay aligned between designs. Probes on a fixed grid (no randomness) measure the share of
arrival times at which a demand would succeed: the readability factor of Rosenthal's chain,
from which the experiment computes the probability over any period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import simpy

from simulator.engine.layout import Layout
from simulator.engine.ledger import Cell, Ledger
from simulator.engine.outcome import frozen
from simulator.engine.streams import Streams, exponential, poisson_times, unique_names
from simulator.law.rates import demand_rate
from simulator.law.readability import ExposureMap
from simulator.model.demand import LegalDemand

PROBES = 512
"""Probe times per replication, at the middle of equal slices of the horizon."""


@dataclass
class _InForce:
    """A directive period: when it started, until when it runs, what the cells held at its start."""

    start: float
    until: float
    hours: float
    inflow: float
    held: float


class DemandDesk:
    """The legal-demand entries of a scenario: arrivals, successes and what they disclosed."""

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
        scenario = exposure.scenario
        entries = scenario.events.legal_demands
        self.entries = entries
        self.names = unique_names([f"demand:{d.regime}:{d.target}" for d in entries])
        sources = [demand_rate(d, scenario) for d in entries]
        self.rates = np.array(
            [
                source.draw(
                    streams("demand-rate" + name.removeprefix("demand")) if source.posterior else None
                )
                for source, name in zip(sources, self.names, strict=True)
            ]
        )
        self.lasts = [d.in_force_hours(scenario.regimes[d.regime]) for d in entries]
        """Hours each directive is in force (a period checked on load); None for a warrant."""
        self.eligible: list[list[Cell]] = [
            ledger.eligible_cells(_eligibility(exposure, layout, d)) for d in entries
        ]
        count = len(entries)
        self.demands = np.zeros(count, dtype=np.int64)
        self.disclosures = np.zeros(count, dtype=np.int64)
        self.first_disclosure = np.full(count, np.inf)
        self.disclosed_record_hours = np.zeros(count)
        self.disclosed_records = np.zeros(count)
        self.in_force_hours = np.zeros(count)
        self.probes = np.zeros((count, PROBES), dtype=bool)
        self.in_force: list[_InForce | None] = [None] * count

    def start(self) -> None:
        """Start the demands of every entry, and the probes."""
        for index, name in enumerate(self.names):
            self.env.process(self._demands(index, name))
        if self.entries:
            self.env.process(self._probe())

    def _demands(self, index: int, name: str):
        """Poisson legal demands of one entry."""
        env = self.env
        gaps = exponential(self.streams(name), 1.0 / self.rates[index])
        for t in poisson_times(gaps, self.horizon):
            yield env.timeout(t - env.now)
            self.demands[index] += 1
            if self.lasts[index] is None:
                self._warrant(index)
            else:
                self._directive(index)

    def _warrant(self, index: int) -> None:
        held = sum(cell.n for cell in self.eligible[index])
        if held > 0:
            self._disclosed(index, self.env.now)
            self.disclosed_records[index] += held

    def _directive(self, index: int) -> None:
        now, lasts = self.env.now, self.lasts[index]
        assert lasts is not None
        current = self.in_force[index]
        if current is not None:
            current.until = max(current.until, now + lasts)
            return
        cells = self.eligible[index]
        self.in_force[index] = _InForce(
            start=now,
            until=now + lasts,
            hours=Ledger.hours_until(cells, now),
            inflow=sum(cell.inflow for cell in cells),
            held=sum(cell.n for cell in cells),
        )
        self.env.process(self._until_lapsed(index))

    def _until_lapsed(self, index: int):
        """Wait while the directive is in force (renewals extend it), then count what it disclosed."""
        current = self.in_force[index]
        assert current is not None
        while self.env.now < current.until:
            yield self.env.timeout(current.until - self.env.now)
        self._lapse(index, self.env.now)

    def _lapse(self, index: int, t: float) -> None:
        current = self.in_force[index]
        assert current is not None
        cells = self.eligible[index]
        records = current.held + sum(cell.inflow for cell in cells) - current.inflow
        self.disclosed_record_hours[index] += Ledger.hours_until(cells, t) - current.hours
        self.disclosed_records[index] += records
        self.in_force_hours[index] += t - current.start
        if records > 0:
            self._disclosed(index, current.start if current.held > 0 else t)
        self.in_force[index] = None

    def _disclosed(self, index: int, t: float) -> None:
        self.disclosures[index] += 1
        self.first_disclosure[index] = min(self.first_disclosure[index], t)

    def _probe(self):
        """Whether each entry's cells hold records, at the middle of each slice of the horizon."""
        step = self.horizon / PROBES
        for k in range(PROBES):
            yield self.env.timeout((k + 0.5) * step - self.env.now)
            for index, cells in enumerate(self.eligible):
                self.probes[index, k] = self.ledger.holds_any(cells)

    def _success_share(self, index: int) -> float:
        """Share of arrival times at which a demand of this entry would succeed (probe grid).

        A warrant needs readable records at that moment; a directive at some moment while in
        force (its period cut at the horizon).
        """
        readable = self.probes[index]
        lasts = self.lasts[index]
        if lasts is None:
            return float(readable.mean())
        reach = int(lasts // (self.horizon / PROBES))
        seen = np.concatenate([[0], np.cumsum(readable)])
        ends = np.minimum(np.arange(PROBES) + reach + 1, PROBES)
        return float(((seen[ends] - seen[:PROBES]) > 0).mean())

    def figures(self) -> dict[str, object]:
        """The demand fields of the outcome; directives still in force lapse at the horizon."""
        for index, current in enumerate(self.in_force):
            if current is not None:
                self._lapse(index, self.horizon)
        return {
            "demands": frozen(self.demands),
            "disclosures": frozen(self.disclosures),
            "first_disclosure": frozen(self.first_disclosure),
            "demand_rates": frozen(self.rates),
            "success_share": frozen(np.array([self._success_share(i) for i in range(len(self.entries))])),
            "in_force_hours": frozen(self.in_force_hours),
            "disclosed_record_hours": frozen(self.disclosed_record_hours),
            "disclosed_records": frozen(self.disclosed_records),
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
