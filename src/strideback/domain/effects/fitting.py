"""Regression with autocorrelated errors for one person's diary, and plain least squares for weekly data.

The daily model: outcome_t = b·x_t + c + d·trend_t + u_t with u_t = φ·u_(t−1) + e_t (AR(1) errors that carry
yesterday's level). Issue #12 replaced statsmodels SARIMAX with exact generalised least squares: φ is chosen
by maximising the profile likelihood (the regression coefficients and the variance solved in closed form for
each φ), and mornings without a check-in are skipped, never filled in: two recorded mornings k days apart are
linked by φ^k with variance (1 − φ^(2k)). Same model and likelihood as SARIMAX's Kalman filter, but a fit of
a year takes milliseconds instead of half a second, which lets the engine fit weekday terms and two lags for
every link within the 5-second budget. Intervals: the GLS covariance given φ with Student-t quantiles on the
residual degrees of freedom (one taken off for φ); the primary model's fit (AR(1) + noise) also adds the
spread from estimating φ and the noise share (Kackar–Harville, with Satterthwaite degrees of freedom).
Calibration on the worlds of bench/effects_worlds.py is in docs/evidence.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import numpy as np

# Trend regressor in units of 4 weeks (centred), so that its coefficient reads "points per 4 weeks".
TREND_DAYS = 28.0
PHI_BOUNDS = (-0.9, 0.98)  # stationary AR(1); beyond 0.98 a trend and a random walk cannot be told apart


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    p_value: float | None = None  # two-sided, against no effect

    @property
    def spans_zero(self) -> bool:
        return self.low <= 0.0 <= self.high


@dataclass(frozen=True)
class RegressionFit:
    names: tuple[str, ...]
    params: tuple[float, ...]
    std_errors: tuple[float, ...]
    nobs: int  # outcomes actually observed
    df_resid: int
    autocorrelation: float | None  # φ of the AR(1) errors; None for least squares
    covariance: tuple[tuple[float, ...], ...] = ()
    # For a contrast's degrees of freedom when φ and the share were estimated (see `combined`): the part of
    # `covariance` that comes from them, the slopes of the plug-in covariance along θ, and θ̂'s covariance.
    theta: ThetaSpread | None = None

    def interval(self, name: str, level: float = 0.95) -> Interval:
        return self.combined((name,), level)

    def combined(self, names: tuple[str, ...], level: float = 0.95) -> Interval:
        """The sum of some coefficients (e.g. lags 1 and 2: the cumulative effect) with its interval."""
        from scipy.special import stdtr, stdtrit  # Student t; scipy.stats would add seconds of imports

        index = [self.names.index(name) for name in names]
        estimate = sum(self.params[i] for i in index)
        if self.covariance:
            variance = sum(self.covariance[i][j] for i in index for j in index)
        else:
            variance = sum(self.std_errors[i] ** 2 for i in index)
        se = math.sqrt(max(variance, 0.0))
        df = (
            max(self.df_resid, 1)
            if self.theta is None
            else self.theta.degrees_of_freedom(index, variance, self.df_resid)
        )
        q = float(stdtrit(df, 0.5 + level / 2))
        p = float(2 * stdtr(df, -abs(estimate) / se)) if se > 0 else 1.0
        return Interval(estimate, estimate - q * se, estimate + q * se, p)


@dataclass(frozen=True, eq=False)  # holds arrays: compared by identity
class ThetaSpread:
    """What estimating θ = (φ, share) adds to a fit's uncertainty (Kackar & Harville 1984; Kenward & Roger 1997)."""

    term: np.ndarray  # J·V·Jᵀ, already added to the covariance
    slopes: tuple[np.ndarray, ...]  # ∂Φ/∂θ_i of the plug-in covariance Φ(θ) = σ̂²(θ)·(XᵀΣ(θ)⁻¹X)⁻¹
    variance: np.ndarray  # V, the covariance of θ̂

    def degrees_of_freedom(self, index: list[int], variance: float, df_resid: int) -> float:
        """Satterthwaite's degrees of freedom for the contrast Σ β_index: v̂ = c'Φ̂c + c'JVJᵀc, with
        Var(c'Φ̂c) ≈ 2(c'Φc)²/df (σ̂²) + gᵀVg (θ̂), g_i = c'(∂Φ/∂θ_i)c; never more than the residual df."""
        plain = variance - float(self.term[np.ix_(index, index)].sum())
        gradient = np.array([float(slope[np.ix_(index, index)].sum()) for slope in self.slopes])
        spread = 2.0 * plain**2 / max(df_resid, 1) + float(gradient @ self.variance @ gradient)
        if not (math.isfinite(spread) and spread > 0):
            return float(max(df_resid, 1))
        return float(min(max(df_resid, 1), max(2.0 * variance**2 / spread, 1.0)))


