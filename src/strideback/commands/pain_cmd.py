"""`strideback pain`: leg pain during and after a session that arrived without it (an import, a watch)."""

from __future__ import annotations

from typing import Annotated

import typer

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    open_store,
    today_date,
    usage_error,
)
from strideback.domain.dates import format_day


def register(app: typer.Typer) -> None:
    @app.command("pain")
    def pain_command(
        activity_id: Annotated[
            int | None,
            typer.Argument(
                help="The session's id (see `strideback activities --json`); default: the latest."
            ),
        ] = None,
        during: Annotated[
            int | None, typer.Option("--during", help="Leg pain during the session, 0–10.")
        ] = None,
        after: Annotated[
            int | None, typer.Option("--after", help="Leg pain after the session, 0–10.")
        ] = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Record leg pain during/after a session, so today's advice can judge how your body answered."""
        from strideback.domain.types import InvalidValue
        from strideback.services.activities import activity_json, latest_activity, record_session_pain

        if during is None and after is None:
            usage_error("give --during and/or --after (leg pain 0–10).")
        person_id = open_store(home)
        if activity_id is None:
            latest = latest_activity(person_id, today_date())
            if latest is None or latest.id is None:
                usage_error(
                    "no session in the last 14 days; give the session's id (strideback activities --json)."
                )
            activity_id = latest.id
        try:
            updated = record_session_pain(person_id, activity_id, during, after)
        except InvalidValue as error:
            usage_error(str(error))
        if updated is None:
            usage_error(f"there is no session with id {activity_id}; see `strideback activities --json`.")
        if as_json:
            emit_json({"activity": activity_json(updated)})
            return
        console.print(
            f"Saved for {updated.sport.value} on {format_day(updated.day)}: "
            f"pain during {updated.pain_during if updated.pain_during is not None else '—'}, "
            f"after {updated.pain_after if updated.pain_after is not None else '—'}."
        )
