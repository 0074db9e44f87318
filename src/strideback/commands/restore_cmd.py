"""`strideback restore`: put an archive made by `strideback export --archive` into an empty home."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from strideback.commands._common import HomeOpt, JsonOpt, console, emit_json, open_store, usage_error


def register(app: typer.Typer) -> None:
    @app.command("restore")
    def restore_command(
        archive: Annotated[Path, typer.Argument(help="The .zip written by `strideback export --archive`.")],
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Restore an archive into an empty home. Checks the whole archive first; writes nothing if refused."""
        from strideback.services.archive import ArchiveRefused, read_archive, restore_archive

        try:
            checked = read_archive(archive)  # before the store is opened: a bad archive creates nothing
        except ArchiveRefused as error:
            usage_error(f"{archive}: {error}")
        person_id = open_store(home)
        try:
            counts = restore_archive(person_id, checked)
        except ArchiveRefused as error:
            usage_error(f"{archive}: {error}")
        if as_json:
            emit_json({"restored": dict(counts), "schema_version": checked.manifest["schema_version"]})
            return
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        console.print(f"Restored {archive}: {summary}", highlight=False)
