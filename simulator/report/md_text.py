"""Markdown text pieces every Markdown file shares: escaped text, inline code, pipe tables."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.text import visible

_MD_ESCAPES = {
    "|": "\\|",
    "<": "&lt;",
    ">": "&gt;",
    "*": "\\*",
    "_": "\\_",
    "`": "\\`",
    "[": "\\[",
    "]": "\\]",
    "#": "\\#",
    "\\": "\\\\",
}


def md(text: object) -> str:
    """Markdown-escape text for a table cell or a sentence; newlines become spaces."""
    return "".join(_MD_ESCAPES.get(char, char) for char in " ".join(visible(str(text)).split()))


def code(text: object) -> str:
    """Inline code (backticks inside are dropped, ``|`` escaped for tables)."""
    return "`" + visible(str(text)).replace("`", "'").replace("|", "\\|") + "`"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> list[str]:
    align = ["---:" if i in numeric else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]
