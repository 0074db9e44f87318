"""Red-flag screening: the warning signs that make activity the wrong question, and what to do about them.

Sources: British Association of Spine Surgeons (BASS) cauda equina syndrome guidance 2018; NICE Clinical
Knowledge Summaries, "Sciatica (lumbar radiculopathy)" and "Back pain - low (without radiculopathy)";
Finucane et al., "International framework for red flags for potential serious spinal pathologies",
JOSPT 2020;50(7):350–72. The screen helps a person notice signs early; it never diagnoses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from strideback.domain.redflag_words import (
    CONTACT_KEYS,
    EMERGENCY_KEYS,
    KEYS,
    LEVEL_OF,
    LEVEL_TITLES,
    LEVELS,
    QUESTIONS,
    SIGNS,
    URGENT_KEYS,
    title,
)
from strideback.domain.types import CheckIn, InvalidValue, RedFlagScreening

__all__ = [
    "CONTACT_KEYS",
    "EMERGENCY_KEYS",
    "KEYS",
    "LEVELS",
    "LEVEL_OF",
    "LEVEL_TITLES",
    "QUESTIONS",
    "SHORT_CHECKIN_KEYS",
    "URGENT_KEYS",
]

# The questions asked one by one on every check-in: the emergency signs and new weakness in one leg.
SHORT_CHECKIN_KEYS = (*EMERGENCY_KEYS, "weakness_one_leg")

FULL_SCREEN_INTERVAL = dt.timedelta(days=7)  # full screen at first use and weekly (issue 4)
_SIGNS = SIGNS

NOT_A_CLINICIAN = "This screen does not replace a clinician; if you are worried, ask one."

_ACTIONS = {
    "emergency": "Go to an emergency department now.",
    "urgent": "Contact a clinician today (GP, physiotherapist or urgent care) and pause running until assessed.",
    "contact_clinician": "Book an appointment with your GP or physiotherapist within the next few days.",
    "none": "Carry on; answer these questions again if anything changes.",
}

_YES = ("yes", "y", "true", "1")
_NO = ("no", "n", "false", "0")


@dataclass(frozen=True)
class Screening:
    level: str
    reasons: tuple[str, ...]  # keys that triggered, highest level first
    message: str
    action: str
    title: str = ""  # redflag_words.title: the "none" title only when every question was asked

    def to_json(self) -> dict[str, object]:
        return {"level": self.level, "reasons": list(self.reasons), "message": self.message}


def level_rank(level: str) -> int:
    return LEVELS.index(level)


def blocks_activity(level: str) -> bool:
    """Urgent and emergency results make `today` say stop; nothing else overrides them (DESIGN.md)."""
    return level_rank(level) >= level_rank("urgent")


def parse_answers(text: str) -> dict[str, bool]:
    """Parse "key=yes,key2=no"; refuses unknown keys and values, naming the allowed ones."""
    answers: dict[str, bool] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip().lower(), value.strip().lower()
        if key not in LEVEL_OF:
            raise InvalidValue("red-flag question", key, "one of " + ", ".join(KEYS))
        if not sep or value not in _YES + _NO:
            raise InvalidValue(f"red-flag answer for {key}", value if sep else part, "yes or no")
        answers[key] = value in _YES
    if not answers:  # issue 11: nothing answered is not "no" to everything
        raise InvalidValue("--answers", text, "at least one key=yes|no pair; keys: " + ", ".join(KEYS))
    return answers


def screen(answers: Mapping[str, bool]) -> Screening:
    """The level the answers reach (the highest of any 'yes'), with a message naming the signs.

    Unlisted keys were not asked: they are neither yes nor no. Unknown keys are refused so that a typo
    never hides a warning sign.
    """
    unknown = [key for key in answers if key not in LEVEL_OF]
    if unknown:
        raise InvalidValue("red-flag question", unknown[0], "one of " + ", ".join(KEYS))
    yes = [key for key in KEYS if answers.get(key)]
    reasons = tuple(sorted(yes, key=lambda key: -level_rank(LEVEL_OF[key])))
    level = LEVEL_OF[reasons[0]] if reasons else "none"
    all_asked = set(answers) == set(KEYS)
    return Screening(
        level, reasons, _message(level, reasons, all_asked), _ACTIONS[level], title(level, dict(answers))
    )


def _signs(keys: list[str]) -> str:
    phrases = [_SIGNS[key] for key in keys]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _message(level: str, reasons: tuple[str, ...], all_asked: bool = False) -> str:
    top = [key for key in reasons if LEVEL_OF[key] == level]
    lower = [key for key in reasons if LEVEL_OF[key] != level]
    also = (
        f" You also reported {_signs(lower)}; mention {'it' if len(lower) == 1 else 'them'} too."
        if lower
        else ""
    )
    if level == "emergency":
        text = (
            f"Go to an emergency department now. You reported {_signs(top)}. Together with sciatica this can "
            "mean pressure on the nerves at the base of the spine (cauda equina syndrome), which needs "
            "checking within hours to protect bladder, bowel and leg function. Do not wait to see if it "
            "settles, and do not exercise. Tell the staff about these symptoms." + also
        )
    elif level == "urgent":
        text = (
            f"Contact a clinician today. You reported {_signs(top)}. Weakness that is new or getting worse "
            "can mean a nerve root is under more pressure, and it should be examined today. Pause running "
            "until you have been assessed. If you notice bladder or bowel changes, numbness between your "
            "legs, or symptoms in both legs, go to an emergency department instead." + also
        )
    elif level == "contact_clinician":
        text = (
            f"Please see your GP or physiotherapist in the next few days. You reported {_signs(top)}. "
            "With back pain this is worth checking to rule out a less common cause. On its own it is not "
            "an emergency; if you feel very unwell or things get quickly worse, seek help sooner."
        )
    elif all_asked:
        text = (
            "No warning signs reported. If you ever notice new trouble passing urine or controlling your "
            "bowels, numbness between your legs, or weakness in your legs, seek help straight away."
        )
    else:
        text = (
            "You reported none of the warning signs asked about. If you ever notice new trouble passing urine or controlling your "
            "bowels, numbness between your legs, or weakness in your legs, seek help straight away."
        )
    return f"{text} {NOT_A_CLINICIAN}"


def screening_due(last_full_screen_date: dt.date | None, today: dt.date) -> bool:
    """The full screen is due at first use and then weekly."""
    return last_full_screen_date is None or today - last_full_screen_date >= FULL_SCREEN_INTERVAL


def checkin_calls_for_screen(checkin: CheckIn, previous: CheckIn | None) -> bool:
    """New weakness on a check-in (not there on the previous one) calls for the short red-flag questions."""
    return checkin.weakness and not (previous is not None and previous.weakness)


def checkin_signs(checkin: CheckIn, previous: CheckIn | None) -> dict[str, bool]:
    """The sign a check-in reports by itself: weakness that is new since the last check-in (or on the
    first one) is the urgent sign "new or worsening weakness in one leg" (NICE CKS sciatica, NG59)."""
    return {"weakness_one_leg": True} if checkin_calls_for_screen(checkin, previous) else {}


@dataclass(frozen=True)
class Assessment:
    """The person's record that a clinician has assessed the signs standing on `date`."""

    date: dt.date
    note: str = ""
    recorded_at: dt.datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class StandingSign:
    key: str
    level: str
    since: dt.date  # the date of the answer that raised it
    assessed_on: dt.date | None = None  # a clinician's assessment recorded after it

    @property
    def blocking(self) -> bool:
        return blocks_activity(self.level)


