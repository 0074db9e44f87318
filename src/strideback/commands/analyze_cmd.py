"""`strideback analyze`: is running helping or hurting me? The diary's evidence, with its uncertainty."""

from __future__ import annotations

from typing import Any

import typer

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    SinceOpt,
    console,
    emit_json,
    escape,
    open_store,
)

VERDICT_STYLE = {
    "worse": ("bold red", "worse"),
    "better": ("bold green", "better"),
    "unclear": ("yellow", "unclear"),
    "insufficient_data": ("dim", "not enough data"),
}
EXPOSURE_WORDS = {
    "run_minutes": "running (per 30 min)",
    "run_load": "running load (per 150 RPE·min)",
    "swim_minutes": "swimming (per 30 min)",
    "cycle_minutes": "cycling (per 30 min)",
    "walk_minutes": "walking (per 30 min)",
    "run_spike": "a run-spike day",
    "weekly_run_minutes": "a week's running (per hour)",
}
OUTCOME_WORDS = {
    "leg_pain_next_morning": "leg pain next morning",
    "back_pain_next_morning": "back pain next morning",
    "reach_next_morning": "reach next morning",
    "leg_pain_next_week": "leg pain the next week",
}


def register(app: typer.Typer) -> None:
    @app.command("analyze")
    def analyze_command(
        since: SinceOpt = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Is running helping or hurting me? Effects, trends and comparisons from your own diary."""
        day = since
        person_id = open_store(home)
        from strideback.services.analysis import analyze_person

        if not as_json:
            with console.status("Fitting the models to your diary…"):
                result = analyze_person(person_id, since=day).to_json()
            show(result)
            return
        emit_json(analyze_person(person_id, since=day).to_json())


def _say(text: str, style: str = "") -> None:
    console.print(f"[{style}]{escape(text)}[/]" if style else escape(text), highlight=False)


def show(result: dict[str, Any]) -> None:
    if result["n_days"] == 0:
        _say("Nothing recorded yet: check in each morning and log your sessions, then ask again.")
        return
    console.rule("[bold]Is running helping or hurting me?[/]")
    _say(
        f"{result['n_days']} days from {result['first_day']} to {result['last_day']}, "
        f"{result['checkin_days']} morning check-ins.",
        "dim",
    )
    console.print()
    console.print("[bold]Over time[/]")
    trend = result["trend"]
    for key in ("leg_pain", "back_pain", "odi", "running_restart"):
        _say(f"  • {trend[key]['sentence']}")
    console.print()

    estimated = [e for e in result["effects"] if e["verdict"] != "insufficient_data"]
    waiting = [e for e in result["effects"] if e["verdict"] == "insufficient_data"]
    if estimated:
        from rich.table import Table

        table = Table(title="What followed what (95% intervals)", title_justify="left")
        for column in ("after", "on", "change", "95% interval", "verdict", "days"):
            table.add_column(column, justify="right" if column in ("change", "days") else "left")
        order = {"worse": 0, "better": 0, "unclear": 1}
        for e in sorted(estimated, key=lambda e: order[e["verdict"]]):
            style, label = VERDICT_STYLE[e["verdict"]]
            table.add_row(
                EXPOSURE_WORDS.get(e["exposure"], e["exposure"]),
                OUTCOME_WORDS.get(e["outcome"], e["outcome"]),
                f"{e['estimate']:+.1f}",
                f"{e['ci_low']:+.1f} to {e['ci_high']:+.1f}",
                f"[{style}]{label}[/]",
                str(e["days_used"]),
            )
        console.print(table)
        for e in estimated:
            if e["verdict"] in ("worse", "better"):
                _say(f"  • {e['sentence']}")
        console.print()
    if waiting:
        console.print("[bold]Not enough data yet[/]")
        for e in waiting:
            _say(f"  • {e['sentence']}", "dim")
        console.print()
    console.print("[bold]Run days, low-impact days and rest days[/]")
    for comparison in result["comparisons"]["day_types"]:
        _say(f"  • {comparison['sentence']}")
    console.print()
    for note in result["notes"]:
        _say(note, "dim italic")
