"""The result of an experiment: the one object that JSON, Markdown and HTML reports render.

Reports compute nothing: every figure they show is here, already aggregated over
replications with its 95 % confidence interval (Student t for means, Wilson for
proportions). Lists are sorted by their ids so that equal seeds give byte-identical JSON;
nothing here depends on the worker count or on the time of the run.

Two documents share one JSON Schema (``result.schema.json``), told apart by ``kind``:
a :class:`DesignResult` (one scenario) and a :class:`Comparison` (several, with paired
differences against a baseline computed on common random numbers).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from simulator.io import atomic_write_text
from simulator.model.catalog import State

SCHEMA_VERSION = "2.0"
SCHEMA_PATH = Path(__file__).with_name("result.schema.json")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_serialization_defaults_required=True)


class Interval(_Model):
    """A mean (or a proportion) over replications with its confidence interval.

    ``method`` is ``t`` (Student t on the replication values) or ``wilson`` (Wilson score
    interval of a proportion). With fewer than two replications a t interval has no bounds.
    For quantities that cannot be negative (hours, counts, shares) ``low`` is clipped at 0
    while ``half_width`` stays the symmetric t half-width.
    """

    mean: float
    low: float | None
    high: float | None
    half_width: float | None = Field(description="Half of high - low; the ± of the mean.")
    n: int = Field(
        ge=0, description="Replications (or, for conditional means, replications where it happened)."
    )
    method: Literal["t", "wilson"]


# --------------------------------------------------------------------------- run and design


class Parameters(_Model):
    """What the run was asked to do. Not the worker count: results do not depend on it."""

    seed: int
    replications: int = Field(description="Replications actually run (and aggregated).")
    max_replications: int = Field(description="Replications allowed; more than run when stopped early.")
    target_half_width: float | None = Field(
        description="Half-width of the target metric at which the run stops early: relative, or in "
        "probability points for a probability (Wilson)."
    )
    batch_size: int = Field(description="Replications between two stopping checks.")
    stopped_early: bool
    horizon_hours: float
    bins: int
    confidence: float
    sovsim_version: str


class RegimeInfo(_Model):
    id: str
    name: str
    country: str
    foreign: bool = Field(description="Seated outside the controller's home jurisdiction.")
    gag: bool
    demand_rate_per_year: float
    source: str


class DataInfo(_Model):
    id: str
    records: int = Field(description="Stock at the start.")
    sensitivity: str
    form: str
    encrypted_at_rest: bool
    keys: str | None = Field(description="Key-manager node; None means provider-managed keys.")
    custody: Literal["provider", "byok", "external", "client_side"]
    custody_meaning: str = Field(description="What the custody mode lets the provider do, for the report.")
    custody_sources: list[str]
    grants: list[str] = Field(
        description="Nodes the key manager lets decrypt this class: 'node (stock)', 'node (lot, attested)'."
    )
    protection_in_use: str
    reidentification_table: str | None = Field(
        description="Node holding the table that re-identifies pseudonymised data; None if not pseudonymised."
    )


class SiteInfo(_Model):
    id: str
    country: str
    zone: Literal["home", "adequate", "third"] = Field(
        description="Seen from the controller: its home jurisdiction, a country with adequacy, "
        "or a third country."
    )


class NodeInfo(_Model):
    id: str
    kind: str
    operator: str
    sites: list[str]
    countries: list[str]
    support_mode: str | None = Field(
        description="Support desks: standing, lockbox (with its approval probability) or crash_dump."
    )


class EntityInfo(_Model):
    id: str
    name: str
    country: str
    reached_by: list[str] = Field(description="Regimes that reach this entity, sorted.")
    non_eu_share: float


class FrameInfo(_Model):
    """The controller's legal frame, from which "foreign" and "transfer" are measured."""

    controller: str | None = Field(description="Entity id; None when the scenario names no controller.")
    name: str
    jurisdiction: str
    home: str = Field(description="How reports name the home area, e.g. 'EU/EEA' or 'UK'.")
    law: str
    transfer_rules: str
    assumed: bool = Field(description="True when no controller was given and an EU/EEA one is assumed.")


