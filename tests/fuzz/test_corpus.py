"""Every hostile input found so far keeps its answer: one reproducer per class of issue 16.

Each file in ``corpus/<class>/`` starts with ``# expect: refused: <text of the message>``,
``# expect: accepted`` (it loads and runs 48 hours), ``# expect: warned`` (it loads, and the
work estimate warns before a single replication runs) or ``# expect: over budget`` (it loads,
and the budget refuses to run even one replication unless forced). A refusal must name the corpus file
itself, never the catalogue, and must come within the harness's time limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import InputError
from simulator.model.load import load_scenario
from simulator.model.workload import check_budget, estimate_work
from tests.fuzz.harness import SECONDS_PER_INPUT, assert_clean_refusal, run_briefly, time_limit

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.glob("*/*.yaml"))
CLASSES = ["injection", "messages", "non-finite-numbers", "sizes", "structure"]


def expectation(path: Path) -> tuple[str, str]:
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# expect: "), path
    kind, _, text = header.removeprefix("# expect: ").partition(": ")
    return kind, text


def test_every_class_has_reproducers() -> None:
    assert sorted({path.parent.name for path in FILES}) == CLASSES


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_hostile_input_keeps_its_answer(path: Path) -> None:
    kind, text = expectation(path)
    with time_limit(SECONDS_PER_INPUT):
        if kind == "refused":
            with pytest.raises(InputError) as caught:
                load_scenario(path)
            assert_clean_refusal(caught.value)
            assert all(problem.file == path for problem in caught.value.problems)
            assert text in str(caught.value)
            return
        scenario = load_scenario(path)
        if kind == "accepted":
            assert run_briefly(scenario) == "accepted and simulated"
        elif kind == "warned":
            assert check_budget(estimate_work(scenario), path) is not None
        else:
            assert kind == "over budget"
            with pytest.raises(InputError, match="past the limit"):
                check_budget(estimate_work(scenario), path)