def one_blas_thread() -> AbstractContextManager[object]:
    """Linear algebra on one thread while fitting.

    The matrices are small (at most 365×365); BLAS threads only wait on each other for them, and on a busy
    machine (two cores shared) a year's fit took 8 s of wall time with two threads against 0.25 s with one.
    """
    global _CONTROLLER
    from threadpoolctl import ThreadpoolController

    if _CONTROLLER is None:  # made after scipy.linalg is imported, so its own BLAS is limited too
        import scipy.linalg  # noqa: F401

        _CONTROLLER = ThreadpoolController()
    limited: AbstractContextManager[object] = _CONTROLLER.limit(limits=1, user_api="blas")
    return limited


_CONTROLLER: Any = None


def trend_regressor(n: int) -> np.ndarray:
    return (np.arange(n, dtype=float) - (n - 1) / 2.0) / TREND_DAYS


def _gls_transform(
    y: np.ndarray, x: np.ndarray, gaps: np.ndarray, phi: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """Whitened outcome and design for AR(1) errors across gaps, and Σ log of the innovation SD factors."""
    linked = phi**gaps
    scale = np.sqrt(1.0 - linked**2)
    zy = np.empty_like(y)
    zx = np.empty_like(x)
    zy[0], zx[0] = y[0], x[0]
    zy[1:] = (y[1:] - linked * y[:-1]) / scale
    zx[1:] = (x[1:] - linked[:, None] * x[:-1]) / scale[:, None]
    return zy, zx, float(np.sum(np.log(scale)))


def fit_with_ar1_errors(
    outcome: np.ndarray, regressors: Mapping[str, np.ndarray], trend: bool = True
) -> RegressionFit | None:
    """Fit outcome on the regressors plus a constant (and a linear trend), with AR(1) errors.

    `outcome` may hold NaN (missing mornings); regressors may not. Returns None when the model cannot be
    fitted (too few observations for its parameters, a singular design, or no finite standard errors).
    """
    from scipy.optimize import minimize_scalar

    y = np.asarray(outcome, dtype=float)
    n = len(y)
    columns = {name: np.asarray(values, dtype=float) for name, values in regressors.items()}
    columns["constant"] = np.ones(n)
    if trend:
        columns["trend"] = trend_regressor(n)
    names = tuple(columns)
    exog = np.column_stack([columns[name] for name in names])
    observed = np.flatnonzero(np.isfinite(y))
    nobs = len(observed)
    k = len(names)
    if nobs <= k + 4 or np.linalg.matrix_rank(exog[observed]) < k:
        return None
    yo, xo = y[observed], exog[observed]
    gaps = np.diff(observed).astype(float)

    def profile(phi: float) -> float:  # minus the profile log-likelihood (constants dropped)
        zy, zx, log_scale = _gls_transform(yo, xo, gaps, phi)
        beta, *_ = np.linalg.lstsq(zx, zy, rcond=None)
        rss = float(np.sum((zy - zx @ beta) ** 2))
        return 0.5 * nobs * math.log(max(rss, 1e-300) / nobs) + log_scale

    with one_blas_thread():
        phi = float(minimize_scalar(profile, bounds=PHI_BOUNDS, method="bounded").x)
    zy, zx, _ = _gls_transform(yo, xo, gaps, phi)
    try:
        gram_inv = np.linalg.inv(zx.T @ zx)
    except np.linalg.LinAlgError:
        return None
    beta = gram_inv @ zx.T @ zy
    df_resid = nobs - k - 1  # one more for φ
    sigma2 = float(np.sum((zy - zx @ beta) ** 2)) / df_resid
    covariance = sigma2 * gram_inv
    std_errors = np.sqrt(np.clip(np.diag(covariance), 0.0, None))
    if not (np.all(np.isfinite(beta)) and np.all(np.isfinite(std_errors))) or np.any(std_errors <= 0):
        return None
    return RegressionFit(
        names=names,
        params=tuple(float(v) for v in beta),
        std_errors=tuple(float(v) for v in std_errors),
        nobs=nobs,
        df_resid=df_resid,
        autocorrelation=phi,
        covariance=tuple(tuple(float(v) for v in row) for row in covariance),
    )


def carry_forward(changes: np.ndarray, phi: float) -> np.ndarray:
    """s_t = z_t + φ·s_(t−1) down each column (s_(−1) = 0): the lower-bidiagonal system (I − φ·shift)·s = z,
    solved by forward substitution (scipy.signal's lfilter cost a second of imports for this one filter)."""
    from scipy.linalg import solve_banded

    if not np.isfinite(changes).all():  # a gap carries on as a gap: the recursion itself, row by row
        carried = np.empty_like(changes, dtype=float)
        previous = np.zeros(changes.shape[1:])
        for t, change in enumerate(changes):
            previous = carried[t] = change + phi * previous
        return carried
    bands = np.zeros((2, len(changes)))
    bands[0] = 1.0  # the diagonal
    bands[1, :-1] = -phi  # the band below it
    return np.asarray(solve_banded((1, 0), bands, changes, check_finite=False))


def fit_with_ar1_and_noise(
    outcome: np.ndarray,
    regressors: Mapping[str, np.ndarray],
    trend: bool = True,
    state: Mapping[str, np.ndarray] | None = None,
    estimated_theta: bool = True,
) -> RegressionFit | None:
    """Like `fit_with_ar1_errors`, plus day-to-day noise that does not carry over (a state-space model).

    outcome_t = b·x_t + g·s_t + c + d·trend_t + u_t + ε_t, u AR(1), ε white noise (a score rounded to a whole
    number, or a morning read a little high or low). Without ε, a person who runs less after a bad morning
    makes running look helpful: the AR(1) part then underestimates how much of this morning carries into
    the next (bench/effects_worlds.py, world "morning"). Exact likelihood over the recorded mornings (dense
    GLS; a year is 365×365), φ and the share of variance in u found by maximising the profile likelihood.

    `state` regressors are changes in the leg itself (for example how much worse it felt just before a run
    than at the morning check-in): such a change carries on like any other change of the AR(1) state, so
    it enters the state equation, u_(t+1) = φ·u_t + g·z_t + e, i.e. the regressor s_t = Σ φ^j z_(t−j),
    filtered with the φ being fitted. Held fixed on the next morning only, it would leave φ·g·z_t in the
    morning after, a bias on the second lag wherever z is tied to running (world "before").

    `estimated_theta`: the covariance adds the spread that comes from estimating φ and the share (Kackar &
    Harville, JASA 1984; the first-order term of Kenward & Roger, Biometrics 1997): J·V·Jᵀ with J = ∂β̂/∂θ
    and V the inverse observed information of the profile likelihood, both by finite differences (see
    `_theta_spread`). Without it the intervals treat φ and the share as known, and on 80-morning diaries the
    estimates spread ~4% more than their standard errors (bench: 6–7% false verdicts at 90 days).
    """
    from scipy.linalg import cho_factor, cho_solve
    from scipy.optimize import minimize

    y = np.asarray(outcome, dtype=float)
    n = len(y)
    columns = {name: np.asarray(values, dtype=float) for name, values in regressors.items()}
    columns["constant"] = np.ones(n)
    if trend:
        columns["trend"] = trend_regressor(n)
    state = {name: np.asarray(values, dtype=float) for name, values in (state or {}).items()}
    names = (*columns, *state)
    exog = np.column_stack([columns[name] for name in columns] + [state[name] for name in state])
    changes = np.column_stack([state[name] for name in state]) if state else None
    observed = np.flatnonzero(np.isfinite(y))
    nobs, k = len(observed), len(names)
    if nobs <= k + 5 or np.linalg.matrix_rank(exog[observed]) < k:
        return None
    yo, fixed = y[observed], exog[observed][:, : len(columns)]
    apart = np.abs(observed[:, None] - observed[None, :]).astype(float)
    identity = np.eye(nobs)

    def design(phi: float) -> np.ndarray:
        if changes is None:
            return fixed
        carried = carry_forward(changes, phi)  # s_t = z_t + φ·s_(t−1), over every day
        return np.column_stack([fixed, carried[observed]])

    def solve(theta: np.ndarray) -> tuple[float, np.ndarray, np.ndarray, float]:
        phi, share = float(theta[0]), float(theta[1])
        xo = design(phi)
        corr = share * np.exp(apart * math.log(phi)) + (1.0 - share) * identity
        factor = cho_factor(corr, lower=True)
        gram = xo.T @ cho_solve(factor, xo)
        beta = np.linalg.solve(gram, xo.T @ cho_solve(factor, yo))
        resid = yo - xo @ beta
        rss = float(resid @ cho_solve(factor, resid))
        logdet = 2.0 * float(np.sum(np.log(np.diag(factor[0]))))
        return 0.5 * nobs * math.log(max(rss, 1e-300) / nobs) + 0.5 * logdet, beta, gram, rss

    def objective(theta: np.ndarray) -> float:
        try:
            return solve(theta)[0]
        except (np.linalg.LinAlgError, ValueError):
            return 1e12

    # φ ≥ 0.01: morning pain that swings high-low-high from one day to the next is not a pattern of pain
    bounds = ((0.01, PHI_BOUNDS[1]), (0.05, 1.0))
    with one_blas_thread():
        best = minimize(objective, np.array([0.5, 0.8]), method="L-BFGS-B", bounds=bounds)
        try:
            _, beta, gram, rss = solve(best.x)
            gram_inv = np.linalg.inv(gram)
        except (np.linalg.LinAlgError, ValueError):
            return None
        df_resid = nobs - k - 2  # two more for φ and the share
        covariance = rss / df_resid * gram_inv
        spread = (
            _theta_spread(solve, np.asarray(best.x, dtype=float), bounds, df_resid)
            if estimated_theta
            else None
        )
        if spread is not None:
            covariance = covariance + spread.term
    std_errors = np.sqrt(np.clip(np.diag(covariance), 0.0, None))
    if not (np.all(np.isfinite(beta)) and np.all(np.isfinite(std_errors))) or np.any(std_errors <= 0):
        return None
    return RegressionFit(
        names=names,
        params=tuple(float(v) for v in beta),
        std_errors=tuple(float(v) for v in std_errors),
        nobs=nobs,
        df_resid=df_resid,
        autocorrelation=float(best.x[0]),
        covariance=tuple(tuple(float(v) for v in row) for row in covariance),
        theta=spread,
    )


THETA_STEPS = (0.01, 0.01)  # finite-difference steps for φ and the share
Solve = Callable[[np.ndarray], tuple[float, np.ndarray, np.ndarray, float]]


def _theta_spread(
    solve: Solve, theta: np.ndarray, bounds: tuple[tuple[float, float], ...], df: int
) -> ThetaSpread | None:
    """How much β̂ and its covariance move with the estimated θ = (φ, share) (Kackar & Harville 1984).

    J = ∂β̂/∂θ by central differences; V = inverse of the Hessian of minus the profile log-likelihood at θ̂
    (its observed information; the profile likelihood gives the same block as the full one). Nine extra GLS
    solves. Where θ̂ is at a bound the stencil moves inside it. Directions in which the likelihood does not
    curve upwards (a flat or saddle Hessian) add nothing; the spread of θ̂ is kept within the width of its
    range, where the linear approximation of β̂(θ) stops meaning anything.
    """
    h = np.asarray(THETA_STEPS)
    low = np.array([b[0] for b in bounds]) + h
    high = np.array([b[1] for b in bounds]) - h
    centre = np.clip(theta, low, high)
    values: dict[tuple[int, int], float] = {}
    betas: dict[tuple[int, int], np.ndarray] = {}
    plugins: dict[tuple[int, int], np.ndarray] = {}
    for i in (-1, 0, 1):
        for j in (-1, 0, 1):
            try:
                value, beta, gram, rss = solve(centre + h * np.array([i, j]))
                plugin = rss / df * np.linalg.inv(gram)
            except (np.linalg.LinAlgError, ValueError):
                return None
            values[i, j], betas[i, j], plugins[i, j] = value, beta, plugin
    hessian = np.empty((2, 2))
    hessian[0, 0] = (values[1, 0] - 2 * values[0, 0] + values[-1, 0]) / h[0] ** 2
    hessian[1, 1] = (values[0, 1] - 2 * values[0, 0] + values[0, -1]) / h[1] ** 2
    hessian[0, 1] = hessian[1, 0] = (values[1, 1] - values[1, -1] - values[-1, 1] + values[-1, -1]) / (
        4 * h[0] * h[1]
    )
    jac = np.column_stack(
        [(betas[1, 0] - betas[-1, 0]) / (2 * h[0]), (betas[0, 1] - betas[0, -1]) / (2 * h[1])]
    )
    curvature, axes = np.linalg.eigh(hessian)
    widest = float(np.max(high - low + 2 * h)) ** 2
    spread = np.zeros(len(curvature))
    positive = curvature > 0
    spread[positive] = np.minimum(1.0 / curvature[positive], widest)
    variance = (axes * spread) @ axes.T
    term = jac @ variance @ jac.T
    slopes = ((plugins[1, 0] - plugins[-1, 0]) / (2 * h[0]), (plugins[0, 1] - plugins[0, -1]) / (2 * h[1]))
    if not (np.all(np.isfinite(term)) and all(np.all(np.isfinite(x)) for x in slopes)):
        return None
    return ThetaSpread(term, slopes, variance)


def fit_least_squares(outcome: np.ndarray, regressors: Mapping[str, np.ndarray]) -> RegressionFit | None:
    """Ordinary least squares with a constant; rows with a missing outcome are left out."""
    y = np.asarray(outcome, dtype=float)
    keep = np.isfinite(y)
    columns = {name: np.asarray(values, dtype=float)[keep] for name, values in regressors.items()}
    columns["constant"] = np.ones(int(keep.sum()))
    names = tuple(columns)
    exog = np.column_stack([columns[name] for name in names])
    n, k = exog.shape
    if n <= k + 1 or np.linalg.matrix_rank(exog) < k:
        return None
    beta, *_ = np.linalg.lstsq(exog, y[keep], rcond=None)
    resid = y[keep] - exog @ beta
    covariance = float(resid @ resid) / (n - k) * np.linalg.inv(exog.T @ exog)
    std_errors = np.sqrt(np.clip(np.diag(covariance), 0.0, None))
    if not np.all(np.isfinite(std_errors)) or math.isclose(float(np.min(std_errors)), 0.0):
        return None
    return RegressionFit(
        names=names,
        params=tuple(float(v) for v in beta),
        std_errors=tuple(float(v) for v in std_errors),
        nobs=n,
        df_resid=n - k,
        autocorrelation=None,
        covariance=tuple(tuple(float(v) for v in row) for row in covariance),
    )
