"""Legal demands in a scenario and the three ways their rate is given.

A demand's yearly rate is (1) written by hand, an assumption with its basis; (2) drawn from
published counts (:class:`EvidenceRate`): a posterior over the provider-wide rate, scaled to
this customer by a share that is always an assumption; or (3) Rosenthal's factor chain
(:class:`FactorChain`): how often a case arises in which an authority wants this
controller's data, that it goes to the provider rather than to the controller, and that the
provider cannot resist. The last factor of the chain, that readable data is there at that
moment, is what the simulation measures, so it is never an input. Without any of them the
regime's default rate applies.

A warrant is a point event. A directive (FISA 702) or notice (UK IPA) is in force for a
period: everything readable of the targeted classes at the target while it is in force counts
as disclosed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simulator.model.base import Assumable, Id, Strict, Url
from simulator.model.catalog import Regime
from simulator.model.units import Hours, PerHour, Probability

Instrument = Literal["warrant", "directive"]
Prior = Literal["jeffreys", "uniform"]


class EvidenceRate(Strict):
    """A rate from published counts: Gamma posterior of the provider-wide rate, times a share.

    ``prior`` is stated, never implied: Jeffreys (Gamma(1/2, 0)) or uniform (Gamma(1, 0)), so
    that zero events over n periods still gives a finite upper bound rather than zero.
    """

    evidence: list[Id] = Field(min_length=1, description="Ids of evidence entries (exact counts only).")
    prior: Prior = "jeffreys"
    share: Probability = Field(
        description="Share of the provider-wide events that would concern this customer's data."
    )
    share_basis: str = Field(min_length=1, description="Why this share: always an assumption.")


class FactorChain(Strict):
    """Rosenthal's factor chain, per year: cases × to the provider × provider cannot resist.

    The simulation supplies the last factor (readable data is there at that moment).
    """

    cases: PerHour = Field(
        description="Rate of cases in which an authority wants this controller's data, e.g. '0.1/year'."
    )
    to_provider: Probability = Field(description="Share of those cases that go to the provider.")
    cannot_resist: Probability = Field(description="Chance that the provider cannot resist (no comity, ...).")
    basis: str = Field(min_length=1)
    sources: list[Url] = []

    @property
    def rate(self) -> float:
        """Demands per hour that the provider must answer."""
        return self.cases * self.to_provider * self.cannot_resist


class LegalDemand(Assumable):
    """Compelled-disclosure demands of one regime on one entity; rate defaults to the regime's."""

    regime: Id
    target: Id
    rate: PerHour | None = Field(
        default=None, description="A rate written by hand: always reported as an assumption."
    )
    from_evidence: EvidenceRate | None = None
    chain: FactorChain | None = None
    instrument: Instrument = Field(
        default="warrant", description="warrant: a point event; directive: in force for `lasts`."
    )
    lasts: Hours | None = Field(
        default=None, description="How long a directive is in force; defaults to the regime's."
    )
    data: list[Id] = Field(default=[], description="Data classes targeted; empty means all.")

    def in_force_hours(self, regime: Regime) -> float | None:
        """How long it is in force: its own period, else its regime's; None for a warrant."""
        if self.instrument != "directive":
            return None
        return self.lasts if self.lasts is not None else regime.directive_lasts

    @model_validator(mode="after")
    def _one_rate(self) -> LegalDemand:
        given = [name for name in ("rate", "from_evidence", "chain") if getattr(self, name) is not None]
        if len(given) > 1:
            raise ValueError(f"give the rate one way only, not {' and '.join(given)}")
        if self.lasts is not None and self.instrument != "directive":
            raise ValueError("`lasts` applies to a directive only; a warrant is a point event")
        return self
