"""`strideback checkin`: the morning check-in, from flags or by asking on a terminal."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.prompt import Confirm, IntPrompt, Prompt

from strideback.commands._common import (
    DateOpt,
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    err_console,
    open_store,
    stdin_is_terminal,
    today_date,
    usage_error,
)
from strideback.domain.types import CheckIn, InvalidValue, Reach

LEVEL_STYLE = {
    "none": "green",
    "contact_clinician": "yellow",
    "urgent": "bold red",
    "emergency": "bold white on red",
}


def _ask_int(question: str, low: int, high: int, default: int | None = None) -> int:
    while True:
        value = IntPrompt.ask(f"{question} ({low}–{high})", default=default, console=console)
        if value is not None and low <= value <= high:
            return value
        console.print(f"Please enter a whole number from {low} to {high}.")


def _ask_red_flags() -> dict[str, bool]:
    """The short red-flag line: each sign asked by name (no "anything new?"), each answer a real yes or no.
    Only these questions are stored; the others stay unasked (issue 11)."""
    from strideback.domain.redflag_words import SHORT_LABELS
    from strideback.domain.redflags import SHORT_CHECKIN_KEYS

    console.print("[bold]Today, do you have any of these?[/] Answer y or n for each.", highlight=False)
    return {key: Confirm.ask(f"  {SHORT_LABELS[key]}?", console=console) for key in SHORT_CHECKIN_KEYS}


def register(app: typer.Typer) -> None:
    @app.command("checkin")
    def checkin_command(
        date: DateOpt = None,
        back: Annotated[int | None, typer.Option("--back", help="Back pain now, 0–10.")] = None,
        leg: Annotated[int | None, typer.Option("--leg", help="Leg pain now, 0–10.")] = None,
        reach: Annotated[
            Reach | None,
            typer.Option("--reach", case_sensitive=False, help="How far down the leg the pain reaches."),
        ] = None,
        numbness: Annotated[bool, typer.Option("--numbness", help="Numbness in the leg or foot.")] = False,
        tingling: Annotated[bool, typer.Option("--tingling", help="Tingling or pins and needles.")] = False,
        weakness: Annotated[bool, typer.Option("--weakness", help="Weakness in the leg or foot.")] = False,
        stiffness_min: Annotated[
            int | None, typer.Option("--stiffness-min", help="Minutes of morning stiffness.")
        ] = None,
        sleep: Annotated[int | None, typer.Option("--sleep", help="How well you slept, 0–10.")] = None,
        note: Annotated[str, typer.Option("--note", help="Anything worth remembering.")] = "",
        red_flag: Annotated[
            list[str] | None,
            typer.Option("--red-flag", help="A red-flag symptom you have today (repeatable), e.g. bladder."),
        ] = None,
        replace: Annotated[
            bool, typer.Option("--replace", help="Replace an existing check-in for that date.")
        ] = False,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Record this morning's check-in (asks on a terminal when values are missing)."""
        from strideback.services.checkins import (
            CheckInExists,
            checkin_json,
            needs_red_flag_questions,
            record_check_in,
        )

        interactive = (back is None or leg is None) and stdin_is_terminal() and not as_json
        if (back is None or leg is None) and not interactive:
            usage_error(
                "--back and --leg are required (whole numbers from 0 to 10), or run on a terminal to be asked."
            )
        try:
            day = date or today_date()
            flags = _parse_red_flags(red_flag) if red_flag else None
            if interactive:
                back = back if back is not None else _ask_int("Back pain now", 0, 10)
                leg = leg if leg is not None else _ask_int("Leg pain now", 0, 10)
                if reach is None:
                    reach = Reach.parse(
                        Prompt.ask(
                            "How far down the leg does it reach",
                            choices=[r.value for r in Reach],
                            default="none",
                            console=console,
                        )
                    )
                numbness = numbness or Confirm.ask("Numbness?", default=False, console=console)
                tingling = tingling or Confirm.ask("Tingling?", default=False, console=console)
                weakness = weakness or Confirm.ask(
                    "Weakness in the leg or foot?", default=False, console=console
                )
                if stiffness_min is None:
                    stiffness_min = _ask_int("Minutes of morning stiffness", 0, 24 * 60, default=0)
                if sleep is None:
                    sleep = _ask_int("How well did you sleep", 0, 10, default=5)
            assert back is not None and leg is not None  # given, asked, or refused above
            checkin = CheckIn(
                date=day,
                back_pain=back,
                leg_pain=leg,
                reach=Reach.parse(reach or "none"),
                numbness=numbness,
                tingling=tingling,
                weakness=weakness,
                stiffness_min=stiffness_min,
                sleep=sleep,
                note=note,
            )
        except InvalidValue as error:
            usage_error(str(error))
        person_id = open_store(home)
        if interactive and flags is None:
            flags = _ask_red_flags()
        try:
            result = record_check_in(person_id, checkin, red_flags=flags, replace=replace)
        except CheckInExists:
            if interactive and Confirm.ask(
                f"There is already a check-in for {day.isoformat()}. Replace it?",
                default=False,
                console=console,
            ):
                result = record_check_in(person_id, checkin, red_flags=flags, replace=True)
            else:
                usage_error(
                    f"a check-in for {day.isoformat()} exists already; nothing was changed. "
                    "Use --replace to overwrite it."
                )
        screening_json = None
        if result.screening is not None:
            s = result.screening
            screening_json = {"level": s.level, "reasons": list(s.reasons), "message": s.message}
        if as_json:
            emit_json(
                {
                    "checkin": checkin_json(result.checkin),
                    "replaced": result.replaced,
                    "red_flags": screening_json,
                }
            )
            return
        if result.screening is not None and result.screening.level != "none":
            style = LEVEL_STYLE.get(result.screening.level, "bold")
            console.print(f"[{style}]{result.screening.message}[/]")
        verb = "Replaced" if result.replaced else "Saved"
        console.print(f"{verb} the check-in for {day.isoformat()}: back {back}/10, leg {leg}/10.")
        if checkin.weakness:
            from strideback.domain.mornings import WEAKNESS_CONTACT

            console.print(f"[bold yellow]{WEAKNESS_CONTACT}[/]", highlight=False)
        if flags is None and needs_red_flag_questions(person_id, checkin):
            err_console.print(
                "New weakness: please answer the red-flag questions now with "
                "[bold]strideback redflags --answers …[/] or run [bold]strideback checkin[/] on a terminal."
            )


def _parse_red_flags(keys: list[str]) -> dict[str, bool]:
    from strideback.domain.redflags import parse_answers

    return parse_answers(",".join(f"{key.strip()}=yes" for key in keys))
