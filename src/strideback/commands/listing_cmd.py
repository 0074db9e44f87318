"""`strideback activities` and `strideback checkins`: what is recorded, as a table or JSON."""

from __future__ import annotations

import typer

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    SinceOpt,
    console,
    emit_json,
    open_store,
)


def _fmt(value: object, suffix: str = "") -> str:
    return "—" if value is None else f"{value}{suffix}"


def register(app: typer.Typer) -> None:
    @app.command("activities")
    def activities_command(since: SinceOpt = None, home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """List recorded activities."""
        from strideback.services.activities import activity_json, list_activities

        day = since
        person_id = open_store(home)
        activities = list_activities(person_id, since=day)
        if as_json:
            emit_json({"activities": [activity_json(a) for a in activities]})
            return
        from rich.table import Table

        table = Table(title=f"{len(activities)} activities")
        for column in ("date", "sport", "min", "km", "RPE", "pain during", "pain after", "source"):
            table.add_column(column)
        for a in activities:
            table.add_row(
                a.day.isoformat(),
                a.sport.value,
                f"{a.minutes:.0f}",
                f"{a.distance_m / 1000:.2f}" if a.distance_m else "—",
                _fmt(a.rpe),
                _fmt(a.pain_during),
                _fmt(a.pain_after),
                a.source,
            )
        console.print(table)

    @app.command("checkins")
    def checkins_command(since: SinceOpt = None, home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """List daily check-ins."""
        from strideback.services.checkins import checkin_json, list_checkins

        day = since
        person_id = open_store(home)
        checkins = list_checkins(person_id, since=day)
        if as_json:
            emit_json({"checkins": [checkin_json(c) for c in checkins]})
            return
        from rich.table import Table

        table = Table(title=f"{len(checkins)} check-ins")
        for column in (
            "date",
            "back",
            "leg",
            "reach",
            "numb",
            "tingle",
            "weak",
            "stiff min",
            "sleep",
            "note",
        ):
            table.add_column(column)
        for c in checkins:
            table.add_row(
                c.date.isoformat(),
                str(c.back_pain),
                str(c.leg_pain),
                c.reach.value,
                "yes" if c.numbness else "",
                "yes" if c.tingling else "",
                "yes" if c.weakness else "",
                _fmt(c.stiffness_min),
                _fmt(c.sleep),
                c.note,
            )
        console.print(table)
