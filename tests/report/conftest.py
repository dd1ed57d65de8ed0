"""Results for the report tests, made by actually running the simulator on the mini scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import app as application
from simulator.app import CompareOutcome, ExperimentSettings, RunOutcome
from simulator.compliance import evaluate
from simulator.experiment.result import Comparison, DesignResult
from simulator.experiment.runner import compare_designs, run_experiment
from simulator.law.readability import analyse
from simulator.model.load import parse_scenario
from simulator.model.scenario import Scenario

DATA = Path(__file__).parents[1] / "data"
CATALOG = DATA / "catalog"
MINI = DATA / "mini.yaml"
EVIL_NAME = "Mini <script>alert('pwned')</script> & co"
REPLICATIONS = 3
HORIZON_HOURS = 14 * 24.0
BINS = 14


def mini(name: str | None = None, edit=None) -> Scenario:
    text = MINI.read_text(encoding="utf-8")
    if name is not None:
        text = text.replace("name: Mini design", f"name: {name!r}" if "'" not in name else f'name: "{name}"')
    if edit is not None:
        text = edit(text)
    return parse_scenario(text, name=str(MINI), catalog=CATALOG)


def _eu_support(text: str) -> str:
    """The same design with the afternoon support shift served by the hospital in Paris."""
    replaced = text.replace(
        '{hours: "12-24", site: us-east, entity: us-parent}',
        '{hours: "12-24", site: paris, entity: hospital}',
    )
    assert replaced != text
    return replaced


def _provider_keys(text: str) -> str:
    """The same design with provider-managed keys, so that US support sessions read the store in clear."""
    replaced = text.replace("keys: hsm, ", "")
    assert replaced != text
    return replaced


@pytest.fixture(scope="session")
def evil_scenario() -> Scenario:
    scenario = mini(EVIL_NAME)
    assert scenario.name == EVIL_NAME
    return scenario


@pytest.fixture(scope="session")
def design_result(evil_scenario: Scenario) -> DesignResult:
    """One design, named with a <script> tag, run for two weeks."""
    return run_experiment(evil_scenario, replications=REPLICATIONS, seed=7, horizon=HORIZON_HOURS, bins=BINS)


@pytest.fixture(scope="session")
def findings(evil_scenario: Scenario, design_result: DesignResult) -> list:
    return evaluate(evil_scenario, analyse(evil_scenario), result=design_result)


@pytest.fixture(scope="session")
def comparison() -> Comparison:
    """The mini design (provider-managed keys) against the same design with EU-only afternoon support."""
    return compare_designs(
        [
            mini(None, _provider_keys),
            mini("Mini design, EU support", lambda text: _eu_support(_provider_keys(text))),
        ],
        replications=REPLICATIONS,
        seed=7,
        horizon=HORIZON_HOURS,
        bins=BINS,
    )


SCENARIOS = Path(__file__).parents[2] / "scenarios"
SIX_DESIGNS = (
    "hdh-azure",
    "bleu",
    "s3ns",
    "secnumcloud-host",
    "on-premises-hospital",
    "hdh-migration-24m",
)
SHORT = ExperimentSettings(replications=3, seed=1, horizon=60 * 24.0)
"""Few replications over 60 days: the reports' size and layout, not their precision, are tested."""


@pytest.fixture(scope="session")
def desc_run(tmp_path_factory: pytest.TempPathFactory) -> RunOutcome:
    """The bundled Police Scotland DESC design run briefly, saved with its findings."""
    [scenario] = application.load([SCENARIOS / "desc-azure-axon.yaml"], None)
    return application.run(scenario, SHORT, tmp_path_factory.mktemp("desc"))


@pytest.fixture(scope="session")
def six_designs(tmp_path_factory: pytest.TempPathFactory) -> CompareOutcome:
    """The README's comparison of the six Health Data Hub designs, run briefly."""
    scenarios = application.load([SCENARIOS / f"{name}.yaml" for name in SIX_DESIGNS], None)
    return application.compare(scenarios, SHORT, tmp_path_factory.mktemp("six"))
