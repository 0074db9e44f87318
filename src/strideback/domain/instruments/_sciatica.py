"""The four sciatica symptoms shared by the Sciatica Bothersomeness and Frequency Indices.

Source: Patrick et al., Spine 1995;20(17):1899–1908. Symptom wording is our own paraphrase.
Both indices ask about the past week, score each symptom 0–6 and add them (0–24); they need all four
answers, as no published rule fills a missing one.
"""

from __future__ import annotations

from strideback.domain.instruments._base import Item

SYMPTOMS = (
    "Pain in your leg (sciatica)",
    "Numbness or tingling in your leg, foot or groin",
    "Weakness in your leg or foot (for example, trouble lifting the foot)",
    "Back or leg pain while you are sitting",
)

MAX_SCORE = 24  # Patrick 1995: 4 items × 0–6


def symptom_items(lowest: str, highest: str) -> tuple[Item, ...]:
    """The four symptoms on a 0–6 scale whose ends are labelled `lowest` and `highest`."""
    scale = tuple((value, lowest if value == 0 else highest if value == 6 else "") for value in range(7))
    return tuple(Item(n, text, scale) for n, text in enumerate(SYMPTOMS, start=1))