@dataclass(frozen=True)
class RedFlagStatus:
    """The signs that stand on a day, highest level first."""

    signs: tuple[StandingSign, ...] = ()

    @property
    def stop(self) -> tuple[StandingSign, ...]:
        """Urgent and emergency signs: `today` says stop while any stands (assessed or not)."""
        return tuple(s for s in self.signs if s.blocking)

    @property
    def unassessed_stop(self) -> tuple[StandingSign, ...]:
        return tuple(s for s in self.stop if s.assessed_on is None)

    @property
    def contact(self) -> tuple[StandingSign, ...]:
        """The "contact a clinician soon" signs not yet assessed: today is at least amber."""
        return tuple(s for s in self.signs if not s.blocking and s.assessed_on is None)

    @property
    def level(self) -> str:
        if self.stop:
            return self.stop[0].level
        return "contact_clinician" if self.contact else "none"

    @property
    def cluster(self) -> bool:
        """Two or more "see a clinician soon" signs together (Finucane 2020 clusters)."""
        return len(self.contact) >= CLUSTER_SIZE

    def stop_message(self) -> str:
        return screen({s.key: True for s in self.stop}).message

    def contact_message(self) -> str:
        text = screen({s.key: True for s in self.contact}).message
        if self.cluster:
            text = (
                f"{len(self.contact)} of these signs together make seeing a clinician more important: "
                "book an appointment with your GP or physiotherapist this week, sooner if you feel unwell. "
                + text
            )
        return text


