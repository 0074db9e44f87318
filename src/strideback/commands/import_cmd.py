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

SKIPPED_SHOWN = 10


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
        from strideback.importers.names import shown
        from strideback.services.importing import import_paths

        missing = [shown(p) for p in paths if not p.exists()]
        if missing:
            usage_error("no such file or folder: " + escape(", ".join(missing[:5])) + _more(len(missing), 5))
        person_id = open_store(home)
        if as_json or not console.is_terminal:
            report = import_paths(person_id, paths)
        else:
            report = _with_progress_bar(person_id, paths)
        if as_json:
            emit_json(report.to_json())
        else:
            _print_summary(report)
        if report.stopped:
            # One line in the person's words (a full disk), after the report of what was kept.
            err_console.print(
                f"[bold red]Stopped:[/] {escape(report.stopped)}", highlight=False, soft_wrap=True
            )
        if report.failed or report.stopped:
            raise typer.Exit(code=1)


def _more(count: int, shown_count: int) -> str:
    return f" and {count - shown_count} more" if count > shown_count else ""


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
    # Paths and messages are data, not markup: escaped so a "[" in a file name prints as it is. They
    # arrive printable (control characters escaped, undecodable bytes as U+FFFD) from the report.
    for skipped in report.skipped[:SKIPPED_SHOWN]:
        console.print(
            f"[dim]– {escape(skipped.path)}: {escape(skipped.reason)}[/]", highlight=False, soft_wrap=True
        )
    if len(report.skipped) > SKIPPED_SHOWN:
        console.print(f"[dim]– and {len(report.skipped) - SKIPPED_SHOWN} more skipped[/]", highlight=False)
    for failure in report.failed:
        # soft_wrap: a long path stays on one line (copyable), never cut in two
        err_console.print(
            f"[red]✗[/] {escape(failure.path)}: {escape(failure.error)}", highlight=False, soft_wrap=True
        )
