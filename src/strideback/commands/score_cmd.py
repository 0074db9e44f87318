"""`strideback score` (stateless scoring) and `strideback questionnaire` (ask, store, compare)."""

from __future__ import annotations

from typing import Annotated

import typer

from strideback.commands._common import (
    DateOpt,
    HomeOpt,
    JsonOpt,
    StatelessHomeOpt,
    console,
    emit_json,
    open_store,
    stdin_is_terminal,
    today_date,
    usage_error,
)
from strideback.domain.instruments import (
    INSTRUMENTS,
    Change,
    Instrument,
    InvalidAnswer,
    Score,
    get_instrument,
    parse_answers,
    score,
)
from strideback.domain.types import InvalidValue

# --help lists the choices, from the domain's table of instruments; an unknown one gets the domain's
# own usage error (naming every instrument), like any other bad answer.
InstrumentArg = Annotated[
    str,
    typer.Argument(metavar="INSTRUMENT", help=f"One of {', '.join(INSTRUMENTS)}.", show_default=False),
]


def register(app: typer.Typer) -> None:
    @app.command("score")
    def score_command(
        instrument: InstrumentArg,
        answers: Annotated[
            str,
            typer.Option(
                "--answers",
                help="Item scores in item order, comma-separated; - for an unanswered item "
                "(ODI 0–5 ×10, RMDQ 0/1 ×24, SBI and SFI 0–6 ×4, STarT Back 0/1 ×8 then 0–4).",
            ),
        ],
        home: StatelessHomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Score a questionnaire from its answers without storing anything."""
        try:
            result = score(instrument, parse_answers(instrument, answers))
        except InvalidAnswer as error:
            usage_error(str(error))
        if as_json:
            emit_json(result.to_json())
            return
        _show_score(get_instrument(instrument), result)

    @app.command("questionnaire")
    def questionnaire_command(
        instrument: InstrumentArg,
        date: DateOpt = None,
        answers: Annotated[
            str | None,
            typer.Option("--answers", help="Answer without prompts: item scores in order, - if unanswered."),
        ] = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Answer a questionnaire (asked item by item), store it and see the change since the last one."""
        from strideback.services.questionnaires import record_questionnaire

        try:
            chosen = get_instrument(instrument)
            day = date or today_date()
            if answers is not None:
                given = parse_answers(chosen.key, answers)
            elif stdin_is_terminal():
                given = _ask(chosen)
            else:
                usage_error(
                    f"give --answers (in item order) or run `strideback questionnaire {chosen.key}` "
                    "in a terminal to be asked each item"
                )
            person_id = open_store(home)
            result, change = record_questionnaire(person_id, chosen.key, given, day)
        except InvalidValue as error:
            usage_error(str(error))
        if as_json:
            emit_json(
                {
                    "date": day.isoformat(),
                    "response": result.to_json(),
                    "change": change.to_json() if change else None,
                }
            )
            return
        _show_score(chosen, result)
        _show_change(change)


def _ask(instrument: Instrument) -> list[int | None]:
    """Ask each item on the terminal with its answer options; '-' leaves an item unanswered."""
    from rich.prompt import Prompt

    console.print(f"[bold]{instrument.name}[/]\n{instrument.instructions}\n", highlight=False)
    given: list[int | None] = []
    for item in instrument.items:
        console.print(f"[bold]{item.number}/{len(instrument.items)}[/] {item.text}", highlight=False)
        for value, label in item.options:
            console.print(f"   {value}  {label}".rstrip(), highlight=False)
        choices = [str(value) for value in item.values] + ["-"]
        try:
            reply = Prompt.ask(
                "Your answer (- to skip)", choices=choices, show_choices=False, console=console
            )
        except EOFError:
            usage_error("the questionnaire was interrupted; nothing was stored")
        given.append(None if reply == "-" else int(reply))
    return given


def _show_score(instrument: Instrument, result: Score) -> None:
    if not result.valid:
        console.print(f"[bold yellow]{instrument.name}: not scored.[/] {result.reason}.", highlight=False)
        return
    band = f" — {result.band}" if result.band else ""
    console.print(
        f"[bold]{instrument.name}: {result.score:g} of {result.max:g}{band}[/]\n{result.interpretation}",
        highlight=False,
    )


def _show_change(change: Change | None) -> None:
    if change is None:
        console.print("No earlier response to compare with.", highlight=False)
        return
    points = f"{change.points:+g} points" + (f" ({change.percent:+g}%)" if change.percent is not None else "")
    if change.meaningful:
        colour = "green" if change.direction == "better" else "red"
        console.print(f"Since last time: [{colour}]{change.direction}, {points}[/] — a meaningful change.")
    else:
        console.print(f"Since last time: {points} — within the range of ordinary variation.")
    console.print(f"[dim]Rule: {change.rule}.[/]", highlight=False)
