"""Stories of directives that last: a FISA 702 directive discloses everything readable while in force."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.engine import simulate
from simulator.model.units import HOURS_PER_UNIT
from tests.engine.helpers import exposure_of

STOCK = 20_000
MONTH = HOURS_PER_UNIT["month"]

# Retention is so long that no stock expires within the horizon: the stock stays constant.
VAULT = """
name: A vault run by a US provider, always readable by its law
sources: [https://example.org/vault]
horizon: {horizon}
sites: {{virginia: {{country: US}}}}
nodes:
  vault: {{kind: storage, operator: us-parent, site: virginia}}
data:
  records:
    {{records: {stock}, sensitivity: health, encrypted_at_rest: false, retention: 10000y, stored_in: [vault]}}
events:
  legal_demands:
    - {{regime: us-law, target: us-parent, {demand}}}
"""


def vault(demand: str, horizon: str = "2y") -> object:
    return exposure_of(VAULT.format(horizon=horizon, stock=STOCK, demand=demand))


def test_a_six_month_directive_on_an_always_readable_entity_discloses_six_months_of_the_stock() -> None:
    exposure = vault("rate: 1/5y, instrument: directive, lasts: 6mo")
    horizon = 2 * HOURS_PER_UNIT["year"]
    checked = 0
    for child in np.random.SeedSequence(7).spawn(60):
        outcome = simulate(exposure, child)
        started = outcome.first_disclosure[0]
        if outcome.demands[0] == 1 and started + 6 * MONTH <= horizon:
            assert outcome.in_force_hours[0] == pytest.approx(6 * MONTH)
            assert outcome.disclosed_record_hours[0] == pytest.approx(STOCK * 6 * MONTH, rel=1e-12)
            assert outcome.disclosed_records[0] == STOCK
            checked += 1
    assert checked >= 5, "too few replications with exactly one directive to check the closed form"


def test_directives_renewed_while_in_force_merge_and_stop_at_the_horizon() -> None:
    exposure = vault("rate: 4/y, instrument: directive, lasts: 6mo")
    for child in np.random.SeedSequence(8).spawn(10):
        outcome = simulate(exposure, child)
        in_force = outcome.in_force_hours[0]
        assert 0 < in_force <= outcome.horizon - outcome.first_disclosure[0] + 1e-6
        assert outcome.disclosed_record_hours[0] == pytest.approx(STOCK * in_force, rel=1e-12)
        assert outcome.disclosures[0] <= outcome.demands[0]


def test_a_directive_takes_its_period_from_the_regime() -> None:
    text = VAULT.format(horizon="1y", stock=STOCK, demand="rate: 3/y, instrument: directive")
    text = text.replace("events:", "regimes:\n  us-law: {directive_lasts: 30d}\nevents:")
    outcome = simulate(exposure_of(text), np.random.SeedSequence(3))
    assert outcome.in_force_hours[0] == pytest.approx(outcome.disclosed_record_hours[0] / STOCK)
    assert outcome.in_force_hours[0] <= outcome.demands[0] * 30 * 24 + 1e-6


def test_a_warrant_is_a_point_event_that_hands_over_the_records_present() -> None:
    outcome = simulate(vault("rate: 3/y"), np.random.SeedSequence(4))
    assert outcome.demands[0] > 0
    assert outcome.disclosed_record_hours[0] == 0 and outcome.in_force_hours[0] == 0
    assert outcome.disclosed_records[0] == STOCK * outcome.disclosures[0]


def test_an_always_readable_entity_is_readable_at_every_probe() -> None:
    outcome = simulate(vault("rate: 1/y"), np.random.SeedSequence(5))
    assert outcome.success_share[0] == 1.0


EVIDENCE = """
entities:
  us-parent:
    evidence:
      - id: none-in-ten-half-years
        publisher: US Parent
        report: test report
        period: {start: 2015-01-01, end: 2019-12-31}
        count: 0
        counted: disclosures
        url: https://example.org/report
        read_in: primary
"""


def test_drawing_the_rate_from_evidence_leaves_every_other_stream_alone() -> None:
    """Common random numbers: the rate's own stream is the only one a drawn rate uses."""
    fixed = vault("rate: 2/y")
    drawn_text = VAULT.format(
        horizon="2y",
        stock=STOCK,
        demand="from_evidence: {evidence: [none-in-ten-half-years], share: 100%, share_basis: test}",
    )
    drawn = exposure_of(drawn_text.replace("events:", EVIDENCE.strip() + "\nevents:"))
    seed = np.random.SeedSequence(9)
    a, b = simulate(fixed, seed), simulate(drawn, seed)
    assert a.demand_rates[0] == pytest.approx(2 / HOURS_PER_UNIT["year"])
    assert b.demand_rates[0] != a.demand_rates[0]
    assert np.array_equal(a.record_hours, b.record_hours)
