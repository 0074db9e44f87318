"""`strideback redflags --answers key=yes,...`: record a red-flag screening and say what to do;
`strideback redflags --assessed [--note TEXT]`: record that a clinician has assessed the standing signs."""

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
from strideback.domain.redflags import LEVEL_TITLES, RedFlagStatus
from strideback.domain.types import InvalidValue

_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold red",
    "contact_clinician": "bold yellow",
    "none": "green",
}


def register(app: typer.Typer) -> None:
    @app.command("redflags")
    def redflags_command(
        answers: Annotated[
            str | None,
            typer.Option(
                "--answers",
                help="key=yes|no pairs, comma-separated; only the keys listed are recorded as asked. Keys: "
                + ", ".join(redflags.KEYS)
                + ".",
            ),
        ] = None,
        assessed: Annotated[
            bool,
            typer.Option("--assessed", help="A clinician has assessed the standing warning signs."),
        ] = False,
        note: Annotated[
            str, typer.Option("--note", help="With --assessed: who assessed, what they said.")
        ] = "",
        date: DateOpt = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Answer the red-flag questions; the result is stored and shown first everywhere."""
        from strideback.services.screening import record_assessment, record_screening, status

        if assessed and answers is not None:
            usage_error("give either --assessed or --answers, not both")
        if note and not assessed:
            usage_error("--note goes with --assessed")
        try:
            day = date or today_date()
            if assessed:
                person_id = open_store(home)
                _show_assessed(record_assessment(person_id, day, note), as_json)
                return
            if answers is not None:
                given = redflags.parse_answers(answers)
            elif stdin_is_terminal() and not as_json:
                given = _ask()
            else:
                usage_error("give --answers key=yes,... (keys: " + ", ".join(redflags.KEYS) + ")")
            person_id = open_store(home)
            result = record_screening(person_id, given, day, full_screen=True)
            standing = status(person_id, day)
        except InvalidValue as error:
            usage_error(str(error))
        if as_json:
            emit_json(result.to_json())
            return
        console.print(f"[{_STYLE[result.level]}] {result.title} [/]", highlight=False)
        console.print(result.message, highlight=False)
        new = set(result.reasons)
        if any(s.key not in new for s in standing.stop):
            _show_standing(standing)


def _show_standing(standing: RedFlagStatus) -> None:
    level = standing.stop[0].level
    console.print(f"\n[{_STYLE[level]}] Still standing: {LEVEL_TITLES[level]} [/]", highlight=False)
    console.print(standing.stop_message(), highlight=False)
    if standing.unassessed_stop:
        console.print(
            "These signs need a clinician's assessment; once you have been seen, record it with "
            "[bold]strideback redflags --assessed[/].",
            highlight=False,
        )


def _show_assessed(standing: RedFlagStatus, as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "assessed": True,
                "level": standing.level,
                "standing": [s.key for s in standing.stop],
            }
        )
        return
    console.print("Recorded: a clinician has assessed the warning signs standing today.", highlight=False)
    if standing.stop:
        console.print(
            "Running stays paused until you answer the red-flag questions again and the signs have gone: "
            "[bold]strideback redflags[/].",
            highlight=False,
        )


def _ask() -> dict[str, bool]:
    from rich.prompt import Confirm

    console.print("[bold]Red-flag questions[/] — answer y or n.\n", highlight=False)
    try:
        return {key: Confirm.ask(redflags.QUESTIONS[key], console=console) for key in redflags.KEYS}
    except EOFError:
        usage_error("the questions were interrupted; nothing was stored")
