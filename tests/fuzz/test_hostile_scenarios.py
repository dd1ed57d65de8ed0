"""Whatever a user (or an attacker) writes, sovsim answers with a scenario or with problems.

Never a traceback, a hang or runaway memory; and what validates, runs.
"""

from __future__ import annotations

from hypothesis import given

from tests.fuzz.conftest import FUZZ
from tests.fuzz.harness import check_input
from tests.fuzz.mutations import edge_scenarios, mutated_scenarios, schema_spliced_scenarios


@FUZZ
@given(mutated_scenarios())
def test_mutated_bundled_scenarios_are_refused_cleanly_or_run(text: str) -> None:
    check_input(text)


@FUZZ
@given(schema_spliced_scenarios())
def test_entries_generated_from_the_schema_are_refused_cleanly_or_run(text: str) -> None:
    check_input(text)


@FUZZ
@given(edge_scenarios())
def test_quantities_at_the_edges_of_their_ranges_load_and_run_or_are_refused(text: str) -> None:
    check_input(text)
