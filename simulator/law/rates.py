"""Demand rates with their uncertainty: Gamma posteriors from published counts, Rosenthal's chain.

Pure functions (scipy, no simulation). A provider's transparency report gives counts ``k_i``
over periods of ``t_i`` hours. With a Gamma(a, b) prior on the Poisson rate, the posterior is
Gamma(a + Σk, b + Σt); the prior is stated (Jeffreys a = 1/2, or uniform a = 1, both with
b = 0), so zero events still bound the rate instead of setting it to zero. The counts are
provider-wide: one customer's rate is ``share × rate``, Gamma(a + Σk, (b + Σt) / share), and
the share is always an assumption. Each replication draws its rate from that posterior
(two-level Monte Carlo): the spread of its results over the draws is the evidence's
uncertainty, apart from the Monte Carlo error of their mean.

Probabilities over a period follow Rosenthal's aggregation: a constant hazard ``h`` per hour
gives ``1 − exp(−h × hours)`` of at least one successful demand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats

from simulator.model.demand import LegalDemand, Prior
from simulator.model.evidence import Evidence
from simulator.model.scenario import Scenario
from simulator.model.units import HOURS_PER_UNIT

HOURS_PER_YEAR = HOURS_PER_UNIT["year"]
RISK_YEARS = 5
"""Rosenthal's method, and the thresholds set with it (Zurich: 10 %), look 5 years ahead."""
PRIORS: dict[str, tuple[float, float]] = {"jeffreys": (0.5, 0.0), "uniform": (1.0, 0.0)}
"""Gamma(shape, rate) priors on a Poisson rate."""

RateKind = Literal["assumption", "regime_default", "evidence", "chain"]


@dataclass(frozen=True)
class GammaRate:
    """Gamma(shape, rate) over a Poisson rate in events per hour."""

    shape: float
    rate: float
    """In hours of exposure: the mean rate is ``shape / rate`` per hour."""

    @property
    def mean(self) -> float:
        return self.shape / self.rate

    def quantile(self, q: float) -> float:
        """Events per hour at quantile ``q`` of the posterior."""
        return float(stats.gamma.ppf(q, self.shape, scale=1.0 / self.rate))

    def draw(self, generator: np.random.Generator) -> float:
        """One rate from the posterior (one replication's)."""
        return float(generator.gamma(self.shape, 1.0 / self.rate))

    def scaled(self, share: float) -> GammaRate:
        """The posterior of ``share × rate`` (still Gamma)."""
        return GammaRate(self.shape, self.rate / share)


def gamma_posterior(events: int, exposure_hours: float, prior: Prior = "jeffreys") -> GammaRate:
    """Posterior of a Poisson rate after ``events`` over ``exposure_hours``, from a stated prior."""
    if events < 0 or not exposure_hours > 0:
        raise ValueError(f"need events >= 0 and a positive exposure, got {events} over {exposure_hours} h")
    shape, rate = PRIORS[prior]
    return GammaRate(shape + events, rate + exposure_hours)


def evidence_posterior(items: Sequence[Evidence], prior: Prior, share: float) -> GammaRate:
    """One customer's rate from provider-wide exact counts over their periods."""
    if not items:
        raise ValueError("a rate from evidence needs at least one entry")
    banded = [item.id for item in items if item.banded]
    if banded:
        raise ValueError(f"banded counts cannot enter a Gamma posterior: {', '.join(banded)}")
    events = sum(int(item.count) for item in items)  # type: ignore[arg-type]  # exact counts, checked
    return gamma_posterior(events, sum(item.hours for item in items), prior).scaled(share)


@dataclass(frozen=True)
class DemandRate:
    """Where one demand entry's rate comes from, and how each replication gets its value."""

    kind: RateKind
    mean: float
    """Events per hour (the posterior mean when drawn)."""
    basis: str
    posterior: GammaRate | None = None
    evidence: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def draw(self, generator: np.random.Generator | None) -> float:
        """The replication's rate: drawn from the posterior, else the fixed value."""
        if self.posterior is None:
            return self.mean
        if generator is None:
            raise ValueError("a rate from evidence needs a random stream to draw from")
        return self.posterior.draw(generator)

    def quantiles(self, levels: Sequence[float] = (0.05, 0.5, 0.95)) -> tuple[float, ...]:
        """Rates per hour at ``levels`` (all equal to the value when it is fixed)."""
        if self.posterior is None:
            return tuple(self.mean for _ in levels)
        return tuple(self.posterior.quantile(q) for q in levels)


def demand_rate(demand: LegalDemand, scenario: Scenario) -> DemandRate:
    """The rate of one demand entry, by the form it is given in (hand, evidence, chain, default)."""
    if demand.from_evidence is not None:
        given = demand.from_evidence
        items = [scenario.evidence[evidence_id] for evidence_id in given.evidence]
        posterior = evidence_posterior(items, given.prior, given.share)
        return DemandRate(
            kind="evidence",
            mean=posterior.mean,
            basis=f"{given.prior} prior; share {given.share:g} (assumption: {given.share_basis})",
            posterior=posterior,
            evidence=tuple(given.evidence),
            sources=tuple(dict.fromkeys(item.url for item in items)),
        )
    if demand.chain is not None:
        chain = demand.chain
        return DemandRate(kind="chain", mean=chain.rate, basis=chain.basis, sources=tuple(chain.sources))
    if demand.rate is not None:
        return DemandRate(kind="assumption", mean=demand.rate, basis=demand.basis or "rate written by hand")
    regime = scenario.regimes[demand.regime]
    return DemandRate(kind="regime_default", mean=regime.demand_rate, basis=regime.demand_rate_basis)


def disclosure_probability(hazard: float | np.ndarray, hours: float) -> float | np.ndarray:
    """P(at least one successful demand) over ``hours`` at a constant ``hazard`` per hour."""
    return -np.expm1(-np.asarray(hazard, dtype=float) * hours)


def annual_rate(probability: float, years: float) -> float:
    """The constant yearly rate that gives ``probability`` over ``years`` (inverse of the above)."""
    if not 0 <= probability < 1:
        raise ValueError(f"a probability below 1 is needed, got {probability}")
    return -math.log1p(-probability) / years
