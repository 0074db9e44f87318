"""Sciatica Bothersomeness Index: how bothersome four sciatica symptoms were in the past week, 0–6 each.

Source: Patrick et al., Spine 1995;20(17):1899–1908. Total 0–24; all four answers needed.
No anchor-based minimal important change is established for one person, so a change counts only when it
exceeds the measurement error (Grøvle et al., Spine 2008: 22% of the 0–24 range, i.e. 5.3 → 6 points).
"""

from __future__ import annotations

from strideback.domain.instruments._base import Answers, ChangeRule, Instrument, Score, sum_of_all_items
from strideback.domain.instruments._sciatica import MAX_SCORE, symptom_items

KEY = "sbi"
ITEMS = symptom_items("not at all bothersome", "extremely bothersome")


def score_sbi(answers: Answers) -> Score:
    # Patrick 1995: sum of the four 0–6 ratings
    return sum_of_all_items(KEY, answers, MAX_SCORE, "Sciatica bother {total} of 24 over the past week.")


INSTRUMENT = Instrument(
    key=KEY,
    name="Sciatica Bothersomeness Index",
    items=ITEMS,
    source="Patrick DL, Deyo RA, Atlas SJ, et al. Assessing health-related quality of life in patients "
    "with sciatica. Spine 1995;20(17):1899-908.",
    instructions="Over the past week, how bothersome has each of these been? 0 = not at all, 6 = extremely.",
    max_score=MAX_SCORE,
    missing_rule="All four symptoms must be rated; any unanswered: not scored.",
    change_rule=ChangeRule(  # Grøvle et al., Spine 2008: measurement error 22% of the SBI range (5.3 points)
        "no minimal important change is established; counted as meaningful at 6 points, beyond the "
        "measurement error (Grøvle et al., Spine 2008)",
        points=6,
    ),
    scorer=score_sbi,
)
