"""Multiplicity corrections for the exploratory links (issue #12).

The engine tests one pre-declared primary question; every other link is exploratory, and with some twenty
of them one would look clear by chance now and then. Their verdicts use Holm's step-down correction, which
keeps the chance of any false verdict among them at 5% (Holm, Scand J Statist 1979). Benjamini–Hochberg
(J R Stat Soc B 1995), which bounds the share of false discoveries instead, is here for comparison.
"""

from __future__ import annotations

from collections.abc import Sequence


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values, in the input order: p_(i) × (m − i + 1), made monotone, capped at 1."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i], reverse=True)
    adjusted = [0.0] * m
    running = 1.0
    for position, i in enumerate(order):
        rank = m - position  # 1-based rank from the smallest
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = min(1.0, running)
    return adjusted
