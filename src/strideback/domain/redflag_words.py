"""The red-flag wording table: one row per sign, and the level titles. Every face derives from these.

Sources: BASS 2018 cauda equina guidance and the GIRFT suspected-CES pathway (emergency signs); NICE CKS
sciatica and NICE NG59 (same-day assessment of new motor deficit); Finucane et al., JOSPT 2020 (the
"see a clinician soon" signs). The words describe what a person noticed; they never name a diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("none", "contact_clinician", "urgent", "emergency")


@dataclass(frozen=True)
class RedFlag:
    key: str
    level: str  # one of LEVELS except "none"
    question: str  # asked in full (the weekly screen, the Red flags page)
    sign: str  # inside a sentence: "You reported ..."
    clinician: str  # a clinician's words (report, FHIR)
    short: str  # a short label (the check-in's line, lists)


RED_FLAGS: tuple[RedFlag, ...] = (
    # BASS 2018 / GIRFT CES pathway: suspected cauda equina syndrome → emergency department now
    RedFlag(
        "bladder",
        "emergency",
        "Since your back or leg pain began, have you had new trouble passing urine, leaking, "
        "or not feeling when your bladder is full?",
        "new trouble with your bladder",
        "new bladder dysfunction",
        "Trouble passing urine or bladder control",
    ),
    RedFlag(
        "bowel",
        "emergency",
        "Have you had new loss of control of your bowels, or not felt when you need to empty them?",
        "new trouble with bowel control",
        "new bowel dysfunction",
        "Bowel control trouble",
    ),
    RedFlag(
        "saddle_numbness",
        "emergency",
        "Is there numbness or altered feeling between your legs, around your back passage or genitals, "
        "or on the inner buttocks (where you would sit on a saddle)?",
        "numbness between your legs or around your back passage or genitals",
        "saddle/genital numbness",
        "Numbness between the legs",
    ),
    RedFlag(
        "sexual_dysfunction",
        "emergency",
        "Have you noticed a new change in sexual function, such as loss of genital sensation or "
        "difficulty with erection or ejaculation?",
        "a new change in sexual function",
        "new sexual dysfunction",
        "Change in sexual function",
    ),
    RedFlag(
        "both_legs",
        "emergency",
        "Do you have sciatica (pain, numbness or pins and needles) in both legs?",
        "sciatica in both legs",
        "bilateral sciatica",
        "Symptoms in both legs",
    ),
    RedFlag(
        "weakness_both_legs",
        "emergency",
        "Is there weakness in both legs that is severe or getting worse, or are you unsteady on your feet?",
        "severe or worsening weakness in both legs",
        "severe/progressive weakness, both legs",
        "Weakness in both legs",
    ),
    # NICE CKS sciatica / NICE NG59: new or progressive motor deficit in one leg → same-day assessment
    RedFlag(
        "weakness_one_leg",
        "urgent",
        "Is there new or worsening weakness in one leg, such as the knee giving way or trouble rising "
        "onto your toes?",
        "new or worsening weakness in one leg",
        "new/worsening weakness, one leg",
        "New or worse weakness in one leg",
    ),
    RedFlag(
        "foot_drop",
        "urgent",
        "Does one foot slap down or catch on the ground when you walk, or can you not lift the front of "
        "that foot?",
        "a foot that drops or catches when you walk",
        "foot drop",
        "A foot that drops or catches",
    ),
    # Finucane 2020 / NICE CKS: possible serious cause → see a clinician soon
    RedFlag(
        "cancer_history",
        "contact_clinician",
        "Have you ever been treated for cancer?",
        "a history of cancer",
        "history of cancer",
        "Cancer treated in the past",
    ),
    RedFlag(
        "weight_loss",
        "contact_clinician",
        "Have you lost weight recently without trying?",
        "weight loss you cannot explain",
        "unexplained weight loss",
        "Weight loss without trying",
    ),
    RedFlag(
        "fever",
        "contact_clinician",
        "Have you had a fever or chills, or felt generally unwell, along with your back pain?",
        "fever or feeling generally unwell",
        "fever / unwell",
        "Fever or feeling unwell",
    ),
    RedFlag(
        "trauma",
        "contact_clinician",
        "Did the pain start after a significant injury, such as a fall from a height or a road accident "
        "(or a minor fall if you have thin bones)?",
        "pain that began after a significant injury",
        "significant trauma",
        "Pain began after an injury",
    ),
    RedFlag(
        "night_pain",
        "contact_clinician",
        "Do you have pain at night that rest and changing position do not ease?",
        "night pain that rest does not ease",
        "night pain not eased by rest",
        "Night pain rest does not ease",
    ),
    RedFlag(
        "no_improvement",
        "contact_clinician",
        "Has your pain not improved at all after 4 to 6 weeks?",
        "no improvement after 4 to 6 weeks",
        "no improvement after 4-6 weeks",
        "No improvement after 4 to 6 weeks",
    ),
)

# The level titles, once, for every face (CLI, Red flags page, report).
LEVEL_TITLES: dict[str, str] = {
    "emergency": "Emergency: go to an emergency department now",
    "urgent": "Urgent: contact a clinician today",
    "contact_clinician": "See a clinician soon",
    "none": "No warning signs",
}
# A screening that asked only some questions and had no "yes": it says nothing about the others.
PARTIAL_NONE_TITLE = "None of the signs asked about"


BY_KEY: dict[str, RedFlag] = {flag.key: flag for flag in RED_FLAGS}
KEYS: tuple[str, ...] = tuple(flag.key for flag in RED_FLAGS)
LEVEL_OF: dict[str, str] = {flag.key: flag.level for flag in RED_FLAGS}
QUESTIONS: dict[str, str] = {flag.key: flag.question for flag in RED_FLAGS}
SIGNS: dict[str, str] = {flag.key: flag.sign for flag in RED_FLAGS}
CLINICIAN_LABELS: dict[str, str] = {flag.key: flag.clinician for flag in RED_FLAGS}
SHORT_LABELS: dict[str, str] = {flag.key: flag.short for flag in RED_FLAGS}
EMERGENCY_KEYS = tuple(f.key for f in RED_FLAGS if f.level == "emergency")
URGENT_KEYS = tuple(f.key for f in RED_FLAGS if f.level == "urgent")
CONTACT_KEYS = tuple(f.key for f in RED_FLAGS if f.level == "contact_clinician")


def title(level: str, answers: dict[str, bool]) -> str:
    """The title of one screening: the "none" title only when every question was asked."""
    if level == "none" and set(answers) != set(BY_KEY):
        return PARTIAL_NONE_TITLE
    return LEVEL_TITLES[level]
