"""One set of bounds (domain/bounds.py): every door refuses the same values with the same words."""

import datetime as dt

import pytest

from strideback.domain.types import Activity, CheckIn, InvalidValue, Sport, check_not_future

TZ = dt.UTC


def test_a_checkin_in_year_one_is_refused():
    with pytest.raises(InvalidValue) as error:
        CheckIn(date=dt.date(1, 1, 1), back_pain=1, leg_pain=1)
    assert error.value.field == "date"
    assert "1900-01-01" in str(error.value)


def test_an_activity_before_the_floor_is_refused():
    with pytest.raises(InvalidValue):
        Activity(sport=Sport.RUN, start=dt.datetime(1, 1, 2, tzinfo=TZ), duration_s=600)


def test_the_floor_itself_and_today_are_allowed():
    CheckIn(date=dt.date(1900, 1, 1), back_pain=1, leg_pain=1)
    check_not_future("date", dt.date.today(), dt.date.today())


def test_check_not_future_also_refuses_dates_before_the_floor():
    with pytest.raises(InvalidValue):
        check_not_future("date", dt.date(1, 1, 1), dt.date.today())


@pytest.mark.parametrize("note_length", [2001, 5_000_000])
def test_a_note_longer_than_the_bound_is_refused(note_length):
    with pytest.raises(InvalidValue) as error:
        CheckIn(date=dt.date(2026, 1, 1), back_pain=1, leg_pain=1, note="x" * note_length)
    assert len(str(error.value)) < 300  # the message does not repeat five million characters
    with pytest.raises(InvalidValue):
        Activity(
            sport=Sport.RUN, start=dt.datetime(2026, 1, 1, tzinfo=TZ), duration_s=600, note="x" * note_length
        )


def test_two_hundred_thousand_laps_are_refused():
    from strideback.domain.types import Lap

    start = dt.datetime(2026, 1, 1, tzinfo=TZ)
    laps = (Lap(start=start, duration_s=1),) * 200_000
    with pytest.raises(InvalidValue) as error:
        Activity(sport=Sport.RUN, start=start, duration_s=600, laps=laps)
    assert error.value.field == "laps"


def test_the_safe_message_carries_no_value():
    with pytest.raises(InvalidValue) as error:
        Activity(sport=Sport.RUN, start=dt.datetime(2026, 1, 1, tzinfo=TZ), duration_s=600, pain_after=11)
    assert "11" in str(error.value)  # the person sees what they typed
    assert "11" not in error.value.safe_message.replace("0 to 10", "")


def test_bounded_lists_name_a_few_then_count_the_rest():
    from strideback.domain.bounds import listed

    assert listed(f"name{i}" for i in range(2_000_000)) == "name0, name1, name2 and 1999997 more"
    assert listed(["a"]) == "a"
    assert listed([]) == "-"
