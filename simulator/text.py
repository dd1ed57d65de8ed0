"""Text from an input file shown where it cannot act: control and bidirectional characters escaped.

A scenario's ``name`` or a rule's ``basis`` reaches the terminal, the reports and the CSV tables.
An ESC sequence in it can clear a screen or retitle a window; U+202E can make a report read
backwards ("Trojan Source"); a cell starting with ``=`` is a formula to a spreadsheet. Every edge
that shows such text passes it through one of these functions, so the reader sees the characters
(``\\x1b``, ``\\u202e``) instead of their effect.
"""

from __future__ import annotations

import re

_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, bidirectional embeddings, overrides and isolates."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""


def _python_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control or bidirectional character written as its escape (``\\x1b``)."""
    return _HIDDEN.sub(_python_escape, text)


def visible_json(text: str) -> str:
    """JSON text with those characters as JSON escapes (``\\u001b``): the same JSON, inert on a terminal."""
    return _HIDDEN.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def visible_value(value: object) -> object:
    """A template value made visible, unless it is already markup (``__html__``) built from visible text."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return visible(value)
    return value


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet reads as text: a string starting like a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
