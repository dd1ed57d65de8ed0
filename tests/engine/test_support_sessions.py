"""Support sessions transfer what they read in clear, in the mode the desk works in."""

from __future__ import annotations

import numpy as np

from simulator.engine import simulate
from simulator.experiment.runner import run_experiment
from simulator.model.load import parse_scenario
from tests.engine.helpers import DATA, TEST_CATALOG, exposure_of, transfers_between

DESC = (DATA / "desc.yaml").read_text()
STORE_ONLY = DESC.replace("nodes: [analytics, evidence-store]", "nodes: [evidence-store]")
PROVIDER_KEYS = STORE_ONLY.replace("    keys: spa-keys\n", "")


def run(text: str, seed: int = 11):
    exposure = exposure_of(text)
    return exposure, simulate(exposure, np.random.SeedSequence(seed))


def test_a_ciphertext_only_support_session_transfers_no_content_records() -> None:
    exposure, outcome = run(STORE_ONLY)
    assert outcome.sessions.sum() > 0
    assert transfers_between(exposure, outcome, "IE", "US") == 0
    assert transfers_between(exposure, outcome, "IE", "US", "records") == 0


def test_the_same_session_with_provider_keys_transfers_the_stock_it_reads() -> None:
    exposure, outcome = run(PROVIDER_KEYS)
    assert transfers_between(exposure, outcome, "IE", "US") == outcome.sessions.sum() > 0
    assert transfers_between(exposure, outcome, "IE", "US", "records") >= 200_000 * outcome.sessions.sum()


def test_distinct_records_transferred_are_counted_apart_from_record_visits() -> None:
    """Sixty daily sessions each read the whole store: visits add up, distinct records do not."""
    result = run_experiment(parse_scenario(PROVIDER_KEYS, catalog=TEST_CATALOG), replications=2, seed=5)
    by_key = {h.key: h.value.mean for h in result.summary}
    assert by_key["record_visits_abroad"] > 10 * by_key["records_transferred_abroad"]
    population = 200_000 + 1.1 * 10 * 100 * 24 * 60  # the stock plus 60 days of uploads, with margin
    assert 200_000 <= by_key["records_transferred_abroad"] <= population
    (row,) = result.transfers
    assert (row.source, row.to, row.importer, row.tool) == ("IE", "US", "us-parent", "none")


def test_a_lockbox_opens_only_the_sessions_the_controller_approves() -> None:
    lockbox = "    access: data\n    mode: lockbox\n    lockbox: {approval: APPROVAL, delay: 4h}\n"
    standing = run(PROVIDER_KEYS)[1].sessions.sum()
    refused = run(PROVIDER_KEYS.replace("    access: data\n", lockbox.replace("APPROVAL", "0")))[1]
    assert refused.sessions.sum() == 0
    half = run(PROVIDER_KEYS.replace("    access: data\n", lockbox.replace("APPROVAL", "50%")))[1]
    assert 0.3 * standing < half.sessions.sum() < 0.7 * standing


def test_a_crash_dump_carries_what_is_in_memory_not_the_stock() -> None:
    dumps = DESC.replace("    keys: spa-keys\n", "").replace(
        "    access: data\n", "    access: data\n    mode: crash_dump\n"
    )
    exposure, outcome = run(dumps)
    store = [p.index for p in exposure.places if p.state == "support" and p.node == "evidence-store"]
    analytics = [p.index for p in exposure.places if p.state == "support" and p.node == "analytics"]
    assert outcome.sessions[store].sum() > 0 and outcome.sessions[analytics].sum() > 0
    ie = outcome.countries.index("IE")
    assert outcome.transfers_records[:, ie, store].sum() == 0
    assert outcome.transfers_records[:, ie, analytics].sum() > 0
