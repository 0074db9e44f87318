"""The trial's primary statistic: the allocation's coefficient in a covariate-adjusted regression (ANCOVA).

Next-morning outcome of every allocated day = intercept + slow linear trend + effect × (drawn a run day)
+ error, fitted by least squares over the days whose next morning is recorded. Covariates are fixed
before the draw (the day's place in the trial), so under the sharp null (the draw changes no morning)
every quantity but the allocation is the same whatever was drawn, and re-drawing the person's own
scheme gives an exact randomisation test of the very same coefficient (Edgington & Onghena 2007;
randomisation tests of covariance-adjusted statistics: Rosenbaum, Statistical Science 2002). Adjusting for
pre-randomisation covariates in a randomised comparison is the standard ANCOVA (EMA Guideline on
adjustment for baseline covariates, 2015; Kahan et al., Trials 2014). The interval is the regression's
t-interval on n − 3 degrees of freedom.

Why only a trend (docs/trial.md, "The analysis"): the blocks already balance slow drift and weekdays
between the arms; the morning check-in of the allocation day carries yesterday's draw (a run raises it),
and six weekday terms cost more degrees of freedom than they return over a few weeks; both lowered
power in the simulation bench, so neither is in the pre-specified model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from strideback.domain.trial.design import BLOCK_DAYS

# Relative tolerance when comparing re-drawn statistics with the observed one (floating-point ties).
TIE = 1e-9


@dataclass(frozen=True)
class Fit:
    estimate: float
    se: float
    df: int


def arms_of(schemes: np.ndarray, days: int) -> np.ndarray:
    """schemes (draws × blocks of run places) -> draws × days of 1 (run) / 0 (low-impact), first `days`."""
    draws, blocks = schemes.shape
    arms = np.zeros((draws, blocks, BLOCK_DAYS))
    arms[np.arange(draws)[:, None], np.arange(blocks)[None, :], schemes] = 1.0
    return arms.reshape(draws, blocks * BLOCK_DAYS)[:, :days]


def covariates(days: int) -> np.ndarray:
    """days × 2: intercept and a centred linear trend over the trial (fixed before any draw)."""
    index = np.arange(days, dtype=float)
    return np.column_stack([np.ones(days), (index - (days - 1) / 2) / max(days, 1)])


def _residual_maker(x: np.ndarray) -> np.ndarray:
    """The projection onto what the covariates leave unexplained (Frisch–Waugh–Lovell)."""
    q, _ = np.linalg.qr(x)
    projection: np.ndarray = np.eye(x.shape[0]) - q @ q.T
    return projection


def adjusted_estimates(y: np.ndarray, x: np.ndarray, arms: np.ndarray) -> np.ndarray:
    """The allocation's coefficient for each row of `arms` (draws × len(y)); NaN when an arm is empty.

    `y` and the columns of `arms` are the days whose outcome is recorded, in order; `x` their covariates.
    """
    residual = _residual_maker(x)
    y_left = residual @ y
    z_left = arms @ residual  # residual is symmetric
    denominator = np.einsum("ij,ij->i", z_left, z_left)
    numerator = z_left @ y_left
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(
            denominator > 1e-12, numerator / np.where(denominator > 1e-12, denominator, 1.0), np.nan
        )


def adjusted_fit(y: np.ndarray, x: np.ndarray, z: np.ndarray) -> Fit | None:
    """Least squares of y on the covariates and the allocation; None when it cannot be estimated."""
    design = np.column_stack([x, z])
    df = len(y) - design.shape[1]
    if df < 1 or np.linalg.matrix_rank(design) < design.shape[1]:
        return None
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    residuals = y - design @ beta
    variance = float(residuals @ residuals) / df
    se = float(np.sqrt(variance * np.linalg.inv(design.T @ design)[-1, -1]))
    return Fit(float(beta[-1]), se, df)


def two_sided_share(estimates: np.ndarray, observed: float, weights: np.ndarray | None = None) -> float:
    """The (weighted) share of re-drawn statistics at least as far from zero as the observed one."""
    extreme = np.nan_to_num(np.abs(estimates), nan=0.0) >= abs(observed) * (1 - TIE) - TIE
    if weights is None:
        return float(np.mean(extreme))
    return float(np.sum(weights[extreme]))


def outcome_rows(values: Sequence[float | None]) -> tuple[np.ndarray, np.ndarray]:
    """The recorded outcomes and their day indices (days with no next-morning check-in are left out)."""
    index = np.array([i for i, v in enumerate(values) if v is not None], dtype=int)
    y = np.array([values[i] for i in index], dtype=float)
    return y, index


Statistic = Callable[[np.ndarray], np.ndarray]


def adjusted_statistic(values: Sequence[float | None]) -> tuple[Statistic, np.ndarray, np.ndarray]:
    """The ANCOVA coefficient as a function of schemes, with the recorded outcomes and their covariates."""
    y, index = outcome_rows(values)
    x = covariates(len(values))[index]
    days = len(values)

    def statistic(schemes: np.ndarray) -> np.ndarray:
        return adjusted_estimates(y, x, arms_of(schemes, days)[:, index])

    return statistic, y, x
