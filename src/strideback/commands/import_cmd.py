"""`strideback import PATH... [--json]`: bring in files, folders and export archives."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    err_console,
    open_store,
    usage_error,
)


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_command(
        paths: Annotated[
            list[Path],
            typer.Argument(
                help="Files, folders or .zip archives: FIT, GPX, TCX, Strava/Garmin/Apple Health "
                "exports, CSV of activities or check-ins."
            ),
        ],
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Import activities and check-ins; bad files are reported and the rest still import."""
        from strideback.services.importing import import_paths

        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            usage_error("no such file or folder: " + ", ".join(missing))
        person_id = open_store(home)
        if as_json or not console.is_terminal:
            report = import_paths(person_id, paths)
        else:
            report = _with_progress_bar(person_id, paths)
        if as_json:
            emit_json(report.to_json())
        else:
            _print_summary(report)
        if report.failed:
            raise typer.Exit(code=1)


def _with_progress_bar(person_id: int, paths: list[Path]):
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from strideback.services.importing import import_paths

    columns = (
        TextColumn("[bold]Importing"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("· {task.fields[files]} files"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("import", total=None, files=0)

        def update(progress) -> None:
            bar.update(
                task,
                completed=progress.bytes_done,
                total=progress.bytes_total or None,
                files=progress.files_done,
            )

        return import_paths(person_id, paths, progress=update)


def _print_summary(report) -> None:
    from rich.table import Table

    table = Table(title="Import", show_header=True)
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_row("activities imported", str(report.imported))
    table.add_row("check-ins imported", str(report.checkins))
    table.add_row("already there (duplicates)", str(report.duplicates))
    table.add_row("  of which merged with another source", str(report.merged))
    table.add_row("skipped (not activities)", str(len(report.skipped)))
    table.add_row("failed", str(len(report.failed)), style="red" if report.failed else None)
    console.print(table)
    for failure in report.failed:
        # The path and message are data, not markup: escape them so a "[" in a file name prints as it is.
        err_console.print(f"[red]✗[/] {escape(failure['path'])}: {escape(failure['error'])}", highlight=False)
