"""Issue 11: a stateful property test over random histories, asserting today's safety rules every day.

Random check-ins (new, edited, back-dated; with or without the short red-flag line), red-flag
screenings (partial, back-dated, entered late), clinician assessments and days passing. After each step:
- `stop` exactly while an urgent or emergency report stands: every "yes" (and every new weakness) needs
  an assessment dated on or after it and recorded after it, then a screening (not a check-in's line)
  recorded after that assessment, dated on or after it, answering "no" (a reference model written here,
  independently of domain.redflags);
- no run with weakness, with morning leg pain > 5, without this morning's check-in, or while the last
  red morning has not been followed by a better one; an unchanged morning after a red one stays red.

Pure domain functions over plain data: cheap enough for thousands of histories in CI.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from safety_model import reference_stop
from strideback.domain.advice import advise
from strideback.domain.redflag_words import CONTACT_KEYS, EMERGENCY_KEYS, KEYS, URGENT_KEYS
from strideback.domain.redflags import Assessment, checkin_signs, standing_signs
from strideback.domain.types import CheckIn, Reach, RedFlagScreening

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "2000"))
START = dt.date(2026, 3, 2)
BLOCKING = (*EMERGENCY_KEYS, *URGENT_KEYS)
SHORT = (*EMERGENCY_KEYS, "weakness_one_leg")
# Signs drawn more often than the rest, so that histories reach the interesting states.
KEY_CHOICE = st.sampled_from(
    (*BLOCKING[:2], "weakness_one_leg", "foot_drop", "fever", "cancer_history", *KEYS)
)
LOW_IMPACT = {"walk", "cycle", "swim", "mobility", "rest"}


class DailyLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.today = START
        self.clock = dt.datetime(2026, 3, 2, 7, 0)
        self.checkins: dict[dt.date, CheckIn] = {}
        self.screenings: list[RedFlagScreening] = []
        self.assessments: list[Assessment] = []

    def _tick(self) -> dt.datetime:
        self.clock += dt.timedelta(minutes=1)
        return self.clock

    def _day(self, back: int) -> dt.date:
        return self.today - dt.timedelta(days=back)

    @rule()
    def a_day_passes(self) -> None:
        self.today += dt.timedelta(days=1)

    @rule(days=st.integers(2, 10))
    def days_pass(self, days: int) -> None:
        self.today += dt.timedelta(days=days)

    @rule(
        back=st.sampled_from([0, 0, 0, 1, 2, 5]),
        leg=st.integers(0, 10),
        reach=st.sampled_from(list(Reach)),
        numbness=st.booleans(),
        weakness=st.booleans(),
        line=st.one_of(st.none(), st.dictionaries(st.sampled_from(SHORT), st.booleans(), min_size=1)),
    )
    def check_in(self, back: int, leg: int, reach: Reach, numbness: bool, weakness: bool, line) -> None:
        """A new check-in or an edit of one (a replacement), possibly back-dated, with its red-flag line."""
        day = self._day(back)
        checkin = CheckIn(day, 2, leg, reach=reach, numbness=numbness, weakness=weakness)
        previous = [c for d, c in sorted(self.checkins.items()) if d < day]
        answers = {**(line or {}), **checkin_signs(checkin, previous[-1] if previous else None)}
        if checkin.weakness and (not previous or not previous[-1].weakness):
            assert answers.get("weakness_one_leg") is True  # new weakness is the urgent sign
        self.checkins[day] = checkin
        if answers:
            self.screenings.append(
                RedFlagScreening(day, answers, recorded_at=self._tick(), from_checkin=True)
            )

    @rule(
        back=st.sampled_from([0, 0, 1, 3, 6]), answers=st.dictionaries(KEY_CHOICE, st.booleans(), min_size=1)
    )
    def screen(self, back: int, answers: dict[str, bool]) -> None:
        self.screenings.append(RedFlagScreening(self._day(back), answers, recorded_at=self._tick()))

    @rule(back=st.sampled_from([0, 0, 1, 4]))
    def assessed(self, back: int) -> None:
        self.assessments.append(Assessment(self._day(back), recorded_at=self._tick()))

    @rule(back=st.sampled_from([0, 0, 1, 3]), key=st.sampled_from(BLOCKING + CONTACT_KEYS[:1]))
    def all_clear_for(self, back: int, key: str) -> None:
        """The screen that can lift a stop: this sign answered "no"."""
        self.screenings.append(RedFlagScreening(self._day(back), {key: False}, recorded_at=self._tick()))

    def _advice(self, day: dt.date):
        flags = standing_signs(self.screenings, self.assessments, day)
        before = [c for d, c in sorted(self.checkins.items()) if d < day]
        return advise(day, self.checkins.get(day), before, [], [], None, None, None, flags=flags)

    @invariant()
    def today_keeps_the_rules(self) -> None:
        day = self.today
        advice = self._advice(day)
        run = advice.suggestion.sport == "run"
        standing = reference_stop(self.screenings, self.assessments, day)
        assert (advice.light == "stop") == bool(standing), (standing, advice.reasons)
        if advice.light in ("red", "stop"):
            assert advice.suggestion.sport in LOW_IMPACT and not run
        checkin = self.checkins.get(day)
        earlier = [d for d in self.checkins if d < day]
        last = max(earlier) if earlier else None
        last_red = last is not None and self._advice(last).light == "red"
        if checkin is None:
            assert not run, "no run without this morning's check-in"
            if last_red:
                assert advice.light in ("red", "stop"), "a red morning holds until a better one"
            return
        if checkin.weakness:
            assert advice.light in ("red", "stop") and not run
            assert any("clinician" in r.lower() for r in advice.reasons)
        if checkin.leg_pain > 5:
            assert advice.light in ("red", "stop") and not run
        if checkin.leg_pain >= 4:
            assert advice.light != "green"
        if last_red and last is not None:
            before = self.checkins[last]
            fields = ("leg_pain", "reach", "numbness", "weakness")
            if all(getattr(before, f) == getattr(checkin, f) for f in fields):
                assert advice.light in ("red", "stop"), "an unchanged morning after a red one stays red"


DailyLife.TestCase.settings = settings(max_examples=EXAMPLES, stateful_step_count=15, deadline=None)
test_daily_life_keeps_the_safety_rules = DailyLife.TestCase
