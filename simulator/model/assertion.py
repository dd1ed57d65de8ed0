"""User assertions a scenario states about itself, checked by :mod:`simulator.compliance`.

Kept in the model (not in compliance) so that the scenario schema is defined in one place and
imports run one way: model → law → engine → experiment → compliance → report.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from simulator.model.base import Id, Strict
from simulator.model.catalog import State
from simulator.model.frame import EEA, EU
from simulator.model.limits import MAX_HOURS_PER_YEAR, number
from simulator.model.units import check_country

Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
"""The one severity scale, least severe first: assertions, compliance rules and findings, the
reports' order and badges, and ``sovsim check --fail-on`` all use it."""
SEVERITY_RANK: dict[Severity, int] = {name: rank for rank, name in enumerate(SEVERITIES)}
"""Position on the scale: higher is more severe."""


class Assertion(Strict):
    """A property of the design that the user asserts; checked statically and on simulated results."""

    id: Id
    text: str = Field(min_length=1, description="The assertion in plain words, quoted in findings.")
    severity: Severity = "high"
    kind: Literal["never_readable", "max_hours", "stays_in"]
    data: list[Id] = Field(default=[], description="Data classes concerned; empty means all.")
    states: list[State] = Field(default=[], description="Data states concerned; empty means all.")
    regimes: Literal["foreign", "any"] | list[Id] = Field(
        default="foreign",
        description="'foreign' (regimes seated outside the controller's home jurisdiction), 'any', "
        "or regime ids.",
    )
    node: Id | None = Field(default=None, description="Restrict to one node.")
    countries: list[str] = Field(
        default=[], description="stays_in: allowed countries (ISO 3166-1 alpha-2, or EU / EEA)."
    )
    max_hours_per_year: number(ge=0, le=MAX_HOURS_PER_YEAR) | None = Field(
        default=None, description="max_hours: from 0 to 8,784 (a leap year)."
    )
    probability: number(gt=0, le=1) = Field(
        default=0.95, description="Share of replications in which it must hold, above 0 and at most 1."
    )

    @field_validator("countries")
    @classmethod
    def _countries(cls, values: list[str]) -> list[str]:
        return [v.upper() if v.upper() in ("EU", "EEA") else check_country(v) for v in values]

    @model_validator(mode="after")
    def _fields_of_kind(self) -> Assertion:
        if self.kind == "max_hours" and self.max_hours_per_year is None:
            raise ValueError("a max_hours assertion needs max_hours_per_year")
        if self.kind == "stays_in" and not self.countries:
            raise ValueError("a stays_in assertion needs countries")
        return self

    def allowed(self) -> frozenset[str]:
        found: set[str] = set()
        for value in self.countries:
            found |= EU if value == "EU" else EEA if value == "EEA" else {value}
        return frozenset(found)
