"""The scenario file: a hosting design, its workload and its events over time.

Durations and rates are read in human form (``20m``, ``500/h``, ``0.1/year``) and kept in
hours. Cross-references between sections are checked by :mod:`simulator.model.references`.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from simulator.model.access import Custody, Grant, Lockbox, Pseudonymisation, SupportMode
from simulator.model.assertion import Assertion
from simulator.model.base import Assumable, Id, Strict, Url
from simulator.model.catalog import Entity, Regime
from simulator.model.demand import LegalDemand
from simulator.model.evidence import Evidence
from simulator.model.frame import ASSUMED_CONTROLLER, JURISDICTIONS, DeclaredTool, Frame, jurisdiction_of
from simulator.model.limits import (
    MAX_CV,
    MAX_MULTIPLIER,
    BatchLots,
    LotSize,
    QueueLength,
    Records,
    Servers,
    number,
)
from simulator.model.units import Country, Hours, HoursOrZero, PerHour, Probability

Access = Literal["metadata", "logs", "data"]
ACCESS_ORDER: dict[str, int] = {"metadata": 0, "logs": 1, "data": 2}


class Site(Strict):
    """A place where a node runs; whether it is home, adequate or a third country depends on
    the controller (see :class:`~simulator.model.frame.Frame`)."""

    country: Country
    name: str | None = None


Purpose = Literal["care", "research", "public_health", "law_enforcement", "administration"]


class Controller(Strict):
    """The data controller: the entity that answers for the data, and why it processes it.

    Its country, roles and purposes decide its legal frame: an EU/EEA controller is under the
    GDPR (plus its country's rules), a UK one under UK GDPR (DPA 2018 Part 3 for
    law-enforcement processing), an EU institution or agency under the EUDPR.
    """

    entity: Id
    purposes: list[Purpose] = Field(default=[], description="Processing purposes, e.g. law_enforcement.")


class Service(Assumable):
    """Service-time distribution of one lot on one server."""

    dist: Literal["exponential", "lognormal", "deterministic"] = "exponential"
    mean: Hours
    cv: number(gt=0, le=MAX_CV) = Field(
        default=1.0, description="Coefficient of variation (lognormal only), above 0 and at most 100."
    )


class Overflow(Assumable):
    """Elastic burst: above ``when_queue_above`` waiting lots, new lots go to the overflow."""

    sites: list[Id] = Field(min_length=1)
    operator: Id | None = Field(default=None, description="Defaults to the node's operator.")
    when_queue_above: QueueLength = Field(description="Waiting lots, from 0 to 1,000,000,000.")
    servers: Servers | None = Field(
        default=None, description="From 1 to 100,000; defaults to the node's servers."
    )


class _Node(Assumable):
    operator: Id
    site: Id = Field(description="Primary site.")
    replicas: list[Id] = Field(default=[], description="Failover sites, in order.")
    name: str | None = None
    phases: list[Id] = Field(default=[], description="Phases in which it runs; empty means all.")

    @property
    def sites(self) -> list[str]:
        return [self.site, *self.replicas]


class IngestNode(_Node):
    """Where records enter the design (a hospital system, a police upload portal)."""

    kind: Literal["ingest"]


class StorageNode(_Node):
    """Holds lots at rest for the data class's retention."""

    kind: Literal["storage"]


class BackupNode(_Node):
    """Holds copies at rest; fed by flows from storage."""

    kind: Literal["backup"]


class KeyManagerNode(_Node):
    """Holds the encryption keys of the data classes that name it in ``keys``, and says who may use them."""

    kind: Literal["key_manager"]
    grants: list[Grant] = Field(
        default=[], description="Nodes that may decrypt with its keys (custody 'external')."
    )

    def grants_for(self, data_id: str) -> list[Grant]:
        return [grant for grant in self.grants if grant.covers(data_id)]


class ComputeNode(_Node):
    """Processes lots on ``servers`` parallel servers (data in use)."""

    kind: Literal["compute"]
    servers: Servers = Field(description="Parallel servers, from 1 to 100,000.")
    service: Service
    overflow: Overflow | None = None


