"""Files a run saved (result.json, findings.json, review.json), read back as untrusted input.

They may have been edited by hand since, or be something else under that name: each is read as a
regular file of bounded size, parsed as JSON with every number finite (Python's parser takes
``NaN`` and turns ``1e999`` into infinity), and validated against its model, every problem naming
the field at fault (``findings.json: findings.3.severity: ...``), never a traceback.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from simulator.errors import InputError, Problem
from simulator.model.yaml_source import read_text

MAX_SAVED_BYTES = 256 * 1024 * 1024
"""A result of 10,000 replications is some 100 MB; more is not a file sovsim wrote."""

T = TypeVar("T")


class _NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _refuse(text: str) -> float:
    raise _NotFinite(text)


def read_json(path: Path) -> Any:
    """The JSON data of the file at ``path``, every number finite."""
    text = read_text(path, MAX_SAVED_BYTES)
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_refuse)
    except _NotFinite as exc:
        raise InputError.single(
            path, f"the number {exc} is not finite; sovsim saves finite numbers only"
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError.single(path, f"not JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None


def validated(path: Path, adapter: TypeAdapter[T], data: Any, field: tuple[str, ...] = ()) -> T:
    """``data`` as the model ``adapter`` reads it; every error names its field under ``field``."""
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        problems = [
            Problem(path, error["msg"], loc=(*field, *_plain_loc(error["loc"]))) for error in exc.errors()
        ]
        raise InputError(problems) from None


def _plain_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The path into the file, less pydantic's own steps (a validator's name: ``function-after[...]``)."""
    return tuple(part for part in loc if not (isinstance(part, str) and "[" in part))
