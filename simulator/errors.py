"""User-facing errors and the exit codes the CLI maps them to.

A mistake in the user's input is an :class:`InputError`: a list of :class:`Problem` s, each
naming the file, line, column and field path, so that every mistake is reported at once and
none is a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Self

EXIT_OK = 0
"""Success; for ``check``, no finding at or above ``--fail-on``."""
EXIT_FINDINGS = 1
"""``check`` found at least one finding at or above ``--fail-on``."""
EXIT_INPUT = 2
"""Invalid input: unreadable or invalid scenario, catalogue or option."""
EXIT_INTERRUPTED = 130
"""Interrupted by the user (Ctrl-C); nothing half-written is left behind."""


@dataclass(frozen=True)
class Problem:
    """One mistake in one input file."""

    file: Path
    message: str
    line: int | None = None
    column: int | None = None
    loc: tuple[str | int, ...] = ()

    @property
    def field(self) -> str:
        """Dotted field path, e.g. ``nodes.analytics.servers``."""
        return ".".join(str(part) for part in self.loc)

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.loc else ""
        return f"{where}:{field} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class InputError(Exception):
    """Bad user input; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

    @classmethod
    def single(
        cls,
        file: Path,
        message: str,
        line: int | None = None,
        column: int | None = None,
        loc: tuple[str | int, ...] = (),
    ) -> Self:
        return cls([Problem(file=Path(file), message=message, line=line, column=column, loc=loc)])
