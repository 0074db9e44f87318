"""`strideback redflags --answers key=yes,...`: record a full red-flag screening and say what to do."""

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
    stdin_is_terminal,
    today_date,
    usage_error,
)
from strideback.domain import redflags
from strideback.domain.types import InvalidValue

_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold red",
    "contact_clinician": "bold yellow",
    "none": "green",
}
_TITLE = {
    "emergency": "Emergency",
    "urgent": "Urgent: see a clinician today",
    "contact_clinician": "See a clinician soon",
    "none": "No warning signs",
}


def register(app: typer.Typer) -> None:
    @app.command("redflags")
    def redflags_command(
        answers: Annotated[
            str | None,
            typer.Option(
                "--answers",
                help="key=yes|no pairs, comma-separated; unlisted keys count as no. Keys: "
                + ", ".join(redflags.KEYS)
                + ".",
            ),
        ] = None,
        date: DateOpt = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Answer the red-flag questions; the result is stored and shown first everywhere."""
        from strideback.services.screening import record_screening

        try:
            day = date or today_date()
            if answers is not None:
                given = redflags.parse_answers(answers)
            elif stdin_is_terminal() and not as_json:
                given = _ask()
            else:
                usage_error("give --answers key=yes,... (keys: " + ", ".join(redflags.KEYS) + ")")
            person_id = open_store(home)
            result = record_screening(person_id, given, day, full_screen=True)
        except InvalidValue as error:
            usage_error(str(error))
        if as_json:
            emit_json(result.to_json())
            return
        console.print(f"[{_STYLE[result.level]}] {_TITLE[result.level]} [/]", highlight=False)
        console.print(result.message, highlight=False)


def _ask() -> dict[str, bool]:
    from rich.prompt import Confirm

    console.print("[bold]Red-flag questions[/] — answer y or n.\n", highlight=False)
    try:
        return {key: Confirm.ask(redflags.QUESTIONS[key], console=console) for key in redflags.KEYS}
    except EOFError:
        usage_error("the questions were interrupted; nothing was stored")
