"""How every layer writes a number for people to read: one format for reports, findings and evidence.

Counts below a million keep thousands separators (``123,457``); larger ones get three
significant digits and a unit word (``6.61 M``, ``1.09 T``), never an exponent. It sits
below every package, so a compliance finding's evidence reads like the report around it.
"""

from __future__ import annotations

import math

SCALES = ((1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def scale(magnitude: float, smallest: float = 1e6) -> tuple[float, str]:
    """The unit a magnitude is shown in: (1e6, 'M') for 6.6 million; (1, '') below ``smallest``."""
    return next(
        ((limit, suffix) for limit, suffix in SCALES if limit >= smallest and magnitude >= limit), (1, "")
    )


def short(value: float) -> str:
    """Three significant digits and a unit from a thousand up: '950', '12.3 k', '6.61 M', '1.09 T'."""
    limit, suffix = scale(abs(value), 1e3)
    if not suffix:
        return number(value)
    scaled = value / limit
    text = f"{scaled:,.0f}" if abs(scaled) >= 1000 else f"{scaled:.3g}"
    return f"{text} {suffix}"


def number(value: float | None) -> str:
    """6610000 → '6.61 M'; 123456.7 → '123,457'; 12.345 → '12.3'; 6.0 → '6'; 0.01234 → '0.0123'."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    magnitude = abs(value)
    if magnitude == 0:
        return "0"
    if magnitude >= 1e6:
        return short(value)
    if magnitude >= 1000 or float(value).is_integer():
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    if magnitude >= 1e-3:
        return f"{value:.3g}"
    return f"{value:.{2 - math.floor(math.log10(magnitude))}f}".rstrip("0")  # 0.0000057, never 5.7e-06
