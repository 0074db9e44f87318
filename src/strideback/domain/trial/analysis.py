"""The answer of a personal trial: run days against low-impact days, with its interval and a randomisation test.

Primary outcome: leg pain the next morning (0–10); secondary: back pain and reach (none 0 … foot 5).
The primary estimate (CENT 2015 item 12) is the allocation's coefficient in a regression of the next
morning on the allocation and a slow linear trend (ANCOVA over every day, `ancova.py`), with its t-interval;
the blocked difference (each block's run morning minus the mean of its low-impact mornings, averaged over
blocks) is kept as a pre-specified sensitivity analysis. Analysed as allocated (intention-to-treat, the randomised answer) and as done (what the person did: not randomised,
so open to the confounding the trial exists to remove; shown beside it, never instead).
Each p-value re-draws the person's own allocation scheme and recomputes the same statistic (Edgington & Onghena, Randomization Tests, 2007):
every scheme the design could have drawn, each with its probability, when there are few enough; a Monte
Carlo sample of the design's draws otherwise. Valid whatever drives the person's days, recorded or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from strideback.domain.trial.ancova import (
    Statistic,
    adjusted_fit,
    adjusted_statistic,
    arms_of,
    two_sided_share,
)
from strideback.domain.trial.design import (
    BLOCK_DAYS,
    RUN,
    count_schemes,
    sample_schemes,
    scheme_probabilities,
)

OUTCOMES = ("leg_pain_next_morning", "back_pain_next_morning", "reach_next_morning")
PRIMARY = OUTCOMES[0]
# Fewer usable blocks than this: `insufficient_data` (the interval and the test would be too coarse:
# with 5 blocks the smallest possible p-value is already ~1/200).
MIN_BLOCKS = 5
# Exact enumeration up to this many schemes (ten blocks: ~28,000); Monte Carlo beyond.
EXACT_LIMIT = 30_000
MONTE_CARLO_DRAWS = 5_000
_MC_SEED = 20_150_521  # fixed, so the same diary always gives the same p-value
ALPHA = 0.05  # two-sided; 95% intervals


@dataclass(frozen=True)
class TrialDay:
    """One allocated day with what happened and the next morning's outcomes (None when not recorded)."""

    day: dt.date
    allocation: str
    ran: bool | None  # None: the day is not over yet
    safety_override: bool = False
    next_leg: float | None = None
    next_back: float | None = None
    next_reach: float | None = None
    # Could a run be offered at all, judged before the draw was shown? False when that morning's check-in
    # (or its absence) or a standing red-flag stop already ruled running out whatever the draw: see
    # `as_allocated`. Only check-ins and screenings decide it, never sessions, so under the sharp null
    # (the draw changes no check-in) it is the same whatever was drawn.
    eligible: bool = True

    @property
    def followed(self) -> bool | None:
        return None if self.ran is None else self.ran == (self.allocation == RUN)

    def outcome(self, name: str) -> float | None:
        return {
            "leg_pain_next_morning": self.next_leg,
            "back_pain_next_morning": self.next_back,
            "reach_next_morning": self.next_reach,
        }[name]


@dataclass(frozen=True)
class Estimate:
    outcome: str
    analysis: str  # "as_allocated" or "as_done"
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    p_randomization: float | None
    n: int  # usable blocks (as allocated) or days (as done)
    verdict: str
    method: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "outcome": self.outcome,
            "analysis": self.analysis,
            "estimate": _round(self.estimate),
            "ci_low": _round(self.ci_low),
            "ci_high": _round(self.ci_high),
            "p_randomization": _round(self.p_randomization, 4),
            "n": self.n,
            "verdict": self.verdict,
            "method": self.method,
        }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


def outcome_grid(days: Sequence[TrialDay], blocks: int, name: str) -> np.ndarray:
    """blocks × 3 array of the outcome after each day (NaN when missing), in trial order."""
    grid = np.full(blocks * BLOCK_DAYS, np.nan)
    for index, day in enumerate(days[: blocks * BLOCK_DAYS]):
        value = day.outcome(name)
        if value is not None:
            grid[index] = value
    return grid.reshape(blocks, BLOCK_DAYS)


