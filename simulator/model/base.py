"""Shared pydantic configuration and the assumption label."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
"""Identifiers are lower-case slugs so that they read well in paths and finding ids."""
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class Strict(BaseModel):
    """Every model forbids unknown fields (a typo is an error, not a silently ignored key) and
    every non-finite number (``.inf``, ``.nan``, ``1e400``), which no quantity can take."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)


class Assumable(Strict):
    """Something whose numbers may be assumptions rather than sourced facts.

    ``assumption: true`` puts the item, with its ``basis``, in every report's list of
    assumptions; a number without it is taken as sourced (see ``sources``).
    """

    assumption: bool = False
    basis: str | None = None
    sources: list[Url] = []
