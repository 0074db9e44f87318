"""`strideback treatment log NAME [--date D] [--dose TEXT]`: what you took or did for the sciatica today."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    open_store,
    today_date,
    usage_error,
)
from strideback.domain.dates import format_day, parse_day
from strideback.domain.treatments import ITEMS
from strideback.domain.types import InvalidValue

NAMES = ", ".join(item.key for item in ITEMS)


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Treatments and medication: log what you took or did.", no_args_is_help=True)
    app.add_typer(group, name="treatment")

    @group.command("log")
    def log_command(
        name: Annotated[str, typer.Argument(help=f"One of {NAMES}, or your own item's name.")],
        date: Annotated[str, typer.Option("--date", help="today, yesterday or YYYY-MM-DD.")] = "today",
        dose: Annotated[str, typer.Option("--dose", help="Dose or amount, e.g. '400 mg' or '3 sets'.")] = "",
        note: Annotated[str, typer.Option("--note", help="Anything worth remembering.")] = "",
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Record one treatment or medication for a day (several a day are fine)."""
        from strideback.services.treatments import log_treatment, treatment_json

        try:
            day = parse_day(date, today_date())
            person_id = open_store(home)
            saved = log_treatment(person_id, name, day, dose=dose, note=note, today=today_date())
        except InvalidValue as error:
            usage_error(str(error))
        if as_json:
            emit_json({"treatment": treatment_json(saved)})
            return
        own = "" if saved.name in {i.key for i in ITEMS} else " (your own item)"
        console.print(
            f"Logged {saved.label}{own} on {format_day(saved.date)}{f': {saved.dose}' if saved.dose else ''}."
        )

    @group.command("list")
    def list_command(
        since: Annotated[str | None, typer.Option("--since", help="Only from this date on.")] = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """List logged treatments and medication."""
        from strideback.services.treatments import list_treatments, treatment_json

        try:
            first = parse_day(since, today_date(), field_name="since") if since else None
        except InvalidValue as error:
            usage_error(str(error))
        person_id = open_store(home)
        rows = list_treatments(person_id, since=first)
        if as_json:
            emit_json({"treatments": [treatment_json(t) for t in rows]})
            return
        table = Table(title=f"{len(rows)} treatments")
        for column in ("date", "what", "dose", "note"):
            table.add_column(column)
        for t in rows:
            table.add_row(format_day(t.date), t.label, t.dose, t.note)
        console.print(table)
