"""The EDPB's Recommendations 01/2020 (v2.0, 18 June 2021), Annex 2, as designs and verdicts.

https://edpb.europa.eu/system/files/2021-06/edpb_recommendations_202001vo.2.0_supplementarymeasurestransferstools_en.pdf
Use case 1 (backup, keys with the exporter) is an effective measure: protected. Use case 2
(pseudonymised, table with the exporter) is its own category: readable, pseudonymised. Use
cases 6 (a provider that needs the data in clear) and 7 (remote access for business purposes)
find no effective technical measure: readable, and for 7 a transfer.
"""

from __future__ import annotations

import numpy as np

from simulator.engine import simulate
from simulator.experiment.runner import run_experiment
from simulator.law.readability import Verdict, analyse
from simulator.model.load import parse_scenario
from tests.conftest import TEST_CATALOG

BASE = """
name: EDPB use case
sources: [https://example.org/edpb]
horizon: 30d
controller: {entity: hospital}
sites:
  paris: {country: FR}
  us-east: {country: US}
nodes:
  his: {kind: ingest, operator: hospital, site: paris}
  hsm: {kind: key_manager, operator: hospital, site: paris, grants: [{node: analytics, scope: lot}]}
  store: {kind: storage, operator: hospital, site: paris}
  backup: {kind: backup, operator: us-parent, site: us-east}
  analytics:
    kind: compute
    operator: us-parent
    site: us-east
    servers: 2
    service: {mean: 20m}
  desk:
    kind: support
    operator: us-parent
    access: data
    session: 2h
    shifts: [{hours: "00-24", site: us-east, entity: us-parent}]
data:
  records: {records: 10000, sensitivity: health, retention: 1y, stored_in: [store, backup]DATA}
flows:
  - {from: his, to: store, data: records, rate: 2/h, lot: 5}
  - {from: store, to: backup, data: records, rate: 1/h, lot: 5}
  - {from: store, to: analytics, data: records, rate: 2/h, lot: 10}
events:
  incidents: [{rate: 1/day, nodes: [analytics, STORE], support: desk}]
"""


def design(data: str = ", keys: hsm", store: str = "backup") -> str:
    return BASE.replace("DATA", data).replace("STORE", store)


def verdict(text: str, node: str, state: str) -> Verdict:
    exposure = analyse(parse_scenario(text, catalog=TEST_CATALOG))
    found = [v for v in exposure.verdicts.values() if (v.place.node, v.place.state) == (node, state)]
    assert len(found) == 1, found
    return found[0]


def test_edpb_use_case_1_backup_with_keys_under_the_exporters_control_is_protected() -> None:
    backup = verdict(design(), "backup", "rest")
    assert backup.category == "protected"
    assert "ciphertext only, keys held by Public Hospital (hsm), outside reach" in backup.explanation


def test_edpb_use_case_2_pseudonymised_data_with_the_table_at_home_is_its_own_category() -> None:
    text = design(", keys: hsm, pseudonymised: {table: hsm}")
    processing = verdict(text, "analytics", "processing")
    assert processing.category == "readable, pseudonymised"
    assert processing.explanation.endswith(
        "re-identification table at hsm outside reach: readable, pseudonymised"
    )
    result = run_experiment(
        parse_scenario(text, catalog=TEST_CATALOG), replications=2, seed=1, horizon=24 * 7
    )
    by_key = {h.key: h.value.mean for h in result.summary}
    assert by_key["foreign_record_hours.pseudonymised"] == by_key["foreign_record_hours"] > 0
    assert all(cell.pseudonymised for cell in result.exposure)


def test_edpb_use_case_2_fails_when_the_table_is_within_reach() -> None:
    text = design(", keys: hsm, pseudonymised: {table: backup}")
    assert verdict(text, "analytics", "processing").category == "readable"


def test_edpb_use_case_6_a_provider_that_needs_the_data_in_clear_reads_it() -> None:
    processing = verdict(design(), "analytics", "processing")
    assert processing.category == "readable"
    assert processing.explanation.endswith("records in processing, in clear in memory")


def test_edpb_use_case_7_remote_access_for_business_purposes_is_readable_and_a_transfer() -> None:
    text = design(data="", store="store")  # provider-side tooling reads the store in clear
    session = verdict(text, "store", "support")
    assert session.category == "readable"
    exposure = analyse(parse_scenario(text, catalog=TEST_CATALOG))
    outcome = simulate(exposure, np.random.SeedSequence(7), horizon=24 * 14)
    us = [p.index for p in exposure.places if p.site == "us-east" and p.node == "store"]
    fr = outcome.countries.index("FR")
    assert outcome.transfers_events[fr, us].sum() == outcome.sessions[us].sum() > 0
    assert outcome.transfers_records[:, fr, us].sum() > 0