class Shift(Strict):
    """Hours of the (UTC) day served from one site by one entity, e.g. ``"08-16"``."""

    hours: Annotated[str, Field(pattern=r"^\d{1,2}-\d{1,2}$")]
    site: Id
    entity: Id

    @property
    def span(self) -> tuple[int, int]:
        start, end = (int(part) for part in self.hours.split("-"))
        return start, end

    @field_validator("hours")
    @classmethod
    def _valid_hours(cls, value: str) -> str:
        start, end = (int(part) for part in re.split("-", value))
        if not 0 <= start < end <= 24:
            raise ValueError("hours must be 'start-end' with 0 <= start < end <= 24")
        return value


class Escalation(Assumable):
    """Share of tickets escalated to a (vendor) tier, served from one site by one entity."""

    probability: Probability
    entity: Id
    site: Id
    access: Access | None = Field(default=None, description="Defaults to the desk's access level.")


class SupportNode(_Node):
    """A technical-support desk: follow-the-sun shifts, escalation, remote sessions."""

    kind: Literal["support"]
    access: Access
    session: Hours
    shifts: list[Shift] = Field(min_length=1)
    escalation: Escalation | None = None
    mode: SupportMode = Field(
        default="standing",
        description="How sessions reach the data: standing rights, a lockbox the customer approves, "
        "or crash dumps sent to the vendor.",
    )
    lockbox: Lockbox | None = None

    @model_validator(mode="before")
    @classmethod
    def _site_defaults_to_first_shift(cls, data: object) -> object:
        """A desk's own site matters little (its shifts say where sessions are served from)."""
        if isinstance(data, dict) and "site" not in data and isinstance(data.get("shifts"), list):
            first = data["shifts"][0] if data["shifts"] else None
            if isinstance(first, dict) and "site" in first:
                return {**data, "site": first["site"]}
        return data

    @model_validator(mode="after")
    def _lockbox_with_its_mode(self) -> SupportNode:
        if (self.mode == "lockbox") != (self.lockbox is not None):
            raise ValueError("give 'lockbox' (approval, delay) exactly when mode is 'lockbox'")
        return self

    @model_validator(mode="after")
    def _shifts_cover_the_day(self) -> SupportNode:
        spans = sorted(shift.span for shift in self.shifts)
        hour = 0
        for start, end in spans:
            if start != hour:
                problem = "overlap" if start < hour else "leave a gap"
                raise ValueError(f"shifts {problem} at {hour:02d}:00; they must cover 00-24 once")
            hour = end
        if hour != 24:
            raise ValueError(f"shifts stop at {hour:02d}:00; they must cover 00-24 once")
        return self

    def shift_at(self, hour_of_day: float) -> Shift:
        for shift in self.shifts:
            start, end = shift.span
            if start <= hour_of_day < end:
                return shift
        return self.shifts[-1]


class TelemetryNode(_Node):
    """A monitoring or log store: holds what it is sent (content, logs or metadata) at its site.

    It is a store like any other (every storage rule and regime applies), kept with its own
    service's keys, for its own retention (Application Insights keeps up to 730 days).
    """

    kind: Literal["telemetry"]
    retention: Hours | None = Field(default=None, description="Defaults to the data class's retention.")


Node = Annotated[
    IngestNode | StorageNode | BackupNode | KeyManagerNode | ComputeNode | SupportNode | TelemetryNode,
    Field(discriminator="kind"),
]
NodeKind = Literal["ingest", "storage", "backup", "key_manager", "compute", "support", "telemetry"]


class DataClass(Assumable):
    """A category of records with its protection.

    ``keys`` names the key-manager node holding the keys; without it the keys are managed
    by whoever operates the node that holds the data (provider-managed keys). ``custody`` says
    how the provider's services may use them (see :data:`simulator.model.access.CUSTODY`).
    """

    records: Records = Field(description="Records held at the start (the stock), from 1 to 10 billion.")
    sensitivity: Literal[
        "health", "biometric", "genetic", "law_enforcement", "pseudonymised", "personal", "technical"
    ]
    form: Literal["content", "logs", "metadata"] = Field(
        default="content",
        description="What a reader needs to see it: 'data' access for content, 'logs' for logs.",
    )
    encrypted_at_rest: bool = True
    keys: Id | None = None
    custody: Custody | None = Field(
        default=None, description="Defaults to 'provider' without `keys`, 'external' with them."
    )
    protection_in_use: Literal["none", "confidential_computing"] = "none"
    pseudonymised: Pseudonymisation | None = None
    retention: Hours
    stored_in: list[Id] = Field(default=[], description="Storage nodes holding the stock at t=0.")

    @model_validator(mode="after")
    def _custody_matches_keys(self) -> DataClass:
        if self.custody == "provider" and self.keys is not None:
            raise ValueError("custody 'provider' means no key manager; drop 'keys' or choose another custody")
        if self.custody not in (None, "provider") and self.keys is None:
            raise ValueError(f"custody {self.custody!r} needs 'keys': the key_manager node holding them")
        return self

    @property
    def key_custody(self) -> Custody:
        if self.custody is not None:
            return self.custody
        return "provider" if self.keys is None else "external"

    @property
    def access_needed(self) -> Access:
        return {"content": "data", "logs": "logs", "metadata": "metadata"}[self.form]  # type: ignore[return-value]


