"""The disclosure probability a DPO can defend: evidence spread apart from Monte Carlo error."""

from __future__ import annotations

import pytest

from simulator.experiment import run_experiment
from simulator.law.rates import HOURS_PER_YEAR, annual_rate, gamma_posterior
from simulator.model.load import parse_scenario
from tests.engine.helpers import vault_text
from tests.experiment.experiment_fixtures import CATALOG

FROM_EVIDENCE = (
    "from_evidence: {evidence: [none-in-ten-half-years], prior: uniform, share: 100%, share_basis: test}"
)


def vault(demand: str, horizon: str = "1y", extra: str = ""):
    return parse_scenario(vault_text(demand, horizon, extra), catalog=CATALOG)


def test_drawing_the_rate_per_replication_widens_the_interval_and_keeps_the_mean() -> None:
    posterior = gamma_posterior(0, 5 * HOURS_PER_YEAR, prior="uniform")  # the evidence: 0 in 5 years
    mean_per_year = posterior.mean * HOURS_PER_YEAR
    drawn = run_experiment(vault(FROM_EVIDENCE), replications=300, seed=1)
    fixed = run_experiment(vault(f"rate: {mean_per_year!r}/year"), replications=300, seed=1)
    spread, point = drawn.disclosure_risk.five_years_evidence, fixed.disclosure_risk.five_years_evidence
    assert point.low == point.high == pytest.approx(fixed.disclosure_risk.five_years.mean)
    assert spread.high - spread.low > 0.3  # Gamma(1, 5 y): from almost 0 to 1 - 0.05 ** 5 over 5 years
    assert fixed.disclosure_risk.five_years.half_width == 0
    assert drawn.disclosure_risk.five_years.half_width > 0
    rate = drawn.disclosures[0].rate_drawn_per_year
    assert rate.low <= mean_per_year <= rate.high
    assert drawn.disclosures[0].rate.per_year.median < mean_per_year < drawn.disclosures[0].rate.per_year.high
    demands = drawn.disclosures[0].demands
    assert demands.low <= fixed.disclosures[0].demands.mean <= demands.high


def test_suvas_two_and_a_half_percent_over_five_years_is_reproduced_within_its_monte_carlo_interval() -> None:
    """Suva's 2.52 % over 5 years (FDPIC opinion, quoted by datenrecht.ch).

    Its factor values were not published where we could read them: the chain's yearly rate of
    cases is DERIVED from the result itself (-ln(1 - 0.0252) / 5), the other factors set to
    1. The test checks the machinery (chain -> rate -> demands on readable data -> 5 years),
    not Suva's inputs.
    """
    cases = annual_rate(0.0252, 5)
    factors = "to_provider: 100%, cannot_resist: 100%, basis: derived from 2.52 %"
    chain = f"chain: {{cases: {cases!r}/year, {factors}}}"
    result = run_experiment(vault(chain, horizon="5y"), replications=2000, seed=1)
    risk = result.disclosure_risk
    assert risk.five_years.mean == pytest.approx(0.0252, rel=1e-9)  # always readable: share 1
    assert risk.observed.low <= 0.0252 <= risk.observed.high
    assert risk.horizon_years == pytest.approx(5)


def test_a_threshold_is_shown_beside_the_five_year_probability() -> None:
    extra = "disclosure_threshold: {probability: 10%, basis: Zurich RRB 542/2022}\n"
    result = run_experiment(vault("rate: 0.05/year", extra=extra), replications=4, seed=1)
    risk = result.disclosure_risk
    assert risk.threshold == 0.10 and risk.threshold_basis.startswith("Zurich")
    assert risk.five_years.mean == pytest.approx(1 - 2.718281828459045 ** (-0.25), rel=1e-6)
    assert risk.above_threshold is True


def test_every_demand_figure_links_to_its_evidence() -> None:
    row = run_experiment(vault(FROM_EVIDENCE), replications=2, seed=1).disclosures[0]
    assert row.rate.kind == "evidence"
    (evidence,) = row.rate.evidence
    assert (evidence.id, evidence.count, evidence.start, evidence.end) == (
        "none-in-ten-half-years",
        0,
        "2015-01-01",
        "2019-12-31",
    )
    assert evidence.url == "https://example.org/report" and evidence.read_in == "primary"
    assert row.rate.sources == ["https://example.org/report"]
    assert "uniform prior" in row.rate.basis and "share" in row.rate.basis


def test_a_rate_written_by_hand_is_labelled_an_assumption() -> None:
    row = run_experiment(vault("rate: 1/y"), replications=2, seed=1).disclosures[0]
    assert row.rate.kind == "assumption"


def test_the_target_can_stop_on_the_disclosure_probabilitys_half_width() -> None:
    result = run_experiment(
        vault("rate: 2/y"),
        replications=400,
        seed=1,
        target_half_width=0.05,
        target_metric="p_disclosure",
        batch_size=20,
    )
    assert result.parameters.stopped_early and result.parameters.replications < 400
    assert result.headline("p_disclosure").value.half_width <= 0.05
