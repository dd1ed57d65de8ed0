"""Demand rates from published counts and from Rosenthal's chain, checked against closed forms."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from simulator.law.rates import (
    HOURS_PER_YEAR,
    annual_rate,
    demand_rate,
    disclosure_probability,
    evidence_posterior,
    gamma_posterior,
)
from simulator.model.demand import FactorChain, LegalDemand
from simulator.model.load import load_scenario

HALF_YEAR = HOURS_PER_YEAR / 2
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.parametrize("periods", [1, 4, 11, 40])
def test_zero_events_over_n_periods_bound_the_rate_at_minus_log_five_percent_over_n(periods: int) -> None:
    """Uniform prior: the 95 % upper quantile is -ln(0.05)/n per period (the "rule of three")."""
    posterior = gamma_posterior(0, periods * HALF_YEAR, prior="uniform")
    assert posterior.quantile(0.95) * HALF_YEAR == pytest.approx(-math.log(0.05) / periods, rel=1e-9)


def test_zero_events_with_the_jeffreys_prior_give_the_chi_square_bound() -> None:
    """Jeffreys prior: Gamma(1/2, n), whose 95 % quantile is chi2(0.95, 1) / 2n (0.175 for n = 11)."""
    posterior = gamma_posterior(0, 11 * HALF_YEAR, prior="jeffreys")
    upper = posterior.quantile(0.95) * HALF_YEAR
    assert upper == pytest.approx(stats.chi2.ppf(0.95, 1) / 22, rel=1e-9)
    assert upper == pytest.approx(0.175, abs=5e-4)
    assert upper > 0, "no disclosure seen does not make the rate zero"


def test_microsofts_four_half_years_give_a_posterior_of_about_one_disclosure_per_half_year() -> None:
    scenario = load_scenario(SCENARIOS / "hdh-azure.yaml")
    items = [
        scenario.evidence[f"ms-lerr-{h}-enterprise-abroad-disclosed"]
        for h in ("2018h1", "2018h2", "2019h1", "2019h2")
    ]
    posterior = evidence_posterior(items, "jeffreys", share=1.0)
    assert posterior.shape == 4.5
    assert posterior.mean * HALF_YEAR == pytest.approx(4.5 / 4, rel=0.01)  # half-years of 181-184 days


def test_a_customer_share_scales_every_quantile() -> None:
    provider = gamma_posterior(4, 4 * HALF_YEAR)
    customer = provider.scaled(1e-4)
    assert customer.mean == pytest.approx(provider.mean * 1e-4)
    assert customer.quantile(0.95) == pytest.approx(provider.quantile(0.95) * 1e-4)


def test_a_banded_count_cannot_enter_a_posterior() -> None:
    scenario = load_scenario(SCENARIOS / "hdh-azure.yaml")
    with pytest.raises(ValueError, match="banded"):
        evidence_posterior([scenario.evidence["ms-fisa-2023h1-content-orders"]], "jeffreys", 1.0)


def test_draws_from_the_posterior_have_its_mean() -> None:
    posterior = gamma_posterior(3, 10 * HALF_YEAR)
    generator = np.random.default_rng(1)
    draws = np.array([posterior.draw(generator) for _ in range(20_000)])
    assert draws.mean() == pytest.approx(posterior.mean, rel=0.03)


def test_the_chain_multiplies_its_factors_and_the_simulation_adds_readability() -> None:
    chain = FactorChain(cases="0.2/year", to_provider="25%", cannot_resist="50%", basis="test")
    demand = LegalDemand(regime="us-cloud-act", target="microsoft-corp", chain=chain)
    rate = demand_rate(demand, load_scenario(SCENARIOS / "hdh-azure.yaml"))
    assert (rate.kind, rate.posterior) == ("chain", None)
    assert rate.mean * HOURS_PER_YEAR == pytest.approx(0.2 * 0.25 * 0.5)


def test_suvas_five_year_figure_and_its_annual_rate_are_one_another() -> None:
    """2.52 % over 5 years is 0.509 %/year (research arithmetic, not a published factor)."""
    rate = annual_rate(0.0252, 5)
    assert 1 - (1 - 0.0252) ** (1 / 5) == pytest.approx(0.00509, abs=1e-5)
    assert float(disclosure_probability(rate / HOURS_PER_YEAR, 5 * HOURS_PER_YEAR)) == pytest.approx(0.0252)


def test_a_rate_written_by_hand_is_reported_as_an_assumption() -> None:
    demand = LegalDemand(regime="us-cloud-act", target="microsoft-corp", rate="0.05/year")
    rate = demand_rate(demand, load_scenario(SCENARIOS / "hdh-azure.yaml"))
    assert rate.kind == "assumption" and rate.quantiles() == (rate.mean,) * 3