def _place_differences(grid: np.ndarray) -> np.ndarray:
    """3 × blocks: the block's difference (run morning − mean low-impact morning) if the run were at place p."""
    rows = []
    for place in range(BLOCK_DAYS):
        others = np.delete(grid, place, axis=1)
        count = np.sum(~np.isnan(others), axis=1)
        low = np.where(count > 0, np.nansum(others, axis=1) / np.maximum(count, 1), np.nan)
        rows.append(grid[:, place] - low)
    return np.vstack(rows)


def block_estimates(grid: np.ndarray, schemes: np.ndarray) -> np.ndarray:
    """The blocked estimate under each scheme (rows of run places); NaN where no block is usable."""
    table = _place_differences(grid)
    picked = table[schemes, np.arange(grid.shape[0])]
    usable = ~np.isnan(picked)
    count = usable.sum(axis=1)
    total = np.where(usable, picked, 0.0).sum(axis=1)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def design_p(statistic: Statistic, places: Sequence[int]) -> tuple[float | None, str]:
    """Two-sided p of any statistic of the scheme: the probability, over the design's own draws, of a
    value at least as far from zero as the observed one (exact enumeration when few enough schemes)."""
    blocks = len(places)
    observed = statistic(np.array([places]))[0]
    if np.isnan(observed):
        return None, ""
    if count_schemes(blocks) <= EXACT_LIMIT:
        schemes, weights = zip(*scheme_probabilities(blocks), strict=True)
        estimates = statistic(np.array(schemes))
        return two_sided_share(estimates, observed, np.array(weights)), f"exact, {len(weights)} schemes"
    rng = np.random.default_rng(_MC_SEED)
    estimates = statistic(sample_schemes(blocks, MONTE_CARLO_DRAWS, rng))
    hits = round(two_sided_share(estimates, observed) * MONTE_CARLO_DRAWS)
    return (1 + hits) / (1 + MONTE_CARLO_DRAWS), f"Monte Carlo, {MONTE_CARLO_DRAWS} draws"


def randomization_p(grid: np.ndarray, places: Sequence[int]) -> tuple[float | None, str]:
    """Two-sided p of the blocked difference (the sensitivity analysis; blocks × 3 grid of outcomes)."""
    return design_p(lambda schemes: block_estimates(grid, schemes), places)


def _t_interval(values: np.ndarray) -> tuple[float, float, float]:
    from scipy import stats

    n = len(values)
    mean = float(np.mean(values))
    half = float(stats.t.ppf(1 - ALPHA / 2, n - 1) * np.std(values, ddof=1) / np.sqrt(n))
    return mean, mean - half, mean + half


def _verdict(ci_low: float, ci_high: float, p: float | None) -> str:
    """Never beyond the interval: a direction only when the whole 95% interval and the test agree."""
    significant = p is None or p < ALPHA
    if ci_low > 0 and significant:
        return "worse"
    if ci_high < 0 and significant:
        return "better"
    return "unclear"


def usable_blocks(days: Sequence[TrialDay], places: Sequence[int], name: str) -> np.ndarray:
    """Each usable block's difference: its run morning minus the mean of its low-impact mornings."""
    blocks = len(places)
    table = _place_differences(outcome_grid(days, blocks, name))
    differences: np.ndarray = table[np.array(places, dtype=int), np.arange(blocks)]
    usable: np.ndarray = differences[~np.isnan(differences)]
    return usable


