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
from strideback.domain.checkin_fields import FIELDS, Field, Kind


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

        from strideback.domain.dates import format_day
        from strideback.domain.units import distance_label, to_unit
        from strideback.services.profile import person_units

        units = person_units(person_id)
        table = Table(title=f"{len(activities)} activities")
        for column in (
            "date",
            "sport",
            "min",
            distance_label(units),
            "RPE",
            "pain during",
            "pain after",
            "source",
        ):
            table.add_column(column)
        for a in activities:
            table.add_row(
                format_day(a.day),
                a.sport.value,
                f"{a.minutes:.0f}",
                f"{to_unit(a.distance_m, units):.2f}" if a.distance_m else "—",
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

        from strideback.domain.dates import format_day

        table = Table(title=f"{len(checkins)} check-ins")
        table.add_column("date")
        for spec in FIELDS:
            table.add_column(spec.short)
        for c in checkins:
            table.add_row(format_day(c.date), *(_cell(spec, getattr(c, spec.name)) for spec in FIELDS))
        console.print(table)


def _cell(spec: Field, value: object) -> str:
    """A check-in value in the table: blank for a flag not set, a dash for a number not given."""
    if spec.kind is Kind.FLAG:
        return "yes" if value else ""
    if spec.kind in (Kind.SCALE, Kind.COUNT):
        return _fmt(value)
    return spec.to_text(value)
