"""User stories: where the simulated records become readable, and by whom."""

from __future__ import annotations

import numpy as np

from simulator.engine import simulate
from tests.engine.helpers import DATA, exposure_of, replicate, transfers_between


def exposure_by_state(exposure, outcome, regime: str = "us-law") -> dict[str, float]:
    """Readable record-hours of ``regime`` grouped by data state."""
    readable = exposure.readable_mask()[exposure.regimes.index(regime)]
    exposed = (outcome.record_hours * readable).sum(axis=0)
    totals: dict[str, float] = {}
    for place in exposure.places:
        totals[place.state] = totals.get(place.state, 0.0) + float(exposed[place.index])
    return totals


def test_desc_guarantee_covers_rest_but_not_processing_nor_support() -> None:
    exposure = exposure_of((DATA / "desc.yaml").read_text())
    outcome = simulate(exposure, np.random.SeedSequence(11))
    by_state = exposure_by_state(exposure, outcome)
    held_at_rest = sum(outcome.record_hours[0, p.index] for p in exposure.places if p.state == "rest")
    assert held_at_rest > 0, "the store does hold evidence at rest"
    assert by_state["rest"] == 0, "keys held by the Scottish Police Authority keep rest out of reach"
    assert by_state["processing"] > 0, "the Irish subsidiary of the US parent processes evidence in clear"
    assert by_state["support"] > 0, "the US parent's support sessions read evidence being processed"
    # Demands on the US parent succeed whenever evidence is in processing or under support.
    assert 0 < outcome.disclosures[0] <= outcome.demands[0]


def test_follow_the_sun_shares_support_hours_between_three_shifts() -> None:
    text = """
name: Follow-the-sun desk
sources: [https://example.org/fts]
horizon: 30d
entities:
  in-sub: {name: Provider India Pvt Ltd, country: IN, owners: [{entity: us-parent, share: 100%}], operates_in: [IN]}
sites: {paris: {country: FR}, us-east: {country: US}, bangalore: {country: IN}}
nodes:
  ehr-store: {kind: storage, operator: eu-sub, site: paris}
  desk:
    kind: support
    operator: us-parent
    access: data
    session: 1h
    shifts:
      - {hours: "00-08", site: bangalore, entity: in-sub}
      - {hours: "08-16", site: paris, entity: eu-sub}
      - {hours: "16-24", site: us-east, entity: us-parent}
data:
  ehr: {records: 1000, sensitivity: health, retention: 1y, stored_in: [ehr-store]}
events:
  incidents: [{rate: 1/h, nodes: [ehr-store], support: desk}]
"""
    exposure = exposure_of(text)
    shifts = {p.role: p.index for p in exposure.places if p.state == "support"}
    for outcome in replicate(exposure, n=2):
        hours = {role: outcome.support_hours[index] for role, index in shifts.items()}
        total = sum(hours.values())
        assert total > 600  # about 720 one-hour sessions
        for role, share in hours.items():
            assert abs(share / total - 1 / 3) < 0.05, f"{role} served {share / total:.1%} of session-hours"
        assert outcome.sessions.sum() == sum(outcome.sessions[i] for i in shifts.values())
        # Sessions served from India and the US are remote accesses from third countries.
        assert transfers_between(exposure, outcome, "FR", "IN") == outcome.sessions[shifts["shift 00-08"]]
        assert transfers_between(exposure, outcome, "FR", "US") == outcome.sessions[shifts["shift 16-24"]]
        assert transfers_between(exposure, outcome, "FR", "FR") == 0


def test_remote_support_transfers_only_what_its_access_level_shows() -> None:
    """A US desk with data access transfers health records; with metadata access it does not."""
    from tests.conftest import MINI
    from tests.engine.helpers import exposure_of, replicate

    text = MINI.read_text().replace("rate: 1/week", "rate: 3/day")
    with_data = replicate(exposure_of(text), 2, horizon=24 * 20)
    metadata_only = replicate(
        exposure_of(text.replace("access: data", "access: metadata")), 2, horizon=24 * 20
    )
    for full, thin in zip(with_data, metadata_only, strict=True):
        assert full.sessions.sum() == thin.sessions.sum() > 0  # same tickets (common random numbers)
        assert full.transfers_records.sum() > 0
        assert thin.transfers_records.sum() == 0
