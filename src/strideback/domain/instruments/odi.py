"""Oswestry Disability Index version 2.1a: ten sections about daily life, each scored 0–5.

Source: Fairbank & Pynsent, "The Oswestry Disability Index", Spine 2000;25(22):2940–53.
The statements below are our own paraphrase; the sections, their order and the 0–5 scale are the original's.
Missing sections: the score is taken over the sections answered; more than 2 missing is not scored.
"""

from __future__ import annotations

from strideback.domain.instruments._base import Answers, ChangeRule, Instrument, Item, Score, options

KEY = "odi"
MAX_SCORE = 100.0
MAX_MISSING = 2  # Fairbank & Pynsent 2000: score over answered sections; refuse with > 2 missing

_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Pain intensity: how strong is your pain right now?",
        (
            "I have no pain at the moment",
            "The pain is very mild at the moment",
            "The pain is moderate at the moment",
            "The pain is fairly severe at the moment",
            "The pain is very severe at the moment",
            "The pain is the worst I can imagine at the moment",
        ),
    ),
    (
        "Personal care: washing, dressing and looking after yourself",
        (
            "I look after myself normally and it does not add to my pain",
            "I look after myself normally, but it is very painful",
            "Looking after myself is painful, so I am slow and careful",
            "I need some help but manage most of my personal care",
            "I need help every day with most of my personal care",
            "I do not get dressed, wash only with difficulty and stay in bed",
        ),
    ),
    (
        "Lifting",
        (
            "I can lift heavy things without extra pain",
            "I can lift heavy things, but it gives me extra pain",
            "Pain stops me lifting heavy things off the floor, but I manage if they are well placed "
            "(for example on a table)",
            "Pain stops me lifting heavy things, but I manage light to medium things if they are well placed",
            "I can lift only very light things",
            "I cannot lift or carry anything",
        ),
    ),
    (
        "Walking",
        (
            "Pain does not stop me walking any distance",
            "Pain stops me walking more than about 1 mile (1.6 km)",
            "Pain stops me walking more than about half a mile (800 m)",
            "Pain stops me walking more than about 100 yards (90 m)",
            "I can walk only with a stick or crutches",
            "I am in bed most of the time",
        ),
    ),
    (
        "Sitting",
        (
            "I can sit in any chair for as long as I like",
            "I can sit for as long as I like, but only in my favourite chair",
            "Pain stops me sitting for more than an hour",
            "Pain stops me sitting for more than half an hour",
            "Pain stops me sitting for more than 10 minutes",
            "Pain stops me sitting at all",
        ),
    ),
    (
        "Standing",
        (
            "I can stand for as long as I want without extra pain",
            "I can stand for as long as I want, but it gives me extra pain",
            "Pain stops me standing for more than an hour",
            "Pain stops me standing for more than half an hour",
            "Pain stops me standing for more than 10 minutes",
            "Pain stops me standing at all",
        ),
    ),
    (
        "Sleeping",
        (
            "Pain never disturbs my sleep",
            "Pain disturbs my sleep now and then",
            "Because of pain I sleep less than 6 hours",
            "Because of pain I sleep less than 4 hours",
            "Because of pain I sleep less than 2 hours",
            "Pain stops me sleeping at all",
        ),
    ),
    (
        "Sex life (leave unanswered if it does not apply)",
        (
            "My sex life is normal and causes no extra pain",
            "My sex life is normal, but causes some extra pain",
            "My sex life is nearly normal, but very painful",
            "Pain severely restricts my sex life",
            "Pain means I have nearly no sex life",
            "Pain prevents any sex life at all",
        ),
    ),
    (
        "Social life",
        (
            "My social life is normal and causes no extra pain",
            "My social life is normal, but adds to my pain",
            "Pain does not change my social life much, apart from limiting energetic interests such as sport",
            "Pain restricts my social life and I go out less often",
            "Pain restricts my social life to my home",
            "Because of pain I have no social life",
        ),
    ),
    (
        "Travelling",
        (
            "I can travel anywhere without pain",
            "I can travel anywhere, but it gives me extra pain",
            "Travel is painful, but I manage journeys of more than two hours",
            "Pain limits me to journeys of less than an hour",
            "Pain limits me to short, necessary journeys of less than 30 minutes",
            "Pain stops me travelling except to get treatment",
        ),
    ),
)

ITEMS = tuple(Item(n, text, options(labels)) for n, (text, labels) in enumerate(_SECTIONS, start=1))

# Fairbank & Pynsent 2000 bands on the 0–100 % score (upper bound inclusive). The band names follow the
# paper; the words shown never doubt the answers (issue 11: no "exaggerating").
_BANDS: tuple[tuple[float, str, str], ...] = (
    (20, "minimal", "Minimal disability: most daily activities are manageable despite the pain."),
    (40, "moderate", "Moderate disability: sitting, lifting, standing, travel or social life are harder."),
    (60, "severe", "Severe disability: pain is the main problem and limits many daily activities."),
    (80, "crippled", "Very severe disability: back pain affects every part of daily life."),
    (
        100,
        "bed-bound",
        "Pain limits almost everything, perhaps even getting out of bed: please go through these answers "
        "with a clinician soon, so they can see how much you are carrying.",
    ),
)


def band_for(percent: float) -> tuple[str, str]:
    for upper, band, meaning in _BANDS:
        if percent <= upper:
            return band, meaning
    raise ValueError(f"ODI score {percent} is outside 0–100")


def score_odi(answers: Answers) -> Score:
    answered = sum(a is not None for a in answers)
    missing = len(answers) - answered
    if missing > MAX_MISSING:
        reason = (
            f"{missing} of {len(answers)} sections unanswered; the ODI can be scored with at most "
            f"{MAX_MISSING} missing"
        )
        return Score(KEY, None, MAX_SCORE, None, f"Not scored: {reason}.", answered, False, reason)
    total = sum(a for a in answers if a is not None)
    percent = 100.0 * total / (5 * answered)  # Fairbank & Pynsent 2000: 100 × sum / (5 × answered)
    band, meaning = band_for(percent)
    shown = round(percent, 1)
    over = f" (over {answered} answered sections)" if missing else ""
    return Score(KEY, shown, MAX_SCORE, band, f"ODI {shown:g}%{over}. {meaning}", answered, True)


INSTRUMENT = Instrument(
    key=KEY,
    name="Oswestry Disability Index 2.1a",
    items=ITEMS,
    source="Fairbank JC, Pynsent PB. The Oswestry Disability Index. Spine 2000;25(22):2940-53.",
    instructions="For each section, choose the one statement that best describes you today.",
    max_score=MAX_SCORE,
    missing_rule="Scored over the sections answered (100 × sum ÷ (5 × answered)); more than 2 missing: not scored.",
    change_rule=ChangeRule(  # Ostelo et al., Spine 2008: 10 points or 30% on the ODI
        "meaningful at 10 points or 30% of the earlier score (Ostelo et al., Spine 2008)",
        points=10,
        percent=30,
    ),
    scorer=score_odi,
)