class DesignInfo(_Model):
    """The topology, for charts coloured by jurisdiction."""

    frame: FrameInfo
    regimes: list[RegimeInfo]
    data: list[DataInfo]
    sites: list[SiteInfo]
    nodes: list[NodeInfo]
    entities: list[EntityInfo]


# --------------------------------------------------------------------------- headline metrics


def find_headline(headlines: Sequence[Headline], key: str) -> Headline:
    """The headline metric ``key`` of a list, or a KeyError naming the known keys."""
    for item in headlines:
        if item.key == key:
            return item
    raise KeyError(f"no headline metric {key!r}; known: {', '.join(h.key for h in headlines)}")


class Headline(_Model):
    """One headline metric of a design, used to rank and compare designs."""

    key: str = Field(description="Stable id, e.g. 'foreign_record_hours.processing'.")
    label: str
    unit: str
    better: Literal["lower", "higher"]
    value: Interval
    values: list[float] = Field(description="Per-replication values in replication order (for pairing).")


# --------------------------------------------------------------------------- dynamic results


class ExposureCell(_Model):
    """Record-hours during which a regime could compel a readable copy, at one node."""

    regime: str
    foreign: bool
    state: State
    data: str
    pseudonymised: bool = Field(
        default=False,
        description="Readable only pseudonymised: the re-identification table is out of the regime's reach "
        "(its own category, EDPB Recommendations 01/2020 use case 2).",
    )
    node: str
    record_hours: Interval


class RecordsExposed(_Model):
    """Records that were ever readable by a regime in a state.

    Sums the records entering each readable place, capped at the population (stock plus
    records created over the horizon): an upper bound when records visit several places.
    """

    regime: str
    foreign: bool
    state: State
    data: str
    pseudonymised: bool = Field(
        default=False,
        description="Readable only pseudonymised: the re-identification table is out of the regime's reach "
        "(its own category, EDPB Recommendations 01/2020 use case 2).",
    )
    records: Interval
    share: Interval = Field(description="Records over the population, per replication.")


class FirstExposure(_Model):
    """When a regime could first read a data class in a state."""

    regime: str
    foreign: bool
    state: State
    data: str
    pseudonymised: bool = Field(
        default=False,
        description="Readable only pseudonymised: the re-identification table is out of the regime's reach "
        "(its own category, EDPB Recommendations 01/2020 use case 2).",
    )
    probability: Interval = Field(description="Share of replications where it happened (Wilson).")
    hours: Interval | None = Field(description="Mean time over the replications where it happened.")


class TimelineSeries(_Model):
    regime: str
    foreign: bool
    state: State
    record_hours: list[float] = Field(description="Mean exposed record-hours in each bin.")


class Timeline(_Model):
    bins: int
    bin_hours: float
    series: list[TimelineSeries]


class TransferRow(_Model):
    """Accesses from a site in one country, by one importer, to data held in another (remote access counts).

    A support session transfers only the records it reads in clear. ``record_visits`` counts a
    record each time it is moved or read; ``records`` bounds the distinct records by each data
    class's population (stock plus records created).
    """

    source: str = Field(description="Country the data was held in.")
    to: str = Field(description="Country the data was accessed from or moved to.")
    importer: str = Field(description="Entity receiving or reading the data there.")
    tool: str = Field(
        description="Transfer tool the controller's frame offers for it: adequacy, adequacy (certified "
        "importer), scc, bcr or none."
    )
    abroad: bool = Field(description="The destination is outside the controller's home jurisdiction.")
    events: Interval
    records: Interval = Field(description="Distinct records, at most the population of each data class.")
    record_visits: Interval = Field(description="Records counted once per transfer event.")


class Spread(_Model):
    """Quantiles of a figure over the rates drawn from the evidence: its parameter uncertainty.

    Kept apart from the Monte Carlo error of the mean (the :class:`Interval` beside it). Equal
    bounds mean the rate is fixed (written by hand, a chain or a regime default).
    """

    low: float = Field(description="Quantile ``levels[0]``.")
    median: float
    high: float = Field(description="Quantile ``levels[2]``.")
    levels: tuple[float, float, float] = (0.05, 0.5, 0.95)


