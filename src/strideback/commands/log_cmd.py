"""`strideback log SPORT --date DATE --minutes M …`: record a session by hand."""

from __future__ import annotations

from typing import Annotated

import typer

from strideback.commands._common import (
    DateOpt,
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    open_store,
    today_date,
    usage_error,
)
from strideback.domain.dates import parse_time
from strideback.domain.types import InvalidValue, Sport


def register(app: typer.Typer) -> None:
    @app.command("log")
    def log_command(
        sport: Annotated[Sport, typer.Argument(case_sensitive=False, help="The kind of session.")],
        minutes: Annotated[float, typer.Option("--minutes", help="How long the session lasted.")],
        date: DateOpt = None,
        time: Annotated[
            str | None, typer.Option("--time", help="Start time HH:MM, local time (default 12:00).")
        ] = None,
        km: Annotated[float | None, typer.Option("--km", help="Distance in kilometres.")] = None,
        rpe: Annotated[float | None, typer.Option("--rpe", help="Perceived effort 0–10.")] = None,
        pain_during: Annotated[
            int | None, typer.Option("--pain-during", help="Leg pain during, 0–10.")
        ] = None,
        pain_after: Annotated[int | None, typer.Option("--pain-after", help="Leg pain after, 0–10.")] = None,
        pain_before: Annotated[
            int | None, typer.Option("--pain-before", help="Leg pain just before the session, 0–10.")
        ] = None,
        note: Annotated[str, typer.Option("--note", help="A few words about the session.")] = "",
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Record a session by hand (pain during/after is leg pain 0–10)."""
        from strideback.services.activities import activity_json, log_activity

        try:
            day = date or today_date()
            start_time = parse_time(time) if time is not None else None
            person_id = open_store(home)
            activity = log_activity(
                person_id,
                sport,
                day,
                minutes,
                km=km,
                rpe=rpe,
                pain_during=pain_during,
                pain_after=pain_after,
                note=note,
                pain_before=pain_before,
                start_time=start_time,
            )
        except InvalidValue as error:
            usage_error(str(error))
        if as_json:
            emit_json({"activity": activity_json(activity)})
            return
        from strideback.domain.dates import format_day
        from strideback.domain.units import format_distance
        from strideback.services.profile import person_units

        units = person_units(person_id)
        distance = f", {format_distance(activity.distance_m, units)}" if activity.distance_m else ""
        console.print(
            f"Logged {activity.sport.value} on {format_day(activity.day)}: {minutes:g} min{distance}."
        )
