"""`strideback plan show|set-stage N|caps`: the walk-run plan, its stage and a clinician's limits."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    console,
    emit_json,
    escape,
    open_store,
    today_date,
    usage_error,
)
from strideback.domain.dates import format_day_text
from strideback.domain.types import InvalidValue


def register(app: typer.Typer) -> None:
    plan_app = typer.Typer(
        no_args_is_help=True, help="The walk-run plan: its stages, where you are, and a clinician's limits."
    )
    app.add_typer(plan_app, name="plan")

    @plan_app.command("show")
    def show_command(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """Show the plan: the current stage and session, the limits, every stage and the history."""
        person_id = open_store(home)
        from strideback.services.daily import plan_overview

        overview = plan_overview(person_id, today_date()).to_json()
        if as_json:
            emit_json(overview)
            return
        show(overview)

    @plan_app.command("set-stage")
    def set_stage_command(
        stage: Annotated[int, typer.Argument(help="The stage to run at, from 1 to 10.")],
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Set the stage by hand (kept within a clinician's highest stage); recorded in the history."""
        person_id = open_store(home)
        from strideback.domain.plan_overview import PlanOverview
        from strideback.services.daily import set_stage

        try:
            state = set_stage(person_id, today_date(), stage)
        except InvalidValue as error:
            usage_error(str(error))
        overview = PlanOverview(state).to_json()
        if as_json:
            emit_json(overview)
            return
        console.print(escape(overview["history"][-1]["reason"]), highlight=False)
        _current(overview)

    @plan_app.command("caps")
    def caps_command(
        max_stage: Annotated[
            int | None, typer.Option("--max-stage", help="Highest stage allowed (0 removes the cap).")
        ] = None,
        pain_limit: Annotated[
            int | None,
            typer.Option(
                "--pain-limit",
                help="Highest leg pain during a session that is still green, 0–5 (above 5/10 is always too much).",
            ),
        ] = None,
        avoid: Annotated[
            list[str] | None,
            typer.Option("--avoid", help="A sport to avoid (repeatable); --avoid none clears the list."),
        ] = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Show or set the limits a clinician may put on the plan; options not given stay as they are."""
        person_id = open_store(home)
        from strideback.domain.plan_overview import PlanOverview
        from strideback.services.daily import plan_overview, set_caps

        if max_stage is None and pain_limit is None and avoid is None:
            overview = plan_overview(person_id, today_date()).to_json()
        else:
            try:
                state = set_caps(person_id, today_date(), max_stage, pain_limit, avoid)
                overview = PlanOverview(state).to_json()
            except InvalidValue as error:
                usage_error(str(error))
        if as_json:
            emit_json(overview)
            return
        _caps(overview)


def _caps(overview: dict[str, Any]) -> None:
    caps = overview["caps"]
    avoid = ", ".join(caps["avoid_sports"]) or "nothing"
    console.print(
        f"Highest stage: {caps['max_stage'] or 'no cap'}  ·  pain-during limit: {caps['pain_during_limit']}/10"
        f"  ·  avoid: {avoid}",
        highlight=False,
    )


def _current(overview: dict[str, Any]) -> None:
    session = overview["session"]
    console.print(
        f"[bold]Stage {overview['stage']} of {len(overview['stages'])}:[/] {escape(session['description'])}"
        f" ({session['minutes']:g} min)",
        highlight=False,
    )
    if not overview["running_allowed"]:
        console.print("[yellow]Running is on the avoid list: the plan is paused.[/]")


def show(overview: dict[str, Any]) -> None:
    from strideback.domain.plan import RULES_TEXT

    _current(overview)
    if overview.get("holding") and overview.get("weekly"):
        console.print(
            f"[yellow]{escape(overview['weekly']['reason'])} The plan does not move up while it rises.[/]",
            highlight=False,
        )
    console.print(f"Green sessions in a row at this stage: {overview['greens_in_a_row']}", highlight=False)
    _caps(overview)
    from rich.table import Table

    table = Table(title="Stages", show_lines=False)
    for column in ("Stage", "Session", "Minutes"):
        table.add_column(column)
    for stage in overview["stages"]:
        marker = "→ " if stage["stage"] == overview["stage"] else ""
        capped = stage["stage"] > overview["highest_stage"]
        style = "dim" if capped else None
        table.add_row(
            f"{marker}{stage['stage']}", escape(stage["description"]), f"{stage['minutes']:g}", style=style
        )
    console.print(table)
    console.print(f"Rules: {escape(RULES_TEXT)}", highlight=False)
    history = overview["history"][-10:]
    if history:
        console.print("[bold]Recent changes[/]")
        for event in history:
            console.print(f"  {format_day_text(event['date'])}  {escape(event['reason'])}", highlight=False)