class EvidenceInfo(_Model):
    """One published count a rate was drawn from, as the report must cite it."""

    id: str
    publisher: str
    report: str
    start: str = Field(description="First day of the reporting period (ISO date).")
    end: str = Field(description="Last day; the assumed one when the source gives none (see assumed_end).")
    assumed_end: bool
    count: int
    counted: str = Field(description="What the report counts, in its own words.")
    url: str
    read_in: Literal["primary", "secondary"]
    unconfirmed: list[str]


class RateSource(_Model):
    """Where a demand's rate comes from: what a report links every demand figure to."""

    kind: Literal["assumption", "regime_default", "evidence", "chain"] = Field(
        description="assumption: written by hand; regime_default: the catalogue's (an assumption); "
        "evidence: a posterior from published counts times an assumed share; chain: Rosenthal's factors."
    )
    basis: str
    evidence: list[EvidenceInfo] = Field(description="The published counts behind it (kind evidence).")
    sources: list[str] = Field(description="URLs of the evidence or of the chain.")
    per_year: Spread = Field(description="The rate per year: posterior quantiles, or the fixed value.")


class DisclosureRow(_Model):
    """One entry of events.legal_demands: demands received and compelled disclosures."""

    index: int
    regime: str
    target: str
    foreign: bool
    instrument: Literal["warrant", "directive"]
    lasts_hours: float | None = Field(description="How long a directive is in force; None for a warrant.")
    rate: RateSource
    rate_drawn_per_year: Interval = Field(description="Mean of the rates the replications drew.")
    demands: Interval
    disclosures: Interval
    probability: Interval = Field(
        description="P(at least one successful disclosure over the horizon), Wilson."
    )
    first_disclosure_hours: Interval | None = Field(
        description="Time of the first successful disclosure, over the replications that had one."
    )
    success_share: Interval = Field(
        description="Share of arrival times at which a demand would succeed: readable data is there."
    )
    in_force_hours: Interval = Field(description="Hours directives were in force (0 for warrants).")
    disclosed_record_hours: Interval = Field(
        description="Record-hours readable at the target while a directive was in force."
    )
    disclosed_records: Interval = Field(
        description="Records handed over (at a warrant; at a directive's start or entered while in force)."
    )


class DisclosureRisk(_Model):
    """The probability of a compelled disclosure to a foreign regime, as a DPO would defend it.

    Three figures, never merged: ``observed`` is the share of replications with a disclosure
    (its interval is Monte Carlo error alone); ``horizon`` and ``five_years`` average each
    replication's probability given its drawn rates and measured readable share (interval:
    Monte Carlo error of that mean), and their ``*_evidence`` spread is the uncertainty the
    evidence leaves on the rates. Over 5 years the horizon's pattern is taken to repeat.
    """

    horizon_years: float
    observed: Interval
    horizon: Interval
    horizon_evidence: Spread
    five_years: Interval
    five_years_evidence: Spread
    threshold: float | None = Field(description="The controller's accepted probability over 5 years.")
    threshold_basis: str | None
    above_threshold: bool | None = Field(
        description="Whether the 5-year probability (mean, as Rosenthal compares it) exceeds the threshold."
    )


class ComputeOperations(_Model):
    """Operational figures of one compute node (they validate the queueing model).

    Figures that are undefined in some replications (a wait with no lot served, a burst
    fraction with no arrival, an overflow pool that does not exist) are averaged over the
    replications where they are defined, and are ``None`` when defined in none.
    """

    node: str
    lots_arrived: Interval
    lots_served: Interval
    lots_overflowed: Interval
    utilisation: Interval = Field(description="Primary pool: time-average busy servers over servers.")
    overflow_utilisation: Interval | None
    mean_wait_hours: Interval | None
    mean_sojourn_hours: Interval | None
    burst_fraction: Interval | None
    mean_in_system: Interval = Field(description="Time-average lots in the node (Little's L).")


class SupportOperations(_Model):
    """Support session-hours served at one place (a shift or the escalation tier)."""

    node: str
    desk: str | None
    site: str
    country: str
    entity: str
    role: str
    session_hours: Interval
    sessions: Interval


class ConservationCheck(_Model):
    """A bookkeeping identity of the engine, checked in every replication."""

    name: str
    holds: bool
    detail: str


