"""Check implementations: one per file, listed in :data:`CHECKS`.

A rule file names its check by ``check:``; the check reads a :class:`~simulator.compliance.context.Context`
and the rule (for its parameters) and returns :class:`~simulator.compliance.models.Hit` s, which
:func:`simulator.compliance.evaluate` turns into findings. Each module defines ``NAME``, a
pydantic ``Params`` model (unknown parameters are refused when the rule file is loaded) and
``run(ctx, rule, params)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from pydantic import BaseModel

from simulator.compliance.checks import (
    cloud_au_centre,
    data_in_union,
    eu_registered_office,
    gdpr_adequacy,
    gdpr_transfers,
    hds_certification,
    hds_extra_eu_law,
    hds_remote_access,
    hds_storage_location,
    non_eu_capital,
    non_eu_readable,
    seal_estimate,
    sov1_ownership,
    sov2_jurisdiction,
    sov3_data,
    sov4_operations,
    sren_protected_provider,
    staff_in_union,
)
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


CHECKS: dict[str, Check] = {
    check.name: check
    for check in map(
        _entry,
        (
            cloud_au_centre,
            data_in_union,
            eu_registered_office,
            gdpr_adequacy,
            gdpr_transfers,
            hds_certification,
            hds_extra_eu_law,
            hds_remote_access,
            hds_storage_location,
            non_eu_capital,
            non_eu_readable,
            seal_estimate,
            sov1_ownership,
            sov2_jurisdiction,
            sov3_data,
            sov4_operations,
            sren_protected_provider,
            staff_in_union,
        ),
    )
}
"""Check name → implementation."""

__all__ = ["CHECKS", "Check"]
