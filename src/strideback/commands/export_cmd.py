"""`strideback export`: a FHIR R4 bundle, a lossless archive, or CSV files for a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from strideback.commands._common import HomeOpt, JsonOpt, console, emit_json, open_store, usage_error


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        fhir: Annotated[
            Path | None, typer.Option("--fhir", help="Write a FHIR R4 Bundle (JSON) to this file.")
        ] = None,
        archive: Annotated[
            Path | None,
            typer.Option(
                "--archive", help="Write every record to this .zip (restore it with `strideback restore`)."
            ),
        ] = None,
        csv_dir: Annotated[
            Path | None, typer.Option("--csv", help="Write activities.csv and checkins.csv into this folder.")
        ] = None,
        include_name: Annotated[
            bool,
            typer.Option("--include-name", help="Put your name in the FHIR Patient (default: pseudonymous)."),
        ] = False,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Export your records: --fhir FILE.json, --archive FILE.zip and/or --csv FOLDER."""
        if fhir is None and archive is None and csv_dir is None:
            usage_error("say what to export: --fhir FILE.json, --archive FILE.zip or --csv FOLDER")
        for option, path in (("--fhir", fhir), ("--archive", archive)):
            if path is not None and path.is_dir():
                usage_error(f"{option} {path} is a folder; give a file name")
        if csv_dir is not None and csv_dir.exists() and not csv_dir.is_dir():
            usage_error(f"--csv {csv_dir} is a file; give a folder")
        person_id = open_store(home)
        result: dict[str, Any] = {}
        try:
            if fhir is not None:
                from strideback.report.fhir import export_fhir

                result["fhir"] = {"path": str(fhir), "resources": export_fhir(person_id, fhir, include_name)}
            if archive is not None:
                from strideback.services.archive import export_archive

                result["archive"] = {"path": str(archive), "rows": export_archive(person_id, archive)}
            if csv_dir is not None:
                from strideback.services.sharing import export_csv

                result["csv"] = {"path": str(csv_dir), "rows": export_csv(person_id, csv_dir)}
        except OSError as error:
            usage_error(f"cannot write {error.filename or ''}: {error.strerror or error}")
        if as_json:
            emit_json(result)
            return
        for kind, details in result.items():
            counts = details.get("resources") or details.get("rows") or {}
            summary = ", ".join(f"{n} {name}" for name, n in counts.items())
            console.print(f"[bold]{kind}[/] → {details['path']} ({summary})", highlight=False)
