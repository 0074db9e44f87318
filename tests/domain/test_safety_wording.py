"""Issue 11 wording and issue 16's one red-flag table: what the person reads never misleads."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from strideback.domain.advice import advise
from strideback.domain.instruments import odi
from strideback.domain.redflag_words import LEVEL_TITLES, RED_FLAGS
from strideback.domain.redflags import KEYS, Assessment, screen, standing_signs
from strideback.domain.types import CheckIn, Reach, RedFlagScreening

SRC = Path(__file__).resolve().parents[2] / "src" / "strideback"
DAY = dt.date(2026, 5, 20)


def _sources() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SRC.rglob("*") if p.suffix in (".py", ".html")]


def test_each_red_flag_wording_is_written_once_in_the_source() -> None:
    sources = _sources()
    for flag in RED_FLAGS:
        for text in (flag.question[:60], flag.clinician, flag.short):
            hits = sum(source.count(f'"{text}') for source in sources)
            assert hits == 1, (flag.key, text, hits)
    for title in LEVEL_TITLES.values():
        assert sum(source.count(f'"{title}"') for source in sources) == 1, title


def test_the_old_copies_are_gone() -> None:
    joined = "\n".join(_sources())
    for name in ("SIGN_LABELS", "SHORT_FLAG_LABELS", "_RED_FLAG_KEYS", "LEVEL_WORDS = {", "_TITLE = {"):
        assert name not in joined, name


@pytest.mark.parametrize("percent", [81, 90, 100])
def test_the_highest_odi_band_does_not_read_as_disbelief(percent: int) -> None:
    band, meaning = odi.band_for(percent)
    assert band == "bed-bound"  # the contract's band name stays
    for word in ("overstate", "exaggerat", "not genuine", "inflat"):
        assert word not in meaning.lower()
    assert "clinician" in meaning


def test_screen_messages_never_diagnose() -> None:
    for size in (1, 2):
        for keys in itertools.combinations(KEYS, size):
            message = screen(dict.fromkeys(keys, True)).message.lower()
            assert "you have cauda" not in message and "you have a" not in message
            assert "diagnos" not in message
            assert "does not replace a clinician" in message


def _advice(checkin: CheckIn | None, screenings=(), assessments=()):
    flags = standing_signs(list(screenings), list(assessments), DAY)
    history = [CheckIn(DAY - dt.timedelta(days=n), 1, 2) for n in range(7, 0, -1)]
    return advise(DAY, checkin, history, [], [], None, None, None, flags=flags)


def test_no_warning_signs_is_never_said_when_there_are_signs() -> None:
    fever = RedFlagScreening(DAY, {"fever": True})
    for advice in (
        _advice(CheckIn(DAY, 1, 2), [fever]),
        _advice(CheckIn(DAY, 1, 2, weakness=True), [RedFlagScreening(DAY, {"weakness_one_leg": False})]),
        _advice(CheckIn(DAY, 1, 7)),
        _advice(CheckIn(DAY, 1, 2), [RedFlagScreening(DAY, {"bladder": True})]),
    ):
        assert not any("no warning signs" in r.lower() for r in advice.reasons), advice.reasons


def test_weakness_always_comes_with_a_contact_a_clinician_line() -> None:
    first = RedFlagScreening(
        DAY - dt.timedelta(days=3), {"weakness_one_leg": True}, recorded_at=dt.datetime(2026, 5, 17)
    )
    seen = Assessment(DAY - dt.timedelta(days=2), recorded_at=dt.datetime(2026, 5, 18))
    gone = RedFlagScreening(
        DAY - dt.timedelta(days=1), {"weakness_one_leg": False}, recorded_at=dt.datetime(2026, 5, 19)
    )
    for advice in (
        _advice(CheckIn(DAY, 1, 2, weakness=True)),
        _advice(CheckIn(DAY, 1, 2, weakness=True), [first]),
        _advice(CheckIn(DAY, 1, 2, weakness=True, reach=Reach.FOOT), [first], [seen]),
        _advice(CheckIn(DAY, 1, 2, weakness=True), [first, gone], [seen]),
    ):
        assert advice.light in ("red", "stop")
        assert advice.suggestion.sport != "run"
        assert any("clinician" in r.lower() for r in advice.reasons), advice.reasons
