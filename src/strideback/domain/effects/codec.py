"""The analysis rebuilt from its JSON document (issue #16): the one `from_json` to `Analysis.to_json`.

The background result is kept as the JSON of `analyze --json`; the faces read typed objects, so the kept
document is turned back into the dataclasses here, once. Derived keys (sentences, the bottom line, units
said again) are not read back: they are derived again from the values, which `to_json` rounds, so a
document read back writes the same document (`Analysis.from_json(doc).to_json() == doc`, tested).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from strideback.domain.effects.long_term import DayGroup, DayTypeComparison, Difference, Restart, Trend
from strideback.domain.effects.primary import PrimaryEffect
from strideback.domain.effects.short_term import Effect

Document = Mapping[str, Any]


def _day(value: object) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def effect_from_json(d: Document) -> Effect:
    return Effect(
        exposure=str(d["exposure"]),
        outcome=str(d["outcome"]),
        lag_days=int(d["lag_days"]),
        estimate=_float(d.get("estimate")),
        ci_low=_float(d.get("ci_low")),
        ci_high=_float(d.get("ci_high")),
        unit=str(d.get("unit") or ""),
        verdict=str(d["verdict"]),
        days_used=int(d.get("days_used") or 0),
        exposure_days=int(d.get("exposure_days") or 0),
        missing=str(d.get("missing") or ""),
        p_value=_float(d.get("p_value")),
        p_adjusted=_float(d.get("p_adjusted")),
    )


def primary_from_json(d: Document | None) -> PrimaryEffect | None:
    if d is None:
        return None
    return PrimaryEffect(
        estimate=_float(d.get("estimate")),
        ci_low=_float(d.get("ci_low")),
        ci_high=_float(d.get("ci_high")),
        verdict=str(d["verdict"]),
        p_value=_float(d.get("p_value")),
        days_used=int(d.get("days_used") or 0),
        exposure_days=int(d.get("exposure_days") or 0),
        lag_effects=tuple(effect_from_json(e) for e in d.get("lag_estimates") or ()),
        missing=str(d.get("missing") or ""),
        exposure=str(d["exposure"]),
        outcome=str(d["outcome"]),
        lags=tuple(int(lag) for lag in d.get("lags") or ()),
        adjusted_for_pain_before=bool(d.get("adjusted_for_pain_before")),
    )


def trend_from_json(d: Document) -> Trend:
    return Trend(
        measure=str(d["measure"]),
        estimate=_float(d.get("estimate")),
        ci_low=_float(d.get("ci_low")),
        ci_high=_float(d.get("ci_high")),
        unit=str(d.get("unit") or ""),
        verdict=str(d["verdict"]),
        used=int(d.get("used") or 0),
        first_value=_float(d.get("first_value")),
        last_value=_float(d.get("last_value")),
        first_day=_day(d.get("first_day")),
        last_day=_day(d.get("last_day")),
        missing=str(d.get("missing") or ""),
    )


def restart_from_json(d: Document) -> Restart:
    return Restart(
        restart_day=_day(d.get("restart_day")),
        days_before=int(d.get("days_before") or 0),
        days_after=int(d.get("days_after") or 0),
        mean_before=_float(d.get("mean_before")),
        mean_after=_float(d.get("mean_after")),
        estimate=_float(d.get("estimate")),
        ci_low=_float(d.get("ci_low")),
        ci_high=_float(d.get("ci_high")),
        verdict=str(d["verdict"]),
        missing=str(d.get("missing") or ""),
        outcome=str(d.get("outcome") or "leg_pain"),
        unit=str(d.get("unit") or ""),
    )


def day_types_from_json(d: Document) -> DayTypeComparison:
    return DayTypeComparison(
        outcome=str(d["outcome"]),
        groups=tuple(
            DayGroup(str(g["day_type"]), int(g["days"]), _float(g.get("mean"))) for g in d.get("groups") or ()
        ),
        differences=tuple(
            Difference(
                day_type=str(x["day_type"]),
                versus=str(x["versus"]),
                estimate=_float(x.get("estimate")),
                ci_low=_float(x.get("ci_low")),
                ci_high=_float(x.get("ci_high")),
                verdict=str(x["verdict"]),
                missing=str(x.get("missing") or ""),
            )
            for x in d.get("differences") or ()
        ),
    )
