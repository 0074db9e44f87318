"""`strideback demo`: create the demo person, a runner with sciatica returning to running."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from strideback.commands._common import JsonOpt, console, emit_json, open_store, usage_error, use_home
from strideback.domain.dates import format_day

DemoHomeOpt = Annotated[
    Path | None,
    typer.Option(
        "--home",
        metavar="DIR",
        callback=use_home,
        help="Folder for the demo person (default: the demo's own folder, never your data folder).",
    ),
]


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_command(
        days: Annotated[int, typer.Option("--days", help="How many days of diary to create.")] = 180,
        seed: Annotated[int, typer.Option("--seed", help="Same seed, same person.")] = 7,
        home: DemoHomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Create a realistic demo person (activities, check-ins, questionnaires) to explore strideback."""
        from strideback.config import home_dir
        from strideback.domain.types import InvalidValue
        from strideback.services.demo import HomeHasRealData, create_demo

        person_id = open_store(home)
        try:
            summary = create_demo(person_id, days=days, seed=seed)
        except (InvalidValue, HomeHasRealData) as error:
            usage_error(str(error))
        if as_json:
            emit_json(
                {
                    "person_id": summary.person_id,
                    "days": summary.days,
                    "first_day": summary.first_day,
                    "last_day": summary.last_day,
                    "activities": summary.activities,
                    "checkins": summary.checkins,
                    "questionnaires": summary.questionnaires,
                    "sports": summary.sports,
                    "home": str(home_dir()),
                }
            )
            return
        table = Table(title=f"Demo person: {format_day(summary.first_day)} to {format_day(summary.last_day)}")
        table.add_column("what")
        table.add_column("how many", justify="right")
        for sport, count in sorted(summary.sports.items(), key=lambda item: -item[1]):
            table.add_row(f"{sport} sessions", str(count))
        table.add_row("morning check-ins", str(summary.checkins))
        table.add_row("Oswestry questionnaires", str(summary.questionnaires))
        console.print(table)
        console.print(f"The demo person lives in {home_dir()}, apart from your own data.")
        console.print(
            f"Try: [bold]strideback today --home {home_dir()}[/], or [bold]strideback serve --demo[/] "
            "for the dashboard."
        )
