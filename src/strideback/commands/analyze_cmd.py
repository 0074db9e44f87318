"""`strideback analyze`: is running helping or hurting me? The diary's evidence, with its uncertainty."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from strideback.commands._common import (
    HomeOpt,
    JsonOpt,
    SinceOpt,
    console,
    emit_json,
    escape,
    open_store,
    usage_error,
)
from strideback.domain.dates import format_day
from strideback.domain.effects.wording import exposure_words, outcome_words

if TYPE_CHECKING:
    from strideback.domain.effects import Analysis


def _day(day: dt.date | None) -> str:
    return "-" if day is None else format_day(day)


VERDICT_STYLE = {
    "worse": ("bold red", "worse"),
    "better": ("bold green", "better"),
    "unclear": ("yellow", "unclear"),
    "insufficient_data": ("dim", "not enough data"),
}


def register(app: typer.Typer) -> None:
    @app.command("analyze")
    def analyze_command(
        since: SinceOpt = None,
        everything: Annotated[
            bool,
            typer.Option("--all", help="Use every day with check-ins (default: the last 12 months of them)."),
        ] = False,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Is running helping or hurting me? Effects, trends and comparisons from your own diary."""
        day = since
        if since is not None and everything:
            usage_error("since: give either --since DATE or --all, not both")
        person_id = open_store(home)
        if not as_json:
            with console.status("Fitting the models to your diary…"):
                result = _analysis(person_id, day, everything)
            show(result)
            return
        emit_json(_analysis(person_id, day, everything).to_json())


def _analysis(person_id: int, since, everything: bool) -> Analysis:
    """The analysis; the default window's result is also kept for the dashboard."""
    from strideback.services.analysis import analyze_person, refresh_now

    if since is None and not everything:
        return refresh_now(person_id)
    return analyze_person(person_id, since=since, everything=everything)


def _say(text: str, style: str = "") -> None:
    console.print(f"[{style}]{escape(text)}[/]" if style else escape(text), highlight=False)


def show(result: Analysis) -> None:
    from strideback.domain.effects.sentences import (
        day_type_sentence,
        effect_sentence,
        restart_sentence,
        trend_sentence,
    )

    if result.n_days == 0:
        _say("Nothing recorded yet: check in each morning and log your sessions, then ask again.")
        return
    console.rule("[bold]Is running helping or hurting me?[/]")
    console.print()
    _say(result.bottom_line, "bold")
    _say(result.diary_limit, "dim")
    for lag in result.primary.lag_effects if result.primary else ():
        if lag.estimate is not None and lag.ci_low is not None and lag.ci_high is not None:
            _say(
                f"  {'next' if lag.lag_days == 1 else 'second'} morning: {lag.estimate:+.1f} "
                f"({lag.ci_low:+.1f} to {lag.ci_high:+.1f}) per 30 min",
                "dim",
            )
    console.print()
    _say(
        f"{result.n_days} days from {_day(result.first_day)} to {_day(result.last_day)}, "
        f"{result.checkin_days} morning check-ins.",
        "dim",
    )
    console.print()
    console.print("[bold]Over time[/]")
    for trend in (result.leg_pain_trend, result.back_pain_trend, result.odi_trend):
        _say(f"  • {trend_sentence(trend)}")
    _say(f"  • {restart_sentence(result.restart)}")
    console.print()

    estimated = [e for e in result.effects if e.verdict != "insufficient_data"]
    waiting = [e for e in result.effects if e.verdict == "insufficient_data"]
    if estimated:
        from rich.table import Table

        table = Table(title="What followed what (95% intervals)", title_justify="left")
        for column in ("after", "on", "change", "95% interval", "verdict", "days"):
            table.add_column(column, justify="right" if column in ("change", "days") else "left")
        order = {"worse": 0, "better": 0, "unclear": 1}
        for e in sorted(estimated, key=lambda e: order[e.verdict]):
            style, label = VERDICT_STYLE[e.verdict]
            table.add_row(
                exposure_words(e.exposure).table + ("" if e.lag_days != 2 else ", 2 days before"),
                outcome_words(e.outcome).short,
                f"{e.estimate or 0.0:+.1f}",
                f"{e.ci_low or 0.0:+.1f} to {e.ci_high or 0.0:+.1f}",
                f"[{style}]{label}[/]",
                str(e.days_used),
            )
        console.print(table)
        for e in estimated:
            if e.verdict in ("worse", "better"):
                _say(f"  • {effect_sentence(e)}")
        console.print()
    if waiting:
        console.print("[bold]Not enough data yet[/]")
        for e in waiting:
            _say(f"  • {effect_sentence(e)}", "dim")
        console.print()
    console.print("[bold]Run days, low-impact days and rest days[/]")
    for comparison in result.day_types:
        _say(f"  • {day_type_sentence(comparison)}")
    console.print()
    for note in result.notes:
        _say(note, "dim italic")
