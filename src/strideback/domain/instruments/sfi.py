"""Sciatica Frequency Index: how often four sciatica symptoms occurred in the past week, 0–6 each.

Source: Patrick et al., Spine 1995;20(17):1899–1908. Total 0–24; all four answers needed.
No anchor-based minimal important change is established for one person, so a change counts only when it
exceeds the measurement error (Grøvle et al., Spine 2008: 27% of the 0–24 range, i.e. 6.5 → 7 points).
"""

from __future__ import annotations

from strideback.domain.instruments._base import Answers, ChangeRule, Instrument, Score, sum_of_all_items
from strideback.domain.instruments._sciatica import MAX_SCORE, symptom_items

KEY = "sfi"
ITEMS = symptom_items("never", "always")


def score_sfi(answers: Answers) -> Score:
    # Patrick 1995: sum of the four 0–6 ratings
    return sum_of_all_items(KEY, answers, MAX_SCORE, "Sciatica frequency {total} of 24 over the past week.")


INSTRUMENT = Instrument(
    key=KEY,
    name="Sciatica Frequency Index",
    items=ITEMS,
    source="Patrick DL, Deyo RA, Atlas SJ, et al. Assessing health-related quality of life in patients "
    "with sciatica. Spine 1995;20(17):1899-908.",
    instructions="Over the past week, how often have you had each of these? 0 = never, 6 = always.",
    max_score=MAX_SCORE,
    missing_rule="All four symptoms must be rated; any unanswered: not scored.",
    change_rule=ChangeRule(  # Grøvle et al., Spine 2008: measurement error 27% of the SFI range (6.5 points)
        "no minimal important change is established; counted as meaningful at 7 points, beyond the "
        "measurement error (Grøvle et al., Spine 2008)",
        points=7,
    ),
    scorer=score_sfi,
)
