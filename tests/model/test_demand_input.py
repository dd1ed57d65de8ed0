"""A DPO who writes a demand gets told at once what its rate rests on, and what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import InputError
from simulator.model.load import load_scenario
from tests.conftest import TEST_CATALOG
from tests.engine.helpers import vault_text


def problems(write_yaml, demand: str, **replace: str) -> list[str]:
    """The problems of the vault design with this demand, its text edited by ``{old: new}``."""
    text = vault_text(demand)
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path: Path = write_yaml(text)
    with pytest.raises(InputError) as caught:
        load_scenario(path, catalog=TEST_CATALOG)
    return [f"{problem.field}: {problem.message}" for problem in caught.value.problems]


def test_a_rate_is_given_one_way_only(write_yaml) -> None:
    chain = "chain: {cases: 1/y, to_provider: 50%, cannot_resist: 50%, basis: b}"
    (problem,) = problems(write_yaml, f"rate: 1/y, {chain}")
    assert "give the rate one way only, not rate and chain" in problem


def test_a_warrant_has_no_period(write_yaml) -> None:
    (problem,) = problems(write_yaml, "rate: 1/y, lasts: 6mo")
    assert "a warrant is a point event" in problem


def test_a_directive_needs_a_period_from_itself_or_its_regime(write_yaml) -> None:
    (problem,) = problems(write_yaml, "rate: 1/y, instrument: directive")
    assert problem.startswith("events.legal_demands.0.lasts:")
    assert "sets no directive period" in problem


def test_a_rate_from_evidence_names_known_exact_counts(write_yaml) -> None:
    given = "from_evidence: {evidence: [none-in-ten-half-years, missing], share: 1%, share_basis: b}"
    found = problems(write_yaml, given, **{"count: 0": "count: {min: 0, max: 499}"})
    assert any("band, not a count" in problem for problem in found)
    assert any("unknown evidence 'missing'" in problem for problem in found)


def test_a_rate_from_evidence_needs_the_basis_of_its_share(write_yaml) -> None:
    (problem,) = problems(write_yaml, "from_evidence: {evidence: [none-in-ten-half-years], share: 1%}")
    assert "share_basis" in problem


def test_an_open_reporting_period_needs_an_assumed_end(write_yaml) -> None:
    found = problems(write_yaml, "rate: 1/y", **{"end: 2019-12-31": "end: null"})
    assert any("open period (end: null) needs assumed_end" in problem for problem in found)