# Finucane 2020: red flags are judged in clusters; two or more together are said more firmly.
CLUSTER_SIZE = 2


def _order(event: RedFlagScreening | Assessment) -> tuple[dt.datetime, int, int]:
    """When it was recorded; an assessment counts after a screening recorded in the same instant."""
    at = event.recorded_at or dt.datetime.combine(event.date, dt.time.min)
    return at.replace(tzinfo=None), int(isinstance(event, Assessment)), event.id or 0


def standing_signs(
    screenings: Sequence[RedFlagScreening], assessments: Sequence[Assessment], day: dt.date
) -> RedFlagStatus:
    """The signs that stand on `day`, from every screening and assessment dated on or before it,
    taken in the order they were recorded (a later-entered answer for an earlier date still counts).

    BASS 2018 / GIRFT CES pathway / NICE NG59: an urgent or emergency sign needs assessment, never
    "wait and see". It stands until an assessment dated on or after it is recorded after it, and then a
    full screening (not a check-in's line) recorded after that assessment answers it "no". Only asked
    questions count: a screening that did not ask a question leaves its sign as it was. A "see a
    clinician soon" sign stands until it is assessed or a later answer says "no".
    """
    events: list[RedFlagScreening | Assessment] = [s for s in screenings if s.date <= day]
    events += [a for a in assessments if a.date <= day]
    state: dict[str, StandingSign] = {}
    for event in sorted(events, key=_order):
        if isinstance(event, Assessment):
            for key, sign in state.items():
                if sign.since <= event.date:
                    earliest = min(event.date, sign.assessed_on or event.date)
                    state[key] = StandingSign(key, sign.level, sign.since, earliest)
            continue
        for key, yes in event.answers.items():
            level = LEVEL_OF.get(key)
            if level is None:
                continue
            current = state.get(key)
            if yes:
                if current is None or (blocks_activity(level) and current.assessed_on is not None):
                    state[key] = StandingSign(key, level, event.date)  # a new report needs its own assessment
                elif blocks_activity(level) and event.date > current.since:
                    state[key] = StandingSign(key, level, event.date)  # assessed on or after its latest date
            elif current is not None and _clears(current, event):
                del state[key]
    signs = sorted(state.values(), key=lambda s: (-level_rank(s.level), KEYS.index(s.key)))
    return RedFlagStatus(tuple(signs))


def _clears(sign: StandingSign, answer: RedFlagScreening) -> bool:
    """Does this "no" (recorded after the sign) say the sign has gone?"""
    if answer.date < sign.since:
        return False  # an answer about an earlier day says nothing about the sign since
    if not sign.blocking:
        return True
    return sign.assessed_on is not None and not answer.from_checkin and answer.date >= sign.assessed_on
