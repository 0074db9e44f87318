"""Red-flag screening: the warning signs that make activity the wrong question, and what to do about them.

Sources: British Association of Spine Surgeons (BASS) cauda equina syndrome guidance 2018; NICE Clinical
Knowledge Summaries, "Sciatica (lumbar radiculopathy)" and "Back pain - low (without radiculopathy)";
Finucane et al., "International framework for red flags for potential serious spinal pathologies",
JOSPT 2020;50(7):350–72. The screen helps a person notice signs early; it never diagnoses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from strideback.domain.types import CheckIn, InvalidValue, RedFlagScreening

LEVELS = ("none", "contact_clinician", "urgent", "emergency")

# BASS 2018 / NICE CKS: suspected cauda equina syndrome → emergency department now
EMERGENCY_KEYS = (
    "bladder",
    "bowel",
    "saddle_numbness",
    "sexual_dysfunction",
    "both_legs",
    "weakness_both_legs",
)
# NICE CKS sciatica: new or progressive motor deficit in one leg → same-day assessment
URGENT_KEYS = ("weakness_one_leg", "foot_drop")
# Finucane 2020 / NICE CKS: possible cancer, infection, fracture, or failure to settle → see a clinician soon
CONTACT_KEYS = ("cancer_history", "weight_loss", "fever", "trauma", "night_pain", "no_improvement")

KEYS = EMERGENCY_KEYS + URGENT_KEYS + CONTACT_KEYS

LEVEL_OF: dict[str, str] = {
    **{key: "emergency" for key in EMERGENCY_KEYS},
    **{key: "urgent" for key in URGENT_KEYS},
    **{key: "contact_clinician" for key in CONTACT_KEYS},
}

# The emergency questions asked in one short line on every check-in, with new weakness in one leg.
SHORT_CHECKIN_KEYS = (*EMERGENCY_KEYS, "weakness_one_leg")

FULL_SCREEN_INTERVAL = dt.timedelta(days=7)  # full screen at first use and weekly (issue 4)

QUESTIONS: dict[str, str] = {
    "bladder": "Since your back or leg pain began, have you had new trouble passing urine, leaking, "
    "or not feeling when your bladder is full?",
    "bowel": "Have you had new loss of control of your bowels, or not felt when you need to empty them?",
    "saddle_numbness": "Is there numbness or altered feeling between your legs, around your back passage "
    "or genitals, or on the inner buttocks (where you would sit on a saddle)?",
    "sexual_dysfunction": "Have you noticed a new change in sexual function, such as loss of genital "
    "sensation or difficulty with erection or ejaculation?",
    "both_legs": "Do you have sciatica (pain, numbness or pins and needles) in both legs?",
    "weakness_both_legs": "Is there weakness in both legs that is severe or getting worse, "
    "or are you unsteady on your feet?",
    "weakness_one_leg": "Is there new or worsening weakness in one leg, such as the knee giving way "
    "or trouble rising onto your toes?",
    "foot_drop": "Does one foot slap down or catch on the ground when you walk, or can you not lift "
    "the front of that foot?",
    "cancer_history": "Have you ever been treated for cancer?",
    "weight_loss": "Have you lost weight recently without trying?",
    "fever": "Have you had a fever or chills, or felt generally unwell, along with your back pain?",
    "trauma": "Did the pain start after a significant injury, such as a fall from a height or a road "
    "accident (or a minor fall if you have thin bones)?",
    "night_pain": "Do you have pain at night that rest and changing position do not ease?",
    "no_improvement": "Has your pain not improved at all after 4 to 6 weeks?",
}

# How each sign reads inside a sentence ("You reported ...").
_SIGNS: dict[str, str] = {
    "bladder": "new trouble with your bladder",
    "bowel": "new trouble with bowel control",
    "saddle_numbness": "numbness between your legs or around your back passage or genitals",
    "sexual_dysfunction": "a new change in sexual function",
    "both_legs": "sciatica in both legs",
    "weakness_both_legs": "severe or worsening weakness in both legs",
    "weakness_one_leg": "new or worsening weakness in one leg",
    "foot_drop": "a foot that drops or catches when you walk",
    "cancer_history": "a history of cancer",
    "weight_loss": "weight loss you cannot explain",
    "fever": "fever or feeling generally unwell",
    "trauma": "pain that began after a significant injury",
    "night_pain": "night pain that rest does not ease",
    "no_improvement": "no improvement after 4 to 6 weeks",
}

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
    return answers


def screen(answers: Mapping[str, bool]) -> Screening:
    """The level the answers reach (the highest of any 'yes'), with a message naming the signs.

    Unlisted keys count as no. Unknown keys are refused so that a typo never hides a warning sign.
    """
    unknown = [key for key in answers if key not in LEVEL_OF]
    if unknown:
        raise InvalidValue("red-flag question", unknown[0], "one of " + ", ".join(KEYS))
    yes = [key for key in KEYS if answers.get(key)]
    reasons = tuple(sorted(yes, key=lambda key: -level_rank(LEVEL_OF[key])))
    level = LEVEL_OF[reasons[0]] if reasons else "none"
    return Screening(level, reasons, _message(level, reasons), _ACTIONS[level])


def _signs(keys: list[str]) -> str:
    phrases = [_SIGNS[key] for key in keys]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _message(level: str, reasons: tuple[str, ...]) -> str:
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
    else:
        text = (
            "No warning signs reported. If you ever notice new trouble passing urine or controlling your "
            "bowels, numbness between your legs, or weakness in your legs, seek help straight away."
        )
    return f"{text} {NOT_A_CLINICIAN}"


def screening_due(last_full_screen_date: dt.date | None, today: dt.date) -> bool:
    """The full screen is due at first use and then weekly."""
    return last_full_screen_date is None or today - last_full_screen_date >= FULL_SCREEN_INTERVAL


def checkin_calls_for_screen(checkin: CheckIn, previous: CheckIn | None) -> bool:
    """New weakness on a check-in (not there on the previous one) calls for the short red-flag questions."""
    return checkin.weakness and not (previous is not None and previous.weakness)


def standing_stop(screenings: Sequence[RedFlagScreening]) -> RedFlagScreening | None:
    """The urgent or emergency sign(s) still standing after these screenings (oldest first), or None.

    A sign stands until a later screening asks that same question and is answered "no"; a screening that
    did not ask it does not clear it (BASS 2018: new cauda equina or motor signs need assessment, not waiting).
    The result carries the newest standing screening's date and id, with the level and reasons of the signs
    still standing, highest first.
    """
    standing: dict[str, RedFlagScreening] = {}
    for screening in screenings:
        for key in [k for k in standing if screening.answers.get(k) is False]:
            del standing[key]
        for key in screening.reasons:
            if blocks_activity(LEVEL_OF.get(key, "none")):
                standing[key] = screening
    if not standing:
        return None
    keys = tuple(sorted(standing, key=lambda k: (-level_rank(LEVEL_OF[k]), KEYS.index(k))))
    newest = max(standing.values(), key=lambda s: (s.date, s.id or 0))
    return replace(newest, level=LEVEL_OF[keys[0]], reasons=keys)
