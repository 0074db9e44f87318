"""`strideback today`: what should I do today? A coloured light, its reasons and one suggestion."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    open_store,
    today_date,
    usage_error,
)
from strideback.domain.dates import parse_day
from strideback.domain.types import InvalidValue

LIGHT_STYLE = {
    "green": ("bold black on green", "GREEN"),
    "amber": ("bold black on yellow", "AMBER"),
    "red": ("bold white on red", "RED"),
    "stop": ("bold white on red", "STOP"),
}


def register(app: typer.Typer) -> None:
    @app.command("today")
    def today_command(
        date: Annotated[str, typer.Option("--date", help="today, yesterday or YYYY-MM-DD.")] = "today",
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """What to do today: a light (green, amber, red or stop), why, and a concrete suggestion."""
        try:
            day = parse_day(date, today_date())
        except InvalidValue as error:
            usage_error(str(error))
        person_id = open_store(home)
        from strideback.services.daily import today

        advice = today(person_id, day).to_json()
        if as_json:
            emit_json(advice)
            return
        show(advice)


def show(advice: dict[str, Any]) -> None:
    style, label = LIGHT_STYLE[advice["light"]]
    stage = f"  ·  walk-run stage {advice['plan_stage']}" if advice.get("plan_stage") else ""
    console.print(f"[{style}] {label} [/]  {advice['date']}{stage}", highlight=False)
    for reason in advice["reasons"]:
        console.print(f"  • {escape(reason)}", highlight=False)
    suggestion = advice["suggestion"]
    minutes = suggestion.get("minutes") or 0
    length = f" ({minutes:g} min)" if minutes else ""
    console.print(
        f"\n[bold]Today:[/] {suggestion['sport']}{length}: {escape(suggestion['description'])}",
        highlight=False,
    )
    if suggestion.get("note"):
        console.print(f"  {escape(suggestion['note'])}", highlight=False)
    alternatives = suggestion.get("alternatives") or []
    if alternatives:
        options = "; ".join(f"{a['sport']} {a['minutes']:g} min" for a in alternatives)
        console.print(f"  Or: {options}", highlight=False)
    if advice.get("trial"):  # the personal trial's day (issue 13)
        console.print(f"[bold]Trial:[/] {escape(advice['trial']['message'])}", highlight=False)
    for reminder in advice.get("reminders") or []:
        console.print(f"[yellow]Reminder:[/] {escape(reminder)}", highlight=False)
