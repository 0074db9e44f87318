"""`strideback checkin`: the morning check-in, from flags or by asking on a terminal."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

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
from strideback.domain.checkin_fields import FIELDS, Field, Kind
from strideback.domain.dates import format_day
from strideback.domain.types import CheckIn, InvalidValue

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


def _ask(spec: Field) -> object:
    """Ask for one field of the table on the terminal. An optional field left empty (Enter) stays
    unset: nothing is stored for it, never a made-up default."""
    if spec.kind in (Kind.SCALE, Kind.COUNT):
        low, high = spec.low or 0, spec.high or 0
        if spec.required:
            return _ask_int(spec.prompt, low, high)
        while True:
            text = Prompt.ask(f"{spec.prompt} ({low}–{high}, Enter to skip)", default="", console=console)
            try:
                return spec.clean(spec.parse_text(text))
            except InvalidValue:
                console.print(f"Please enter a whole number from {low} to {high}, or press Enter to skip.")
    if spec.kind is Kind.FLAG:
        return Confirm.ask(spec.prompt, default=False, console=console)
    if spec.kind is Kind.CHOICE and spec.default is not None:
        shown = str(getattr(spec.default, "value", spec.default))
        return spec.clean(Prompt.ask(spec.prompt, choices=list(spec.values), default=shown, console=console))
    if spec.kind in (Kind.CHOICE, Kind.CHOICES):
        several = "; comma-separated" if spec.kind is Kind.CHOICES else ""
        while True:
            text = Prompt.ask(
                f"{spec.prompt} ({'/'.join(spec.values)}{several}, Enter to skip)",
                default="",
                console=console,
            )
            try:
                return spec.clean(text)
            except InvalidValue as error:
                console.print(str(error))
    return Prompt.ask(f"{spec.prompt} (Enter to skip)", default="", console=console)


def _asked(spec: Field, values: dict[str, object]) -> bool:
    """Whether the terminal asks this field: it has a question, no value yet, and it applies
    (which leg and what the pain is like only when there is leg pain)."""
    if not spec.prompt or values.get(spec.name) not in (None, False, "", ()):
        return False
    if spec.name in ("side", "quality"):
        return values.get("leg_pain") not in (None, 0) or str(values.get("reach") or "none") != "none"
    return True


def _ask_red_flags() -> dict[str, bool]:
    """The short red-flag line: each sign asked by name (no "anything new?"), each answer a real yes or no.
    Only these questions are stored; the others stay unasked (issue 11)."""
    from strideback.domain.redflag_words import SHORT_LABELS
    from strideback.domain.redflags import SHORT_CHECKIN_KEYS

    console.print("[bold]Today, do you have any of these?[/] Answer y or n for each.", highlight=False)
    return {key: Confirm.ask(f"  {SHORT_LABELS[key]}?", console=console) for key in SHORT_CHECKIN_KEYS}


def _option(spec: Field) -> inspect.Parameter:
    """The CLI option of one field of the table."""
    if spec.kind is Kind.FLAG:
        annotation: Any = Annotated[bool, typer.Option(spec.option, help=spec.help)]
        default: object = False
    elif spec.kind in (Kind.SCALE, Kind.COUNT):
        annotation, default = Annotated[int | None, typer.Option(spec.option, help=spec.help)], None
    elif spec.kind is Kind.TEXT:
        annotation, default = Annotated[str, typer.Option(spec.option, help=spec.help)], ""
    else:
        annotation, default = Annotated[str | None, typer.Option(spec.option, help=spec.help)], None
    return inspect.Parameter(
        spec.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _with_field_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give `command(**values)` one option per field of the check-in table, before its own options."""
    own = [
        p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        for p in inspect.signature(command, eval_str=True).parameters.values()
        if p.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    fields = [_option(spec) for spec in FIELDS]
    command.__signature__ = inspect.Signature([own[0], *fields, *own[1:]])  # type: ignore[attr-defined]
    return command


def register(app: typer.Typer) -> None:
    @app.command("checkin")
    @_with_field_options
    def checkin_command(
        date: DateOpt = None,
        red_flag: Annotated[
            list[str] | None,
            typer.Option("--red-flag", help="A red-flag symptom you have today (repeatable), e.g. bladder."),
        ] = None,
        replace: Annotated[
            bool, typer.Option("--replace", help="Replace an existing check-in for that date.")
        ] = False,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
        **values: Any,
    ) -> None:
        """Record this morning's check-in (asks on a terminal when values are missing)."""
        from strideback.services.checkins import (
            CheckInExists,
            checkin_json,
            needs_red_flag_questions,
            record_check_in,
        )

        required = [spec for spec in FIELDS if spec.required]
        missing = any(values.get(spec.name) is None for spec in required)
        interactive = missing and stdin_is_terminal() and not as_json
        if missing and not interactive:
            usage_error(
                " and ".join(spec.option for spec in required)
                + " are required (whole numbers from 0 to 10), or run on a terminal to be asked."
            )
        try:
            day = date or today_date()
            flags = _parse_red_flags(red_flag) if red_flag else None
            if interactive:
                for spec in FIELDS:
                    if _asked(spec, values):
                        values[spec.name] = _ask(spec)
            checkin = CheckIn(
                date=day, **{name: value for name, value in values.items() if value is not None}
            )
        except InvalidValue as error:
            usage_error(str(error))
        back, leg = checkin.back_pain, checkin.leg_pain
        person_id = open_store(home)
        if interactive and flags is None:
            flags = _ask_red_flags()
        try:
            result = record_check_in(person_id, checkin, red_flags=flags, replace=replace)
        except CheckInExists:
            if interactive and Confirm.ask(
                f"There is already a check-in for {format_day(day)}. Replace it?",
                default=False,
                console=console,
            ):
                result = record_check_in(person_id, checkin, red_flags=flags, replace=True)
            else:
                usage_error(
                    f"a check-in for {format_day(day)} exists already; nothing was changed. "
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
        console.print(f"{verb} the check-in for {format_day(day)}: back {back}/10, leg {leg}/10.")
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