class Batch(Strict):
    """A batch of ``lots`` lots every ``every``."""

    every: Hours = Field(description="From 1 second to 10,000 years.")
    lots: BatchLots = Field(default=1, description="Lots per batch, from 1 to 1,000,000.")


class Transit(Assumable):
    """How a lot travels; ``carrier`` defaults to the operator of the receiving node.

    TLS is read in clear where it terminates (a gateway, load balancer or the receiving
    service); on the way, carriers and upstream collection see only ciphertext.
    """

    encryption: Literal["none", "tls", "e2e"] = "tls"
    carrier: Id | None = None
    terminates: Id | None = Field(
        default=None, description="Node whose endpoint terminates TLS; defaults to the receiving node."
    )
    via: list[Country] = Field(
        default=[], description="Countries the path crosses; defaults to those of its two ends."
    )
    duration: Hours = Field(default=1 / 60, description="Time a lot spends in transit, 1s to 10000y.")


class Flow(Assumable):
    """Lots of one data class moving from one node to another."""

    name: Id | None = Field(
        default=None,
        description="Stable name of the workload: compared designs that give a flow the same name "
        "see the same arrivals (common random numbers). Defaults to 'from->to:data'.",
    )
    source: Id = Field(alias="from")
    to: Id
    data: Id
    rate: PerHour | None = Field(
        default=None, description="Poisson arrivals of lots, from 1 per 10,000 years to 1,000,000/h."
    )
    batch: Batch | None = None
    diurnal: list[number(ge=0, le=MAX_MULTIPLIER)] | None = Field(
        default=None,
        min_length=24,
        max_length=24,
        description="24 hourly multipliers of `rate` (UTC), for a daily profile; each from 0 to 1,000.",
    )
    lot: LotSize = Field(description="Records per lot, from 1 to 1,000,000,000.")
    transit: Transit = Transit()
    phases: list[Id] = Field(default=[], description="Phases in which it runs; empty means all.")

    @model_validator(mode="after")
    def _one_arrival_pattern(self) -> Flow:
        if (self.rate is None) == (self.batch is None):
            raise ValueError("give exactly one of 'rate' (Poisson) or 'batch'")
        if self.diurnal is not None:
            if self.rate is None:
                raise ValueError("'diurnal' scales 'rate'; give 'rate' with it")
            if max(self.diurnal) <= 0:
                raise ValueError("'diurnal' needs at least one hour above zero")
        return self


class Incident(Assumable):
    """Incidents on some nodes that open tickets at a support desk."""

    rate: PerHour
    nodes: list[Id] = Field(min_length=1)
    support: Id
    phases: list[Id] = []


class Outage(Assumable):
    """Site outages; nodes running there fail over to their next replica site."""

    site: Id
    rate: PerHour
    duration: Hours
    phases: list[Id] = []


class Events(Strict):
    incidents: list[Incident] = []
    outages: list[Outage] = []
    legal_demands: list[LegalDemand] = []


class Copy(Strict):
    """At a phase start, copy what a node holds of a data class to another node."""

    source: Id = Field(alias="from")
    to: Id
    data: Id


class Purge(Strict):
    """At a phase start plus ``after``, delete what a node holds (all data, or listed classes)."""

    node: Id
    after: HoursOrZero = 0.0
    data: list[Id] = []


class Phase(Strict):
    """A period of the timeline; flows, incidents and nodes may name the phases they run in."""

    name: Id
    start: HoursOrZero
    description: str | None = None
    copy_data: list[Copy] = Field(default=[], alias="copy")
    purge: list[Purge] = []


class Threshold(Strict):
    """The risk a controller accepts: a probability of compelled disclosure over 5 years (Rosenthal)."""

    probability: Probability
    basis: str = Field(min_length=1)
    sources: list[Url] = []


