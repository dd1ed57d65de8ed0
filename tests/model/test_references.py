"""Whole-scenario checks stay quick and blame the right file, however tangled the input.

Sixteen entities that each own 5 % of all the others once ran out of memory listing every
ownership cycle; an owner-share total set in the scenario was blamed on the catalogue; lists of
known ids were cut in the middle of a word.
"""

from __future__ import annotations

import time

from tests.conftest import MINI, line_of, mini_with, problems_of


def test_sixteen_entities_owning_each_other_give_one_cycle_quickly(write_yaml) -> None:
    names = [f"holding-{index:02d}" for index in range(16)]
    lines = ["entities:"]
    for name in names:
        owners = ", ".join(f"{{entity: {other}, share: 5%}}" for other in names if other != name)
        lines.append(f"  {name}: {{name: {name}, country: FR, owners: [{owners}]}}")
    path = write_yaml(MINI.read_text() + "\n".join(lines) + "\n")
    started = time.monotonic()
    (problem,) = problems_of(path)
    assert time.monotonic() - started < 10
    assert problem.message.startswith("ownership cycle: holding-00 → ")
    assert problem.field == "entities.holding-00.owners"


def test_owner_shares_set_in_the_scenario_are_blamed_on_the_scenario(write_yaml) -> None:
    owners = "[{entity: us-parent, share: 60%}, {entity: eu-owner, share: 60%}]"
    text = MINI.read_text() + f"entities:\n  eu-minority:\n    owners: {owners}\n"
    path = write_yaml(text)
    (problem,) = problems_of(path)
    assert problem.file == path
    assert problem.field == "entities.eu-minority.owners"
    assert "120%" in problem.message
    assert problem.line == line_of(path, "owners:")


def test_lists_of_known_ids_are_cut_after_whole_ids(write_yaml) -> None:
    sites = "".join(f"  site-number-{index:03d}: {{country: FR}}\n" for index in range(40))
    path = write_yaml(mini_with("sites:\n", "sites:\n" + sites).replace("site: dublin}", "site: nowhere}"))
    (problem,) = problems_of(path)
    known = problem.message.split("(known: ")[1][: -len(")")]
    shown = known.split(", … (")[0].split(", ")
    assert all(site in {"dublin", "paris", "us-east"} or site.startswith("site-number-") for site in shown)
    assert all(len(site) in (5, 6, 7, 15) for site in shown)
    assert known.endswith(f"… ({43 - len(shown)} more)")
