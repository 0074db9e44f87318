"""`strideback worker`: run background tasks (the evidence engine after each write) in server mode."""

from __future__ import annotations

from typing import Annotated

import typer

from strideback.commands._common import HomeOpt, open_store


def register(app: typer.Typer) -> None:
    @app.command("worker")
    def worker_command(
        home: HomeOpt = None,
        once: Annotated[
            bool,
            typer.Option("--once", help="Run the queued tasks, then stop (instead of waiting for more)."),
        ] = False,
    ) -> None:
        """Run queued background tasks (server mode, with the database queue): recomputes each person's
        evidence after their writes, so pages never wait for it."""
        open_store(home)
        from django.conf import settings
        from django.core.management import call_command

        from strideback.services.analysis import connect_background_refresh

        backend = settings.TASKS["default"]["BACKEND"]
        if backend != "django_tasks_db.DatabaseBackend":
            typer.echo(
                "Nothing to run: in local mode background tasks run inside `strideback serve`. "
                "Set STRIDEBACK_DATABASE_URL (server mode) or STRIDEBACK_TASKS_BACKEND="
                "django_tasks_db.DatabaseBackend to use the database queue.",
                err=True,
            )
            raise typer.Exit(2)
        connect_background_refresh()
        call_command("db_worker", batch=once, verbosity=1)