class Scenario(Strict):
    """One hosting design under one workload."""

    name: str = Field(min_length=1)
    description: str | None = None
    sources: list[Url] = Field(min_length=1, description="Public sources the scenario rests on.")
    horizon: Hours = Field(
        default=24 * 365.0,
        description="Simulated time, from 1 second to 10,000 years (long horizons may need --force: "
        "see the work estimate).",
    )
    controller: Controller | None = Field(
        default=None,
        description="The data controller. Without it an EU/EEA controller is assumed, and reports say so.",
    )
    processors: list[Id] = Field(default=[], description="Entities processing the data on its behalf.")
    transfer_tools: dict[Id, DeclaredTool] = Field(
        default={},
        description="Importer entity -> transfer tool the controller has in place with it (scc, bcr), "
        "for transfers no adequacy covers.",
    )
    regimes: dict[Id, Regime] = {}
    entities: dict[Id, Entity] = {}
    sites: dict[Id, Site] = Field(min_length=1)
    nodes: dict[Id, Node] = Field(min_length=1)
    data: dict[Id, DataClass] = Field(min_length=1)
    flows: list[Flow] = []
    events: Events = Events()
    timeline: list[Phase] = []
    assertions: list[Assertion] = Field(
        default=[], description="Properties the design must keep; checked by `sovsim check`."
    )
    disclosure_threshold: Threshold | None = Field(
        default=None, description="Highest acceptable probability of a compelled disclosure over 5 years."
    )

    @model_validator(mode="after")
    def _timeline_in_order(self) -> Scenario:
        starts = [phase.start for phase in self.timeline]
        if starts and starts[0] != 0:
            raise ValueError("the first timeline phase must start at 0")
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise ValueError("timeline phases must start at strictly increasing times")
        return self

    @cached_property
    def frame(self) -> Frame:
        """The controller's legal frame: what "home", "foreign" and "transfer" mean here."""
        certified = frozenset(e for e, entity in self.entities.items() if entity.dpf_certified)
        if self.controller is None:
            return Frame(
                JURISDICTIONS["EU"],
                None,
                ASSUMED_CONTROLLER,
                None,
                certified=certified,
                processors=tuple(self.processors),
                declared_tools=self.transfer_tools,
            )
        entity = self.entities[self.controller.entity]
        roles = frozenset(entity.roles or ())
        purposes = frozenset(self.controller.purposes)
        return Frame(
            jurisdiction=jurisdiction_of(entity.country, roles, purposes),
            controller=self.controller.entity,
            controller_name=entity.name,
            country=entity.country,
            roles=roles,
            purposes=purposes,
            processors=tuple(self.processors),
            declared_tools=self.transfer_tools,
            certified=certified,
        )

    def is_foreign(self, regime: Regime) -> bool:
        """Whether a regime is seated outside the controller's home jurisdiction."""
        return self.frame.is_foreign(regime.country)

    def involved_entities(self) -> set[str]:
        """Entities the design uses (operators, support staff, carriers, demand targets) and their owners.

        The catalogue holds many more; maps and reports show only these.
        """
        found: set[str] = set()
        for node in self.nodes.values():
            found.add(node.operator)
            if node.kind == "compute" and node.overflow and node.overflow.operator:
                found.add(node.overflow.operator)
            if node.kind == "support":
                found.update(shift.entity for shift in node.shifts)
                if node.escalation:
                    found.add(node.escalation.entity)
        found.update(flow.transit.carrier for flow in self.flows if flow.transit.carrier)
        found.update(demand.target for demand in self.events.legal_demands)
        pending = list(found)
        while pending:
            for owner in self.entities[pending.pop()].owners:
                if owner.entity not in found:
                    found.add(owner.entity)
                    pending.append(owner.entity)
        return found

    @cached_property
    def evidence(self) -> dict[str, Evidence]:
        """Every evidence entry of the catalogue's entities, by id (ids are unique, see references)."""
        return {item.id: item for entity in self.entities.values() for item in entity.evidence}

    def nodes_of(self, kind: str) -> dict[str, Node]:
        return {node_id: node for node_id, node in self.nodes.items() if node.kind == kind}

    def phase_at(self, time: float) -> str | None:
        current = None
        for phase in self.timeline:
            if phase.start <= time:
                current = phase.name
        return current
