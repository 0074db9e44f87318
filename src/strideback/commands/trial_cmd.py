"""`strideback trial start|status|stop|analyze`: the randomised personal (N-of-1) trial (issue 13)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    err_console,
    open_store,
    today_date,
    usage_error,
)
from strideback.domain.types import InvalidValue

ESTIMATE_LABELS = {
    "leg_pain_next_morning": "Leg pain next morning",
    "back_pain_next_morning": "Back pain next morning",
    "reach_next_morning": "Reach next morning",
}


def _refused(message: str) -> None:
    err_console.print(f"[bold red]Not now:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    trial_app = typer.Typer(
        no_args_is_help=True,
        help="A randomised personal trial: does running raise your next-morning leg pain?",
    )
    app.add_typer(trial_app, name="trial")

    @trial_app.command("start")
    def start_command(
        weeks: Annotated[int, typer.Option("--weeks", help="How long, in weeks (4 to 16).")] = 6,
        seed: Annotated[
            int | None, typer.Option("--seed", help="Make the draw reproducible (for testing).")
        ] = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Start a trial: the app draws which days are run days and which are low-impact days."""
        from strideback.services.trial import TrialRefused, start

        try:
            from strideback.domain.trial.design import check_weeks

            check_weeks(weeks)
        except InvalidValue as error:
            usage_error(str(error))
        person_id = open_store(home)
        try:
            status = start(person_id, today_date(), weeks, seed)
        except TrialRefused as error:
            _refused(str(error))
            return
        if as_json:
            emit_json(status.to_json())
            return
        console.print("[bold]Your personal trial has started.[/]")
        _explain(status.to_json())
        _status(status.to_json())

    @trial_app.command("status")
    def status_command(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """Where the trial stands: today's day, the days so far (never a day still to come)."""
        from strideback.services.trial import status

        data = status(open_store(home), today_date()).to_json()
        if as_json:
            emit_json(data)
            return
        _status(data)

    @trial_app.command("stop")
    def stop_command(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """Stop the trial now (allowed at any time); the days so far are kept for the analysis."""
        from strideback.services.trial import TrialRefused, stop

        try:
            data = stop(open_store(home), today_date()).to_json()
        except TrialRefused as error:
            _refused(str(error))
            return
        if as_json:
            emit_json(data)
            return
        console.print("The trial is stopped. See what it found with `strideback trial analyze`.")

    @trial_app.command("analyze")
    def analyze_command(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """The answer: run days against low-impact days, with a 95% interval and a randomisation test."""
        from strideback.services.trial import analyze

        data = analyze(open_store(home), today_date()).to_json()
        if as_json:
            emit_json(data)
            return
        _answer(data)


def _explain(data: dict[str, Any]) -> None:
    for line in data["explanation"]:
        console.print(f"  • {escape(line)}", highlight=False)


def _status(data: dict[str, Any]) -> None:
    if data["state"] == "none":
        console.print(escape(data["message"]), highlight=False)
        return
    console.print(
        f"Trial {data['state']}: {data['start']} to {data['end']} ({data['days_total']} days).",
        highlight=False,
    )
    console.print(escape(data["message"]), highlight=False)
    allocated = data["allocated"]
    adherence = f", done as drawn {data['adherence']:.0%}" if data["adherence"] is not None else ""
    console.print(
        f"So far: {allocated.get('run', 0)} run days, {allocated.get('low_impact', 0)} low-impact days{adherence}.",
        highlight=False,
    )


def _number(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:+.{digits}f}"


def _answer(data: dict[str, Any]) -> None:
    console.print(f"[bold]{escape(data['bottom_line'])}[/]", highlight=False)
    if data["state"] == "none":
        return
    table = Table(title="Run days against low-impact days")
    for column in ("Outcome", "Analysis", "Difference", "95% interval", "p (randomisation)", "Verdict"):
        table.add_column(column)
    rows = [data["as_allocated"], data["as_done"], *data["secondary"]]
    for row in rows:
        if row is None:
            continue
        interval = "–" if row["ci_low"] is None else f"{_number(row['ci_low'])} to {_number(row['ci_high'])}"
        p = "–" if row["p_randomization"] is None else f"{row['p_randomization']:.3f}"
        analysis = "as allocated" if row["analysis"] == "as_allocated" else "as done (not randomised)"
        table.add_row(
            ESTIMATE_LABELS.get(row["outcome"], row["outcome"]),
            analysis,
            _number(row["estimate"]),
            interval,
            p,
            row["verdict"].replace("_", " "),
        )
    console.print(table)
    adherence = "–" if data["adherence"] is None else f"{data['adherence']:.0%}"
    deviations = data["deviations"]
    console.print(
        f"Days analysed: {data['n_days']}  ·  done as drawn: {adherence}  ·  safety overrides: "
        f"{deviations['safety']}  ·  not done as drawn: {deviations['not_followed']}",
        highlight=False,
    )
    console.print("[bold]Report items (CENT 2015)[/]")
    for item in data["cent"]:
        console.print(f"  {escape(item['item'])}: {escape(item['text'])}", highlight=False)
