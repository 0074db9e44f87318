"""Keele STarT Back Screening Tool: nine items sorting back pain into low, medium or high risk of it lasting.

Source: Hill et al., Arthritis Rheum 2008;59(5):632–41. The statements are our own paraphrase of the
originals, in the original order. Items 1–8: disagree 0, agree 1. Item 9 (overall bother in the past
2 weeks) is answered 0–4 (not at all, slightly, moderately, very much, extremely) and scores 1 for
"very much" or "extremely". Total 0–9; psychosocial subscale = items 5–9 (0–5).
Missing answers: the risk group depends on every item, so any unanswered item: not scored.
"""

from __future__ import annotations

from strideback.domain.instruments._base import Answers, ChangeRule, Instrument, Item, Score, options

KEY = "startback"
MAX_SCORE = 9
SUBSCALE_ITEMS = (5, 6, 7, 8, 9)  # Hill 2008: psychosocial subscale = items 5–9
BANDS = ("low", "medium", "high")

_AGREE = options(("disagree", "agree"))
_BOTHER = options(("not at all", "slightly", "moderately", "very much", "extremely"))

_STATEMENTS = (
    "At some point in the past 2 weeks my back pain has spread down one or both legs.",
    "At some point in the past 2 weeks I have had pain in my shoulder or neck.",
    "Because of my back pain I have only walked short distances.",
    "In the past 2 weeks, back pain has made me slower than usual at getting dressed.",
    "I think it is not really safe for someone with a back like mine to be physically active.",
    "Worries have been on my mind much of the time.",
    "My back pain feels awful and I think it will never get better.",
    "On the whole I have not enjoyed the things I used to enjoy.",
)

ITEMS = (
    *(Item(n, text, _AGREE) for n, text in enumerate(_STATEMENTS, start=1)),
    Item(9, "Overall, how bothersome has your back pain been in the past 2 weeks?", _BOTHER),
)

_MEANING = {
    "low": "Low risk of the back pain becoming persistent: advice, reassurance and staying active usually suit.",
    "medium": "Medium risk: physical factors stand out; guided physiotherapy often helps.",
    "high": "High risk: worry, low mood or fear of movement stand out; care that addresses them as well as "
    "the body usually helps.",
}


def item_points(number: int, answer: int) -> int:
    """Points an answer adds to the total: item 9 counts only 'very much' (3) or 'extremely' (4)."""
    if number == 9:
        return 1 if answer >= 3 else 0  # Hill 2008: item 9 scores 1 for very much / extremely
    return answer


def band_for(total: int, subscale: int) -> str:
    # Hill 2008: low total ≤ 3; medium total ≥ 4 and subscale ≤ 3; high subscale ≥ 4
    if total <= 3:
        return "low"
    return "high" if subscale >= 4 else "medium"


def score_startback(answers: Answers) -> Score:
    answered = sum(a is not None for a in answers)
    if answered < len(answers):
        missing = ", ".join(str(i + 1) for i, a in enumerate(answers) if a is None)
        reason = f"item {missing} unanswered; every item is needed to place the risk group"
        return Score(KEY, None, MAX_SCORE, None, f"Not scored: {reason}.", answered, False, reason)
    points = {n: item_points(n, a) for n, a in enumerate(answers, start=1) if a is not None}
    total = sum(points.values())
    subscale = sum(points[n] for n in SUBSCALE_ITEMS)
    band = band_for(total, subscale)
    text = f"STarT Back {total} of 9 (psychosocial {subscale} of 5). {_MEANING[band]}"
    return Score(KEY, float(total), MAX_SCORE, band, text, answered, True, None, subscale)


INSTRUMENT = Instrument(
    key=KEY,
    name="Keele STarT Back Screening Tool",
    items=ITEMS,
    source="Hill JC, Dunn KM, Lewis M, et al. A primary care back pain screening tool: identifying patient "
    "subgroups for initial treatment. Arthritis Rheum 2008;59(5):632-41.",
    instructions="Thinking about the past 2 weeks, say whether you agree or disagree with each statement.",
    max_score=MAX_SCORE,
    missing_rule="Every item must be answered; any unanswered item: not scored.",
    change_rule=ChangeRule(  # Hill 2008 defines risk groups only; no change threshold for the total is published
        "no minimal important change is published for the total; a move to another risk group "
        "(Hill et al. 2008) is what counts",
        by_band=True,
        band_order=BANDS,
    ),
    scorer=score_startback,
)
