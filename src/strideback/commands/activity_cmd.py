"""`strideback activity show|edit|delete|split ID`: one session, opened, corrected, removed or split."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.prompt import Confirm
from rich.table import Table

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    open_store,
    stdin_is_terminal,
    today_date,
    usage_error,
)
from strideback.domain.dates import format_day, format_moment
from strideback.domain.types import InvalidValue

IdArg = Annotated[int, typer.Argument(help="The session's id (see `strideback activities --json`).")]
LIGHT_STYLE = {"green": "green", "amber": "yellow", "red": "bold red", "incomplete": "dim"}


def _not_found(activity_id: int) -> None:
    usage_error(
        f"id: there is no session {activity_id} in this diary; list them with `strideback activities`."
    )


def _parse_start(text: str) -> dt.datetime:
    """`2026-03-14 07:30`, `2026-03-14T07:30` or `2026-03-14T07:30+01:00` (local time when no offset)."""
    try:
        return dt.datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        raise InvalidValue("start", text, "a date and time like 2026-03-14 07:30") from None


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Open, correct, delete or split one session.", no_args_is_help=True)
    app.add_typer(group, name="activity")

    @group.command("show")
    def show_command(activity_id: IdArg, home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """Show one session: times, distance, pace, heart rate, laps, sources, pains, note and its response."""
        from strideback.services.activity_edit import activity_detail, detail_json

        person_id = open_store(home)
        detail = activity_detail(person_id, activity_id, today_date())
        if detail is None:
            _not_found(activity_id)
            return
        if as_json:
            emit_json({"activity": detail_json(detail)})
            return
        _print_detail(detail, person_id)

    @group.command("edit")
    def edit_command(
        activity_id: IdArg,
        sport: Annotated[
            str | None, typer.Option("--sport", help="run, walk, cycle, swim, strength, mobility or other.")
        ] = None,
        start: Annotated[
            str | None, typer.Option("--start", help="Start, e.g. 2026-03-14 07:30 (local time).")
        ] = None,
        minutes: Annotated[
            float | None, typer.Option("--minutes", help="How long the session lasted.")
        ] = None,
        km: Annotated[float | None, typer.Option("--km", help="Distance in kilometres.")] = None,
        rpe: Annotated[float | None, typer.Option("--rpe", help="Perceived effort 0–10.")] = None,
        pain_before: Annotated[
            int | None, typer.Option("--pain-before", help="Leg pain just before, 0–10.")
        ] = None,
        pain_during: Annotated[
            int | None, typer.Option("--pain-during", help="Leg pain during, 0–10.")
        ] = None,
        pain_after: Annotated[int | None, typer.Option("--pain-after", help="Leg pain after, 0–10.")] = None,
        note: Annotated[str | None, typer.Option("--note", help="A few words about the session.")] = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Correct a session (the response, the plan and the analysis follow)."""
        from strideback.services.activity_edit import (
            ActivityChanges,
            activity_detail,
            detail_json,
            edit_activity,
        )

        try:
            changes = ActivityChanges(
                sport=sport,
                start=_parse_start(start) if start is not None else None,
                minutes=minutes,
                km=km,
                rpe=rpe,
                pain_before=pain_before,
                pain_during=pain_during,
                pain_after=pain_after,
                note=note,
            )
            if changes == ActivityChanges():
                usage_error(
                    "nothing to change: give at least one of --sport --start --minutes --km --rpe "
                    "--pain-before --pain-during --pain-after --note."
                )
            person_id = open_store(home)
            updated = edit_activity(person_id, activity_id, changes)
        except InvalidValue as error:
            usage_error(str(error))
        if updated is None:
            _not_found(activity_id)
            return
        detail = activity_detail(person_id, activity_id, today_date())
        assert detail is not None
        if as_json:
            emit_json({"activity": detail_json(detail)})
            return
        console.print(f"Saved the changes to session {activity_id}.")
        _print_detail(detail, person_id)

    @group.command("delete")
    def delete_command(
        activity_id: IdArg,
        yes: Annotated[bool, typer.Option("--yes", help="Delete without asking.")] = False,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Delete a session (asks first on a terminal; --yes or --json delete without asking)."""
        from strideback.services.activity_edit import activity_detail, delete_activity

        person_id = open_store(home)
        detail = activity_detail(person_id, activity_id, today_date())
        if detail is None:
            _not_found(activity_id)
            return
        a = detail.activity
        what = f"the {a.sport.value} on {format_moment(a.start)} ({a.minutes:.0f} min)"
        if not (yes or as_json):
            if not stdin_is_terminal():
                usage_error(f"deleting {what} needs --yes when not on a terminal; nothing was deleted.")
            if not Confirm.ask(f"Delete {what}?", default=False, console=console):
                console.print("Nothing was deleted.")
                return
        delete_activity(person_id, activity_id)
        if as_json:
            emit_json({"deleted": activity_id})
            return
        console.print(f"Deleted {what}.")

    @group.command("split")
    def split_command(activity_id: IdArg, home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """Split a wrong merge: one session again per file or app it came from (nothing is lost)."""
        from strideback.services.activity_edit import activity_detail, detail_json
        from strideback.services.activity_split import split_activity

        person_id = open_store(home)
        try:
            result = split_activity(person_id, activity_id)
        except InvalidValue as error:
            usage_error(f"{error}; nothing was changed.")
        if result is None:
            _not_found(activity_id)
            return
        details = [
            activity_detail(person_id, a.id, today_date())
            for a in (result.kept, *result.split_off)
            if a.id is not None
        ]
        if as_json:
            emit_json(
                {
                    "activity": detail_json(details[0]),  # type: ignore[arg-type]
                    "split_off": [detail_json(d) for d in details[1:] if d is not None],
                }
            )
            return
        console.print(f"Split session {activity_id} into {len(details)} sessions.")
        for detail in details:
            _print_detail(detail, person_id)


def _print_detail(detail, person_id: int) -> None:  # type: ignore[no-untyped-def]
    """One session as a table, distances and paces in the person's units."""
    from strideback.domain.units import format_distance, format_pace, pace_minutes
    from strideback.services.profile import person_units

    a = detail.activity
    units = person_units(person_id)
    table = Table(title=f"{a.sport.value.capitalize()} on {format_moment(a.start)}", show_header=False)
    table.add_column("what")
    table.add_column("value")
    rows = [
        ("duration", f"{a.minutes:.0f} min" + (f" (moving {a.moving_s / 60:.0f} min)" if a.moving_s else "")),
        ("distance", format_distance(a.distance_m, units) if a.distance_m else "—"),
        ("pace", format_pace(pace_minutes(a.moving_s or a.duration_s, a.distance_m, units), units)),
        (
            "heart rate",
            f"{a.avg_hr:.0f} avg" + (f", {a.max_hr:.0f} max" if a.max_hr else "") if a.avg_hr else "—",
        ),
        ("elevation gain", f"{a.elevation_gain_m:.0f} m" if a.elevation_gain_m else "—"),
        ("laps", str(len(a.laps)) if a.laps else "—"),
        ("effort (RPE)", f"{a.rpe:g}" if a.rpe is not None else "—"),
        ("leg pain before", _pain(getattr(a, "pain_before", None))),
        ("leg pain during", _pain(a.pain_during)),
        ("leg pain after", _pain(a.pain_after)),
        ("note", a.note or "—"),
        (
            "from",
            "; ".join(s.name or s.source for s in detail.sources) + (" (merged)" if detail.merged else ""),
        ),
    ]
    for what, value in rows:
        table.add_row(what, value)
    console.print(table)
    r = detail.response
    if r is not None:
        style = LIGHT_STYLE.get(r.light, "bold")
        console.print(f"Response: [{style}]{r.light}[/]{' (provisional)' if r.provisional else ''}")
        for reason in r.reasons:
            console.print(f"  • {reason}")
    console.print(f"[dim]Recorded for {format_day(a.day)}.[/]")


def _pain(value: int | None) -> str:
    return "—" if value is None else f"{value}/10"
