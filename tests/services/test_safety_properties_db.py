"""Issue 11 through the real database: random histories recorded with the services (check-ins with their
red-flag line and edits, screenings, assessments, back-dated entries), `today` read back every step.

Fewer examples than the domain-level machine (tests/domain/test_safety_properties.py): each step writes
and reads the real database. The reference model of the stop is the one written there.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from safety_model import reference_stop
from strideback.domain.redflag_words import EMERGENCY_KEYS, URGENT_KEYS
from strideback.domain.redflags import Assessment
from strideback.domain.types import CheckIn, Reach, RedFlagScreening

# One knob for every property test; this one writes the database, so 1/80 of it (25 of the CI 2000).
EXAMPLES = max(5, int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "2000")) // 80)
START = dt.date(2025, 9, 1)
BLOCKING = (*EMERGENCY_KEYS, *URGENT_KEYS)
KEYS = st.sampled_from(("bladder", "foot_drop", "weakness_one_leg", "fever"))


def test_recorded_histories_keep_the_safety_rules(person: int) -> None:
    from strideback.services import daily
    from strideback.services.checkins import record_check_in
    from strideback.services.screening import record_assessment, record_screening
    from strideback.store import records

    class RecordedLife(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            records.clear_person_records(person)
            self.today = START
            self.tick = 0
            self.checkins: dict[dt.date, CheckIn] = {}
            self.screenings: list[RedFlagScreening] = []  # the model's own record, in recording order
            self.assessments: list[Assessment] = []

        def _at(self) -> dt.datetime:
            self.tick += 1
            return dt.datetime(2025, 1, 1) + dt.timedelta(minutes=self.tick)

        @rule(days=st.integers(1, 4))
        def days_pass(self, days: int) -> None:
            self.today += dt.timedelta(days=days)

        @rule(
            back=st.sampled_from([0, 0, 1, 3]),
            leg=st.integers(0, 9),
            weakness=st.booleans(),
            line=st.one_of(st.none(), st.dictionaries(KEYS, st.booleans(), min_size=1)),
        )
        def check_in(self, back: int, leg: int, weakness: bool, line) -> None:
            day = self.today - dt.timedelta(days=back)
            checkin = CheckIn(day, 2, leg, reach=Reach.THIGH, weakness=weakness)
            line = {k: v for k, v in (line or {}).items() if k != "fever"} or None  # the line asks no "fever"
            previous = [c for d, c in sorted(self.checkins.items()) if d < day]
            answers = dict(line or {})
            if weakness and (not previous or not previous[-1].weakness):
                answers["weakness_one_leg"] = True
            record_check_in(person, checkin, red_flags=line, replace=True)
            self.checkins[day] = checkin
            if answers:
                self.screenings.append(
                    RedFlagScreening(day, answers, recorded_at=self._at(), from_checkin=True)
                )

        @rule(back=st.sampled_from([0, 0, 2]), answers=st.dictionaries(KEYS, st.booleans(), min_size=1))
        def screen(self, back: int, answers: dict[str, bool]) -> None:
            day = self.today - dt.timedelta(days=back)
            record_screening(person, answers, day)
            self.screenings.append(RedFlagScreening(day, answers, recorded_at=self._at()))

        @rule(back=st.sampled_from([0, 1]))
        def assessed(self, back: int) -> None:
            day = self.today - dt.timedelta(days=back)
            record_assessment(person, day)
            self.assessments.append(Assessment(day, recorded_at=self._at()))

        @invariant()
        def today_keeps_the_rules(self) -> None:
            advice = daily.today(person, self.today)
            standing = reference_stop(self.screenings, self.assessments, self.today)
            assert (advice.light == "stop") == bool(standing), (standing, advice.reasons)
            run = advice.suggestion.sport == "run"
            checkin = self.checkins.get(self.today)
            if checkin is None:
                assert not run
            elif checkin.weakness or checkin.leg_pain > 5:
                assert advice.light in ("red", "stop") and not run

    run_state_machine_as_test(
        RecordedLife,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