def as_allocated(days: Sequence[TrialDay], places: Sequence[int], name: str) -> Estimate:
    """Intention-to-treat: by allocation, whatever was done (the randomised comparison; primary).

    The allocation's coefficient adjusted for a slow trend (ANCOVA, `ancova.py`) with its t-interval, and
    the randomisation test of that same coefficient. Days whose own morning, before the draw was shown,
    already ruled a run out (`eligible` False: no run could be offered whatever the draw, so the day says
    nothing about running) are left out of both arms; exclusion by a rule fixed before allocation keeps
    the comparison randomised (Fergusson et al., BMJ 2002;325:652) and the test exact. Every other day
    stays as allocated, whatever was done. `n`: blocks with a run morning and a low-impact one.
    """
    n = len(usable_blocks(days, places, name))
    values = [d.outcome(name) if d.eligible else None for d in days]
    statistic, y, x = adjusted_statistic(values)
    arms = arms_of(np.array([places], dtype=int), len(days))[0]
    recorded = np.array([v is not None for v in values])
    fit = adjusted_fit(y, x, arms[recorded]) if n >= MIN_BLOCKS else None
    if fit is None:
        return Estimate(name, "as_allocated", None, None, None, None, n, "insufficient_data")
    from scipy import stats

    half = float(stats.t.ppf(1 - ALPHA / 2, fit.df) * fit.se)
    low, high = fit.estimate - half, fit.estimate + half
    p, how = design_p(statistic, places)
    method = f"ANCOVA (allocation + linear trend), t-interval on {fit.df} df; randomisation test {how}"
    return Estimate(name, "as_allocated", fit.estimate, low, high, p, n, _verdict(low, high, p), method)


def blocked(days: Sequence[TrialDay], places: Sequence[int], name: str) -> Estimate:
    """Sensitivity analysis: the mean of the blocks' differences, t-interval over blocks, its own test."""
    differences = usable_blocks(days, places, name)
    n = len(differences)
    if n < MIN_BLOCKS:
        return Estimate(name, "blocked", None, None, None, None, n, "insufficient_data")
    estimate, low, high = _t_interval(differences)
    p, how = randomization_p(outcome_grid(days, len(places), name), places)
    method = f"blocked difference, t-interval over {n} blocks; randomisation test {how}"
    return Estimate(name, "blocked", estimate, low, high, p, n, _verdict(low, high, p), method)


def as_done(days: Sequence[TrialDay], name: str) -> Estimate:
    """What the person did: mornings after days they ran against days they did not (Welch interval).
    Not randomised: feelings that made them run or skip can bias it."""
    from scipy import stats

    known = [d for d in days if d.ran is not None and d.outcome(name) is not None]
    ran = np.array([d.outcome(name) for d in known if d.ran], float)
    rest = np.array([d.outcome(name) for d in known if not d.ran], float)
    n = len(ran) + len(rest)
    if min(len(ran), len(rest)) < MIN_BLOCKS:
        return Estimate(name, "as_done", None, None, None, None, n, "insufficient_data")
    difference = float(ran.mean() - rest.mean())
    var_ran, var_rest = ran.var(ddof=1) / len(ran), rest.var(ddof=1) / len(rest)
    se = float(np.sqrt(var_ran + var_rest))
    if se == 0:
        return Estimate(name, "as_done", difference, difference, difference, None, n, "unclear")
    df = (var_ran + var_rest) ** 2 / (var_ran**2 / (len(ran) - 1) + var_rest**2 / (len(rest) - 1))
    half = float(stats.t.ppf(1 - ALPHA / 2, df) * se)
    low, high = difference - half, difference + half
    return Estimate(name, "as_done", difference, low, high, None, n, _verdict(low, high, None), "Welch")


@dataclass(frozen=True)
class Adherence:
    settled_days: int
    followed: int
    safety: int
    not_followed: int

    @property
    def rate(self) -> float | None:
        return None if self.settled_days == 0 else self.followed / self.settled_days


def adherence(days: Sequence[TrialDay]) -> Adherence:
    """Days done as allocated, of the days that are over; every deviation counted with its kind."""
    settled = [d for d in days if d.followed is not None]
    deviations = [d for d in settled if not d.followed or d.safety_override]
    safety = sum(1 for d in deviations if d.safety_override)
    return Adherence(
        settled_days=len(settled),
        followed=sum(1 for d in settled if d.followed and not d.safety_override),
        safety=safety,
        not_followed=len(deviations) - safety,
    )
