"""Shared fixtures: the small test catalogue and a helper to write scenario files."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import InputError, Problem
from simulator.model.load import load_scenario

DATA = Path(__file__).parent / "data"
TEST_CATALOG = DATA / "catalog"
MINI = DATA / "mini.yaml"


@pytest.fixture
def write_yaml(tmp_path: Path):
    """Write YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def mini_with(old: str, new: str) -> str:
    """The small test scenario with one piece of text replaced (which must be there)."""
    text = MINI.read_text()
    assert old in text, old
    return text.replace(old, new, 1)


def problems_of(path: Path) -> list[Problem]:
    """The problems that loading ``path`` (with the test catalogue) reports; it must fail."""
    with pytest.raises(InputError) as caught:
        load_scenario(path, catalog=TEST_CATALOG)
    return caught.value.problems


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of ``path`` containing ``needle``."""
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)