class Operations(_Model):
    compute: list[ComputeOperations]
    support: list[SupportOperations]
    conservation: list[ConservationCheck]


# --------------------------------------------------------------------------- static findings


class StaticVerdict(_Model):
    """One decision of the static exposure map, with the path that explains it."""

    regime: str
    foreign: bool
    data: str
    node: str
    state: State
    site: str
    country: str
    entity: str
    role: str
    place: str
    readable: bool
    category: Literal["readable", "readable, pseudonymised", "protected"] = Field(
        description="'readable, pseudonymised' when the re-identification table is out of the regime's reach."
    )
    path: list[str]
    explanation: str
    reason: str = Field(
        description="Last step of the path: why it is readable, or the protection that holds."
    )


class StaticFindings(_Model):
    exposures: list[StaticVerdict] = Field(description="Readable verdicts.")
    protections: list[StaticVerdict] = Field(description="Reached holders left with ciphertext only.")


class Assumption(_Model):
    """An assumed number, to be shown in every report."""

    kind: Literal["assumption", "demand_rate", "unconfirmed"]
    path: str = Field(description="Where it is in the scenario, e.g. 'events.legal_demands[0]'.")
    value: str
    basis: str | None


# --------------------------------------------------------------------------- documents


class DesignResult(_Model):
    """Everything a report shows about one design."""

    schema_version: Literal["2.0"] = SCHEMA_VERSION
    kind: Literal["design"] = "design"
    scenario: str = Field(description="Scenario name.")
    slug: str
    scenario_hash: str = Field(description="sha256 of the canonical scenario JSON.")
    parameters: Parameters
    summary: list[Headline]
    design: DesignInfo
    exposure: list[ExposureCell] = Field(description="Non-zero cells, sorted by regime, state, data, node.")
    records_exposed: list[RecordsExposed]
    first_exposure: list[FirstExposure]
    timeline: Timeline
    transfers: list[TransferRow]
    disclosures: list[DisclosureRow]
    disclosure_risk: DisclosureRisk
    operations: Operations
    static: StaticFindings
    assumptions: list[Assumption]

    def headline(self, key: str) -> Headline:
        return find_headline(self.summary, key)


class ComparisonParameters(_Model):
    seed: int
    replications: int
    max_replications: int
    target_half_width: float | None
    batch_size: int
    stopped_early: bool
    bins: int
    confidence: float
    sovsim_version: str


class PairedDifference(_Model):
    """Design minus baseline on one headline metric, paired by replication (common random numbers)."""

    design: int = Field(description="Index in ``designs``.")
    baseline: int
    metric: str
    better: Literal["lower", "higher"]
    difference: Interval
    verdict: Literal["better", "worse", "no significant difference", "identical"]


class RankEntry(_Model):
    rank: int
    design: int
    scenario: str
    value: Interval


class Comparison(_Model):
    """Several designs run on the same seeds, compared with a baseline and ranked."""

    schema_version: Literal["2.0"] = SCHEMA_VERSION
    kind: Literal["comparison"] = "comparison"
    slug: str
    comparison_hash: str = Field(description="sha256 of the designs' scenario hashes, in order.")
    parameters: ComparisonParameters
    baseline: int
    rank_by: str
    designs: list[DesignResult]
    differences: list[PairedDifference]
    ranking: list[RankEntry]


ResultDocument = Annotated[DesignResult | Comparison, Field(discriminator="kind")]
_DOCUMENT = TypeAdapter(ResultDocument)


def result_schema() -> dict:
    """JSON Schema of ``result.json`` (a design result or a comparison)."""
    schema = _DOCUMENT.json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sovsim result",
        "description": f"result.json written by sovsim, schema_version {SCHEMA_VERSION}.",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(result_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schema(path: Path | str = SCHEMA_PATH) -> Path:
    """Write the JSON Schema atomically; the committed copy is checked by a test."""
    return atomic_write_text(Path(path), schema_text())


def to_json(document: DesignResult | Comparison) -> str:
    """Stable JSON text: sorted keys, two-space indent, a final newline."""
    data = document.model_dump(mode="json")
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def from_json(text: str | bytes) -> DesignResult | Comparison:
    """Parse and validate a result.json document."""
    return _DOCUMENT.validate_json(text)
