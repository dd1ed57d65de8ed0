"""Legal regimes and legal entities: the two catalogues a scenario refers to by id."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from simulator.model.base import Assumable, Id, Strict, Url
from simulator.model.units import Country, PerHour, Share

State = Literal["rest", "processing", "transit", "support"]
STATES: tuple[State, ...] = ("rest", "processing", "transit", "support")
Trigger = Literal["incorporation", "control", "presence", "staff", "data_location"]


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
    demand_rate: PerHour
    demand_rate_basis: str = Field(
        description="Why this yearly rate of demands: always an assumption, never a sourced fact."
    )
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
    control: bool = Field(
        default=False,
        description="Holds control whatever the share (veto, board majority, golden share).",
    )


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
    qualifications: list[Literal["secnumcloud", "hds"]] = []
    notes: str | None = None

    @field_validator("owners")
    @classmethod
    def _shares_add_up(cls, owners: list[Owner]) -> list[Owner]:
        """Checked on the field, so that the error points at whichever file set ``owners``."""
        total = sum(owner.share for owner in owners)
        if total > 1 + 1e-9:
            raise ValueError(f"capital shares of the owners add up to {total:.0%}, above 100 %")
        seen = [owner.entity for owner in owners]
        if len(set(seen)) != len(seen):
            raise ValueError("an owner is listed twice; give one holding per owner")
        return owners

    @property
    def staff_countries(self) -> list[str]:
        return self.staff_in if self.staff_in is not None else self.operates_in
