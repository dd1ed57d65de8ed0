"""A monitoring store is a store: what a probe sends it is held there, under every storage rule."""

from __future__ import annotations

from simulator.compliance import evaluate
from simulator.law.readability import analyse
from simulator.model.load import parse_scenario

# A French health platform on Microsoft Ireland in Paris whose monitoring probe sends request
# payloads (health content) to an Application Insights resource created in a US region.
PROBE = """
name: Health platform with a US monitoring store
sources: [https://learn.microsoft.com/en-us/azure/azure-monitor/app/data-retention-privacy]
horizon: 365d
controller: {entity: health-data-hub}
sites:
  hdh-paris: {country: FR}
  francecentral: {country: FR}
  us-east: {country: US}
nodes:
  gateway: {kind: ingest, operator: health-data-hub, site: hdh-paris}
  store: {kind: storage, operator: microsoft-ireland, site: francecentral}
  monitor: {kind: telemetry, operator: microsoft-corp, site: us-east, retention: 90d}
data:
  records: {records: 100000, sensitivity: health, retention: 3y, stored_in: [store]}
flows:
  - {from: gateway, to: store, data: records, rate: 1/h, lot: 100}
  - {from: store, to: monitor, data: records, rate: 1/h, lot: 10}
"""


def test_a_us_telemetry_store_holding_health_content_is_read_at_rest_by_the_us_regimes() -> None:
    exposure = analyse(parse_scenario(PROBE))
    at_monitor = {
        v.regime: v for v in exposure.exposures() if v.place.node == "monitor" and v.place.state == "rest"
    }
    assert {"us-cloud-act", "us-fisa-702"} <= set(at_monitor)
    assert "kept with the keys of telemetry store monitor" in at_monitor["us-fisa-702"].explanation


def test_a_us_telemetry_store_holding_health_content_fails_the_hds_storage_rule() -> None:
    scenario = parse_scenario(PROBE)
    found = [f for f in evaluate(scenario, analyse(scenario)) if f.rule == "hds-2024-storage-eea"]
    assert [f.node for f in found] == ["monitor"]
    assert any("monitor stores records (health) at" in line for f in found for line in f.evidence)
