"""Every custody and support mode a scenario can name has a meaning and public sources for the report."""

from __future__ import annotations

from typing import get_args

from simulator.model.access import CUSTODY, SUPPORT_MODES, Custody, SupportMode


def test_every_custody_mode_says_what_it_means_and_where_that_is_documented() -> None:
    assert set(CUSTODY) == set(get_args(Custody))
    for meaning in CUSTODY.values():
        assert meaning.summary and meaning.sources
        assert all(source.startswith("https://") for source in meaning.sources)


def test_every_support_mode_says_what_it_means_and_where_that_is_documented() -> None:
    assert set(SUPPORT_MODES) == set(get_args(SupportMode))
    assert all(meaning.sources for meaning in SUPPORT_MODES.values())
