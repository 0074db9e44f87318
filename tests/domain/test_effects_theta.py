"""Issue #12 (bench/effects_worlds.py): at 90 days the primary estimate spread ~4% more than its standard error,
because φ and the noise share are estimated and the plain GLS covariance treats them as known. The fit now
adds the Kackar–Harville term J·V·Jᵀ (fitting._theta_spread) and a Satterthwaite degrees of freedom for
each contrast. Known answer on small simulated diaries: running does nothing; the errors are AR(1) (φ 0.5)
read as whole numbers; the design is the primary one (lags 1 and 2, weekday terms, a trend).
"""

from __future__ import annotations

import numpy as np

from strideback.domain.effects.fitting import RegressionFit, fit_with_ar1_and_noise


def _diary(seed: int, days: int = 40) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    u = np.zeros(days)
    u[0] = rng.normal()
    for t in range(1, days):
        u[t] = 0.5 * u[t - 1] + rng.normal(0, np.sqrt(0.75))
    run = (rng.random(days + 1) < 3 / 7) * rng.uniform(0.6, 1.4, days + 1)
    y = np.round(4 + u)
    y[rng.random(days) < 0.1] = np.nan
    regressors = {"lag_1": run[1:], "lag_2": run[:-1]}
    for day in range(1, 7):
        regressors[f"weekday_{day}"] = (np.arange(days) % 7 == day).astype(float)
    return y, regressors


def _z(fit: RegressionFit) -> tuple[float, float]:
    index = [fit.names.index("lag_1"), fit.names.index("lag_2")]
    variance = float(np.array(fit.covariance)[np.ix_(index, index)].sum())
    return fit.params[index[0]] + fit.params[index[1]], variance**0.5


def test_estimating_the_autocorrelation_widens_the_interval_and_brings_the_z_spread_towards_one():
    plain_z, corrected_z = [], []
    for seed in range(120):
        y, regressors = _diary(seed)
        plain = fit_with_ar1_and_noise(y, regressors, estimated_theta=False)
        corrected = fit_with_ar1_and_noise(y, regressors)
        assert plain is not None and corrected is not None
        (estimate, plain_se), (same, corrected_se) = _z(plain), _z(corrected)
        assert same == estimate  # the correction changes the uncertainty, never the estimate
        assert corrected_se >= plain_se * (1 - 1e-9)
        assert plain.theta is None and corrected.theta is not None
        # the contrast's degrees of freedom: Satterthwaite's, never more than the residual df
        interval = corrected.combined(("lag_1", "lag_2"))
        assert interval.high - interval.low >= 2 * 1.96 * corrected_se
        plain_z.append(estimate / plain_se)
        corrected_z.append(estimate / corrected_se)
    plain_spread, corrected_spread = float(np.std(plain_z)), float(np.std(corrected_z))
    # the truth is 0: z should spread like a t on ~25 df (SD ≈ 1.04); treating φ as known made it wider
    assert plain_spread > corrected_spread > 1.0, (plain_spread, corrected_spread)
    assert corrected_spread / plain_spread < 0.985, (plain_spread, corrected_spread)


def test_the_degrees_of_freedom_of_a_contrast_never_exceed_the_residual_ones():
    y, regressors = _diary(3, days=60)
    fit = fit_with_ar1_and_noise(y, regressors)
    assert fit is not None and fit.theta is not None
    index = [fit.names.index("lag_1"), fit.names.index("lag_2")]
    variance = float(np.array(fit.covariance)[np.ix_(index, index)].sum())
    df = fit.theta.degrees_of_freedom(index, variance, fit.df_resid)
    assert 1.0 <= df <= fit.df_resid
