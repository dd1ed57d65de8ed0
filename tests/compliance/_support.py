"""Helpers for compliance tests: load a test scenario and evaluate the bundled rules."""

from __future__ import annotations

from pathlib import Path

from simulator.compliance import Finding, evaluate
from simulator.law.readability import analyse
from simulator.model.load import parse_scenario

HERE = Path(__file__).parent
DATA = HERE / "data"
TEST_CATALOG = HERE.parent / "data" / "catalog"


def scenario_of(name_or_text: str):
    path = DATA / f"{name_or_text}.yaml"
    text = path.read_text(encoding="utf-8") if "\n" not in name_or_text and path.exists() else name_or_text
    return parse_scenario(text, catalog=TEST_CATALOG)


def findings(name_or_text: str, **kwargs) -> list[Finding]:
    scenario = scenario_of(name_or_text)
    return evaluate(scenario, analyse(scenario), **kwargs)


def of_rule(found: list[Finding], rule: str) -> list[Finding]:
    return [f for f in found if f.rule == rule]


def sovereign_with_us_capital(share: float) -> str:
    """The sovereign test design, its qualified host holding ``share`` of US capital."""
    owners = f"owners: [{{entity: us-parent, share: {share}}}],"
    host = "snc-host: {name: Qualified Host SAS, country: FR,"
    return (DATA / "sovereign.yaml").read_text().replace(host, f"{host} {owners}")
