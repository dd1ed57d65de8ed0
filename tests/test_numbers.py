"""User story: whatever the magnitude, a DPO reads a figure as written, never as an exponent."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from simulator.numbers import number, short


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e20, max_value=1e20))
def test_no_magnitude_is_written_as_an_exponent(value):
    for text in (number(value), short(value)):
        assert "e" not in text.lower(), text


@given(st.floats(min_value=1e6, max_value=1e17))
def test_large_figures_keep_three_significant_digits_and_a_unit(value):
    mantissa, unit = number(value).split()
    assert unit in {"M", "G", "T", "P"}
    scale = {"M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15}[unit]
    assert math.isclose(float(mantissa.replace(",", "")) * scale, value, rel_tol=5e-3)


def test_counts_read_as_people_write_them():
    assert [number(v) for v in (6.61e6, 123456.7, 12.345, 6.0, 0.01234, 5.7e-6, 0)] == [
        "6.61 M",
        "123,457",
        "12.3",
        "6",
        "0.0123",
        "0.0000057",
        "0",
    ]
