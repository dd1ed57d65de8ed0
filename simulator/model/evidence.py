"""Published counts of compelled disclosures (transparency reports): the evidence behind a demand rate.

A provider reports, per period, how many demands of a kind it received or answered. Each
entry keeps what was counted, the period, the count (or the band a report gives instead of
a count, as US national-security orders are reported) and where it was read, so that a rate
drawn from it can always be traced back to its source. Nothing enters without its URL.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from simulator.model.base import Assumable, Id, Strict, Url
from simulator.model.units import HOURS_PER_UNIT


class Band(Strict):
    """A count published only as a band (e.g. "0-499" FISA orders): interval-censored."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.max < self.min:
            raise ValueError(f"band max {self.max} is below its min {self.min}")
        return self


class Period(Strict):
    """The reporting period; ``end: null`` when the source gives none (then ``assumed_end``)."""

    start: date
    end: date | None


class Evidence(Assumable):
    """One published count of one provider, for one period.

    ``read_in`` says whether it was read in the publisher's own text (primary) or quoted by
    someone else (secondary). An open period (``end: null``) needs ``assumed_end`` with
    ``assumption: true`` and a ``basis``: the exposure a rate is computed over is then assumed.
    """

    id: Id
    publisher: str
    report: str
    period: Period
    assumed_end: date | None = None
    count: int | Band = Field(description="Events counted in the period, or the published band.")
    counted: str = Field(description="What the report counts, in its own words.")
    url: Url
    read_in: Literal["primary", "secondary"]
    unconfirmed: list[str] = Field(default=[], description="Statements of this entry no source confirmed.")

    @model_validator(mode="after")
    def _period_known(self) -> Evidence:
        end = self.period.end or self.assumed_end
        if self.period.end is None and (self.assumed_end is None or not self.assumption or not self.basis):
            raise ValueError("an open period (end: null) needs assumed_end, assumption: true and a basis")
        if end is not None and end < self.period.start:
            raise ValueError("the period ends before it starts")
        if isinstance(self.count, int) and self.count < 0:
            raise ValueError("a count cannot be negative")
        return self

    @property
    def hours(self) -> float:
        """Length of the period in hours, both days included (the assumed end if open)."""
        end = self.period.end or self.assumed_end
        assert end is not None  # checked on load
        return ((end - self.period.start).days + 1) * HOURS_PER_UNIT["d"]

    @property
    def banded(self) -> bool:
        return isinstance(self.count, Band)
