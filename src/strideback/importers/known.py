"""Loose files imported before (by checksum) are not read again: the caller says which, and how many
records each gave, so a re-run of an interrupted import spends its time on the files it has not seen."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from strideback.importers.results import FileContent, SourceResult

if TYPE_CHECKING:
    from strideback.importers.sources import Unit

ALREADY_IMPORTED = "already_imported"


def drop_known(
    units: list[Unit], known: Callable[[str], int | None]
) -> tuple[list[Unit], list[SourceResult]]:
    """Loose files the caller already imported (by checksum) are not read: one result each, whose
    `content.records` is the number of records they gave."""
    kept: list[Unit] = []
    found: list[SourceResult] = []
    for unit in units:
        if unit.kind != "files":
            kept.append(unit)
            continue
        todo = []
        for member in unit.members:
            count = known(member)
            if count is None:
                todo.append(member)
            else:
                found.append(SourceResult(member, ALREADY_IMPORTED, content=FileContent(records=count)))
        if len(todo) == len(unit.members):
            kept.append(unit)
        elif todo:
            kept.append(replace(unit, members=tuple(todo), size=sum(os.path.getsize(m) for m in todo)))
    return kept, found
