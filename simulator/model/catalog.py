"""Legal regimes and legal entities: the two catalogues a scenario refers to by id."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from simulator.model.base import Assumable, Id, Strict, Url
from simulator.model.evidence import Evidence
from simulator.model.units import Country, Hours, PerHour, Share

State = Literal["rest", "processing", "transit", "support"]
STATES: tuple[State, ...] = ("rest", "processing", "transit", "support")
Trigger = Literal["incorporation", "control", "presence", "staff", "data_location"]
Role = Literal[
    "cloud_provider",
    "communications_provider",
    "telecom_operator",
    "software_vendor",
    "it_services",
    "holding",
    "public_body",
    "state_administration",
    "state_operator",
    "eu_institution",
    "health_establishment",
    "law_enforcement",
]
"""What an entity does, as far as the laws that compel it care: the CLOUD Act and FISA 702
compel providers of communication or computing services, the UK IPA telecommunications
operators, China's National Intelligence Law any organisation."""


class Regime(Strict):
    """A non-EU (or any) law that can compel disclosure of data.

    ``triggers`` say what brings an entity or a site within reach: being incorporated in
    ``country``, being controlled (through any chain of holdings above ``control_threshold``)
    by a reached entity, operating (doing business) there, having staff there, or holding
    data located there. ``states`` are the data states it can compel.
    """

    id: Id
    name: str
    country: Country
    summary: str
    triggers: list[Trigger] = Field(min_length=1)
    states: list[State] = Field(min_length=1)
    gag: bool
    gag_basis: str
    control_threshold: Share = 0.5
    compels: list[Role] = Field(
        default=[],
        description="Kinds of entity the law's text lets it compel; empty means any entity.",
    )
    compels_basis: str | None = Field(default=None, description="Where the text says whom it compels.")
    demand_rate: PerHour
    demand_rate_basis: str = Field(
        description="Why this yearly rate of demands: always an assumption, never a sourced fact."
    )
    directive_lasts: Hours | None = Field(
        default=None, description="How long a directive or notice of this regime is in force, at most."
    )
    directive_basis: str | None = Field(default=None, description="Where the text sets that period.")
    source: Url
    sources: list[Url] = []
    unconfirmed: list[str] = Field(
        default=[], description="Statements of this entry that no source confirmed."
    )
    trigger_notes: dict[Trigger, str] = {}

    @field_validator("triggers", "states")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        if len(set(values)) != len(values):
            raise ValueError("lists each value at most once")
        return values


class Owner(Assumable):
    """A holding of capital (and, by default, the same share of votes) in an entity."""

    entity: Id
    share: Share
    votes: Share | None = Field(
        default=None, description="Share of voting rights, when it differs from capital."
    )
    control: bool = Field(
        default=False,
        description="Holds control whatever the share (veto, board majority, golden share).",
    )
    concert: Id | None = Field(
        default=None,
        description="Owners of the same entity with the same `concert` label act together (a shareholders' "
        "agreement): their votes add up. Unrelated holders never add up.",
    )

    @property
    def voting(self) -> float:
        return self.share if self.votes is None else self.votes


class Entity(Assumable):
    """A company or public body: who owns it and where it operates."""

    id: Id
    name: str
    country: Country = Field(description="Country of incorporation (registered office).")
    kind: Literal["company", "public_body"] = "company"
    owners: list[Owner] = []
    operates_in: list[Country] = []
    staff_in: list[Country] | None = Field(
        default=None, description="Countries where its staff work; defaults to operates_in."
    )
    roles: list[Role] | None = Field(
        default=None,
        description="What it does (cloud_provider, telecom_operator, public_body, ...). Not given: "
        "taken as within every regime's reach (conservative, reported as an assumption).",
    )
    dpf_certified: bool = Field(
        default=False,
        description="Certified under the EU-US Data Privacy Framework (and its UK Extension); "
        "cite it in `sources`.",
    )
    qualifications: list[Literal["secnumcloud", "hds"]] = []
    evidence: list[Evidence] = Field(
        default=[], description="Published counts of demands on it (transparency reports), each with its URL."
    )
    notes: str | None = None

    @field_validator("owners")
    @classmethod
    def _shares_add_up(cls, owners: list[Owner]) -> list[Owner]:
        """Checked on the field, so that the error points at whichever file set ``owners``."""
        total = sum(owner.share for owner in owners)
        if total > 1 + 1e-9:
            raise ValueError(f"capital shares of the owners add up to {total:.0%}, above 100 %")
        votes = sum(owner.voting for owner in owners)
        if votes > 1 + 1e-9:
            raise ValueError(f"voting rights of the owners add up to {votes:.0%}, above 100 %")
        seen = [owner.entity for owner in owners]
        if len(set(seen)) != len(seen):
            raise ValueError("an owner is listed twice; give one holding per owner")
        return owners

    @field_validator("evidence")
    @classmethod
    def _evidence_ids_unique(cls, evidence: list[Evidence]) -> list[Evidence]:
        ids = [item.id for item in evidence]
        if len(set(ids)) != len(ids):
            raise ValueError("an evidence id is listed twice")
        return evidence

    def has_role(self, roles: list[str]) -> bool:
        """Whether a law that compels ``roles`` (empty: anyone) can compel this entity."""
        return not roles or self.roles is None or bool(set(roles) & set(self.roles))

    @property
    def staff_countries(self) -> list[str]:
        return self.staff_in if self.staff_in is not None else self.operates_in
