"""Check implementations: one per file, listed in :data:`CHECKS`.

A rule file names its check by ``check:``; the check reads a :class:`~simulator.compliance.context.Context`
and the rule (for its parameters) and returns :class:`~simulator.compliance.models.Hit` s, which
:func:`simulator.compliance.evaluate` turns into findings. Each module defines ``NAME``, a
pydantic ``Params`` model (unknown parameters are refused when the rule file is loaded) and
``run(ctx, rule, params)``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from pydantic import BaseModel

from simulator.compliance.context import Context
from simulator.compliance.models import Hit, Rule


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Context, Rule, BaseModel], list[Hit]]
    params: type[BaseModel]
    doc: str


def _entry(module: ModuleType) -> Check:
    return Check(module.NAME, module.run, module.Params, (module.__doc__ or "").strip())


def _discover() -> dict[str, Check]:
    """Every public module of this package is one check: adding a file adds a check."""
    found = {}
    for module_info in pkgutil.iter_modules(__path__):
        if not module_info.name.startswith("_"):
            check = _entry(importlib.import_module(f"{__name__}.{module_info.name}"))
            found[check.name] = check
    return dict(sorted(found.items()))


CHECKS: dict[str, Check] = _discover()
"""Check name → implementation."""

__all__ = ["CHECKS", "Check"]
