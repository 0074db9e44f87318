"""`strideback today`: what should I do today? A coloured light, its reasons and one suggestion."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from strideback.commands._common import (
    DateOpt,
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    escape,
    open_store,
    today_date,
)
from strideback.domain.dates import format_day

if TYPE_CHECKING:
    from strideback.domain.advice import Advice

LIGHT_STYLE = {
    "green": ("bold black on green", "GREEN"),
    "amber": ("bold black on yellow", "AMBER"),
    "red": ("bold white on red", "RED"),
    "stop": ("bold white on red", "STOP"),
}


def register(app: typer.Typer) -> None:
    @app.command("today")
    def today_command(
        date: DateOpt = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """What to do today: a light (green, amber, red or stop), why, and a concrete suggestion."""
        day = date or today_date()
        person_id = open_store(home)
        from strideback.services.daily import today

        advice = today(person_id, day)
        if as_json:
            emit_json(advice.to_json())
            return
        show(advice)


def show(advice: Advice) -> None:
    style, label = LIGHT_STYLE[advice.light]
    stage = f"  ·  walk-run stage {advice.plan_stage}" if advice.plan_stage else ""
    console.print(f"[{style}] {label} [/]  {format_day(advice.day)}{stage}", highlight=False)
    for reason in advice.reasons:
        console.print(f"  • {escape(reason)}", highlight=False)
    suggestion = advice.suggestion
    length = f" ({suggestion.minutes:g} min)" if suggestion.minutes else ""
    console.print(
        f"\n[bold]Today:[/] {suggestion.sport}{length}: {escape(suggestion.description)}",
        highlight=False,
    )
    if suggestion.note:
        console.print(f"  {escape(suggestion.note)}", highlight=False)
    if suggestion.alternatives:
        options = "; ".join(f"{a.sport} {a.minutes:g} min" for a in suggestion.alternatives)
        console.print(f"  Or: {options}", highlight=False)
    if advice.trial is not None:  # the personal trial's day (issue 13)
        console.print(f"[bold]Trial:[/] {escape(advice.trial.message)}", highlight=False)
    for reminder in advice.reminders:
        console.print(f"[yellow]Reminder:[/] {escape(reminder)}", highlight=False)
