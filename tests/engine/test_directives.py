"""Stories of directives that last: a FISA 702 directive discloses everything readable while in force."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.engine import simulate
from simulator.law.readability import ExposureMap
from simulator.model.units import HOURS_PER_UNIT
from tests.engine.helpers import exposure_of, vault_text

STOCK = 20_000
MONTH = HOURS_PER_UNIT["month"]


def vault(demand: str, horizon: str = "2y", extra: str = "") -> ExposureMap:
    return exposure_of(vault_text(demand, horizon, extra))


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
    exposure = vault("rate: 3/y, instrument: directive", "1y", "regimes:\n  us-law: {directive_lasts: 30d}\n")
    outcome = simulate(exposure, np.random.SeedSequence(3))
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


def test_drawing_the_rate_from_evidence_leaves_every_other_stream_alone() -> None:
    """Common random numbers: the rate's own stream is the only one a drawn rate uses."""
    fixed = vault("rate: 2/y")
    drawn = vault("from_evidence: {evidence: [none-in-ten-half-years], share: 100%, share_basis: test}")
    seed = np.random.SeedSequence(9)
    a, b = simulate(fixed, seed), simulate(drawn, seed)
    assert a.demand_rates[0] == pytest.approx(2 / HOURS_PER_UNIT["year"])
    assert b.demand_rates[0] != a.demand_rates[0]
    assert np.array_equal(a.record_hours, b.record_hours)
