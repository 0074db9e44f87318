"""Restore's second check: every archived row must pass the same domain rules as a live write.

The type checks in `store.archive` make a row fit its table; these make it a value the app could have
written: in range (domain/bounds.py), dated between the floor and today, notes and lists bounded.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from strideback.domain import bounds
from strideback.domain import types as d
from strideback.store import models as m

KEY = re.compile(r"[0-9a-f]{64}")  # the sealed key of a trial (domain/trial/design.key_from_seed)
TRIAL_STATES = ("running", "stopped")
DEVIATIONS = ("", "safety", "rest_rule", "not_followed")  # services/trial.py and domain/trial/today.py


def check_domain_rules(
    table: str, index: int, values: dict[str, Any], today: dt.date, refuse: type[Exception]
) -> None:
    """The same rules as a live write (the domain types and domain/bounds.py), and no date after today.

    The message names the table, the row and the field, never the value (it may be a health value).
    """
    try:
        _domain_rules(table, values, today)
    except d.InvalidValue as error:
        raise refuse(f"{table} row {index + 1} is refused: {error.safe_message}") from None
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise refuse(f"{table} row {index + 1} is refused: {type(error).__name__}") from None


def _domain_rules(table: str, values: dict[str, Any], today: dt.date) -> None:
    from strideback.store.records.activities import _to_activity
    from strideback.store.records.checkins import _to_checkin

    now = dt.datetime.now(dt.UTC)
    for name in ("created_at", "updated_at", "imported_at"):
        if values.get(name) is not None:
            bounds.check_moment(name, values[name], now)
    if table == "person":
        d.Person(name=values["name"], units=values["units"])
        bounds.check_text("name", values["name"], bounds.NAME_MAX_CHARS)
        if values["date_of_birth"] is not None:
            bounds.check_day("date_of_birth", values["date_of_birth"], today)
    elif table == "activities":
        bounds.check_number("utc_offset_min", values["utc_offset_min"])
        laps = values["laps"]
        if not isinstance(laps, list) or not all(isinstance(lap, dict) for lap in laps):
            raise d.InvalidValue("laps", "?", "a list of laps")
        bounds.check_count("laps", len(laps), bounds.MAX_LAPS)
        activity = _to_activity(m.Activity(**values))  # the reader's own conversion, with its checks
        bounds.check_moment("start", activity.start, now)
    elif table == "checkins":
        bounds.check_day("date", _to_checkin(m.CheckIn(**values)).date, today)
    elif table == "questionnaires":
        if not isinstance(values["answers"], list) or len(values["answers"]) > 100:
            raise d.InvalidValue("answers", "?", "a list of at most 100 item scores")
        d.QuestionnaireResponse(
            values["instrument"], values["date"], tuple(values["answers"]), values["score"]
        )
        bounds.check_day("date", values["date"], today)
    elif table == "screenings":
        answers, reasons = values["answers"], values["reasons"]
        if not isinstance(answers, dict) or not all(isinstance(v, bool) for v in answers.values()):
            raise d.InvalidValue("answers", "?", "yes/no answers by question")
        if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
            raise d.InvalidValue("reasons", "?", "a list of reasons")
        bounds.check_count("answers", len(answers), 100)
        bounds.check_count("reasons", len(reasons), 100)
        bounds.check_day("date", values["date"], today)
    elif table == "plan_state":
        bounds.check_number("plan.stage", values["stage"], "stage")
        sports = values["avoid_sports"]
        if not isinstance(sports, list):
            raise d.InvalidValue("avoid_sports", "?", "a list of sports")
        d.PlanCaps(values["max_stage"], values["pain_during_limit"], tuple(d.Sport.parse(s) for s in sports))
    elif table == "plan_events":
        bounds.check_day("date", values["date"], today)
        bounds.check_number("plan.stage", values["stage_before"], "stage_before")
        bounds.check_number("plan.stage", values["stage_after"], "stage_after")
        bounds.check_text("reason", values["reason"])
    elif table == "imported_files":
        bounds.check_text("name", values["name"], 500)
        bounds.check_text("reason", values["reason"])
    elif table in ("trials", "trial_days"):
        _trial_rules(table, values, today)
    elif table == "plan_limit_settings":
        _limit_setting_rules(values, now)


def _limit_setting_rules(values: dict[str, Any], now: dt.datetime) -> None:
    """Limits as a clinician's `set_limits` writes them (services/daily.set_caps): a stage of the plan or
    none, a pain limit that only tightens the green band, known sports; by an email; not in the future."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from strideback.domain import plan

    bounds.check_moment("at", values["at"], now)
    try:
        validate_email(values["clinician_email"])
    except ValidationError:
        raise d.InvalidValue("clinician_email", "?", "the clinician's email address") from None
    stage = values["max_stage"]
    if stage is not None and not plan.FIRST_STAGE <= stage <= plan.LAST_STAGE:
        raise d.InvalidValue(
            "max stage", "?", f"a stage from {plan.FIRST_STAGE} to {plan.LAST_STAGE}, or none"
        )
    plan.check_pain_limit(values["pain_during_limit"])
    sports = values["avoid_sports"]
    if not isinstance(sports, list) or not all(isinstance(s, str) for s in sports):
        raise d.InvalidValue("avoid_sports", "?", "a list of sports")
    bounds.check_count("avoid_sports", len(sports), len(d.Sport))
    for sport in sports:
        d.Sport.parse(sport, "avoid")


def _trial_rules(table: str, values: dict[str, Any], today: dt.date) -> None:
    """A trial as `trial start` writes it (domain/trial/design.py), and its days as the service settles them."""
    from strideback.domain.trial.design import ARMS, check_weeks

    if table == "trials":
        check_weeks(values["weeks"])
        if not isinstance(values["key"], str) or not KEY.fullmatch(values["key"]):
            raise d.InvalidValue("key", "?", "64 lowercase hexadecimal digits")
        if values["state"] not in TRIAL_STATES:
            raise d.InvalidValue("state", "?", " or ".join(TRIAL_STATES))
        bounds.check_day("start", values["start"], today)
        if values["stopped_on"] is not None:
            bounds.check_day("stopped_on", values["stopped_on"], today)
            if values["stopped_on"] < values["start"]:
                raise d.InvalidValue("stopped_on", "?", "a day on or after the trial's start")
        return
    if values["allocation"] not in ARMS:
        raise d.InvalidValue("allocation", "?", " or ".join(ARMS))
    if values["deviation"] not in DEVIATIONS:
        raise d.InvalidValue("deviation", "?", "none, " + ", ".join(DEVIATIONS[1:]))
    bounds.check_day("date", values["date"], today)


def check_trial_days(
    trials: list[dict[str, Any]], days: list[dict[str, Any]], refuse: type[Exception]
) -> None:
    """Each trial day lies within its trial's days (the references are already checked)."""
    from strideback.domain.trial.design import TrialDesign

    designs = {row["id"]: TrialDesign(row["start"], row["weeks"]) for row in trials}
    for index, row in enumerate(days):
        if designs[row["trial_id"]].day_number(row["date"]) is None:
            raise refuse(f"trial_days row {index + 1} is refused: date outside its trial")
