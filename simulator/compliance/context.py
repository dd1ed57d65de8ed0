"""What every check reads: the scenario, its static exposure map, an optional simulated
result, and a few derived facts that several rules share (the controller's frame, which
entities act as providers, where data can be, who holds the capital of whom).

Pure functions of the scenario: no I/O, no randomness.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from simulator.law.capital import Capital, capital_table
from simulator.law.readability import ExposureMap, Verdict
from simulator.model.frame import Frame
from simulator.model.places import Place, can_see, data_at_nodes
from simulator.model.scenario import Scenario
from simulator.numbers import number

if TYPE_CHECKING:  # the experiment layer sits to the left of compliance; imported lazily
    from simulator.experiment.result import DesignResult

HOURS_PER_YEAR = 24 * 365.25
CONTENT_KINDS = ("storage", "backup", "compute", "telemetry")
"""Node kinds that hold or process data (ingest is the customer's own system)."""


@dataclass(frozen=True)
class DataPlace:
    """One data class that can be at one place, and which foreign regimes read it there."""

    data: str
    place: Place
    readable_by: tuple[Verdict, ...] = ()


@dataclass(frozen=True)
class Context:
    """Input of every check."""

    scenario: Scenario
    exposure: ExposureMap
    result: DesignResult | None = None

    # ----------------------------------------------------------------- parties

    @property
    def frame(self) -> Frame:
        """The controller's legal frame: what is foreign, home, a transfer."""
        return self.scenario.frame

    @property
    def controller_line(self) -> str:
        """Evidence line naming the controller and its frame."""
        return f"data controller: {self.frame.describe()}"

    @cached_property
    def providers(self) -> dict[str, list[str]]:
        """Entity → sorted nodes where it holds, processes or serves data (not ingest)."""
        roles: dict[str, set[str]] = {}
        for node_id, node in self.scenario.nodes.items():
            if node.kind == "ingest":
                continue
            roles.setdefault(node.operator, set()).add(node_id)
            if node.kind == "compute" and node.overflow and node.overflow.operator:
                roles.setdefault(node.overflow.operator, set()).add(node_id)
        for place in self.exposure.places:
            if place.state == "support":
                roles.setdefault(place.entity, set()).add(place.desk or place.node)
        return {entity: sorted(nodes) for entity, nodes in sorted(roles.items())}

    @cached_property
    def hosts(self) -> dict[str, list[str]]:
        """Entity → sorted nodes it runs that hold, process or key data: the hosting provider(s).

        Storage, backup, compute (elastic overflow operators included) and key managers; not
        support desks, telemetry collectors or other sub-contractors (SecNumCloud §19.6(c)).
        """
        roles: dict[str, set[str]] = {}
        for node_id, node in self.scenario.nodes.items():
            if node.kind not in ("storage", "backup", "compute", "key_manager"):
                continue
            roles.setdefault(node.operator, set()).add(node_id)
            if node.kind == "compute" and node.overflow and node.overflow.operator:
                roles.setdefault(node.overflow.operator, set()).add(node_id)
        return {entity: sorted(nodes) for entity, nodes in sorted(roles.items())}

    def is_commercial(self, entity_id: str) -> bool:
        return self.scenario.entities[entity_id].kind != "public_body"

    # ----------------------------------------------------------------- capital and reach

    @cached_property
    def capital(self) -> dict[str, Capital]:
        return capital_table(self.scenario.entities)

    @cached_property
    def foreign_regimes(self) -> set[str]:
        """Regimes seated outside the controller's home jurisdiction (the one definition: the frame's)."""
        return self.frame.foreign_regimes(self.scenario.regimes)

    def reaches(self, entity_id: str) -> list:
        """Reach entries of foreign regimes over an entity."""
        return [
            r for r in self.exposure.reach.regimes_reaching(entity_id) if r.regime in self.foreign_regimes
        ]

    # ----------------------------------------------------------------- where data can be

    @cached_property
    def present(self) -> dict[str, set[str]]:
        return data_at_nodes(self.scenario)

    @cached_property
    def data_places(self) -> list[DataPlace]:
        """Every (data class, place) where a copy of the data can be seen, in place order.

        Support places count only when their access level shows the data's form.
        """
        outside = self.foreign_regimes
        readable: dict[tuple[str, int], list[Verdict]] = {}
        for verdict in self.exposure.exposures():
            if verdict.regime in outside:
                readable.setdefault((verdict.data, verdict.place.index), []).append(verdict)
        found = []
        for place in self.exposure.places:
            if place.flow is not None:
                data_ids = [self.scenario.flows[place.flow].data]
            else:
                data_ids = sorted(self.present.get(place.node, ()))
            for data_id in data_ids:
                data = self.scenario.data[data_id]
                if place.state == "support" and not can_see(place.access, data.access_needed):
                    continue
                verdicts = sorted(readable.get((data_id, place.index), []), key=lambda v: v.regime)
                found.append(DataPlace(data_id, place, tuple(verdicts)))
        return found

    def country(self, site: str) -> str:
        return self.scenario.sites[site].country

    def zone(self, site: str) -> str:
        """'home', 'adequate' or 'third', seen from the controller."""
        return self.scenario.frame.zone(self.country(site))

    def where(self, site: str) -> str:
        country = self.country(site)
        return f"{site} ({country}, {self.scenario.frame.zone_label(country)})"

    def readable_foreign(self) -> list[Verdict]:
        """Readable verdicts of foreign regimes, in a stable order."""
        return sorted(
            (v for v in self.exposure.exposures() if v.regime in self.foreign_regimes),
            key=lambda v: (v.place.node, v.place.entity, v.regime, v.data, v.place.index),
        )

    # ----------------------------------------------------------------- simulated figures

    def simulated_record_hours(self, node: str, regimes: set[str] | None = None) -> list[str]:
        """Evidence lines with simulated exposed record-hours at a node (if a result is given)."""
        if self.result is None:
            return []
        lines = []
        for cell in self.result.exposure:
            if (
                cell.node == node
                and (regimes is None or cell.regime in regimes)
                and cell.record_hours.mean > 0
            ):
                interval = cell.record_hours
                ci = (
                    f" (95 % CI {number(interval.low)}–{number(interval.high)})"
                    if interval.low is not None
                    else ""
                )
                horizon = number(self.result.parameters.horizon_hours)
                lines.append(
                    f"simulated: {number(interval.mean)} record-hours of {cell.data} readable by "
                    f"{cell.regime} in {cell.state} at {node} over {horizon} h{ci}"
                )
        return lines
