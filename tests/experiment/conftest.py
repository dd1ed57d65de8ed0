"""Fixtures for experiment tests (helpers live in experiment_fixtures.py)."""

from __future__ import annotations

import pytest
from experiment_fixtures import fake_result, mini

from simulator.experiment.result import DesignResult


@pytest.fixture(scope="session")
def mini_scenario():
    return mini()


@pytest.fixture(scope="session")
def design_result(mini_scenario) -> DesignResult:
    return fake_result(mini_scenario)
