"""The whole answer of a trial, as one typed result: state, counts, adherence, estimates, words, CENT items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from strideback.domain.trial import words
from strideback.domain.trial.analysis import (
    MIN_BLOCKS,
    OUTCOMES,
    PRIMARY,
    Estimate,
    TrialDay,
    adherence,
    as_allocated,
    as_done,
    blocked,
)
from strideback.domain.trial.design import LOW_IMPACT, RUN, TrialDesign

NO_TRIAL = "none"


@dataclass(frozen=True)
class TrialAnswer:
    state: str  # none, running, stopped, completed
    n_days: int  # allocated days whose next morning's leg pain is recorded
    allocated: dict[str, int]
    adherence: float | None
    deviations: dict[str, int]
    primary: Estimate | None
    as_done: Estimate | None
    secondary: tuple[Estimate, ...]
    bottom_line: str
    certainty: str
    cent: tuple[dict[str, str], ...] = field(default=())
    sensitivity: Estimate | None = None  # the blocked difference (pre-specified sensitivity analysis)
    ruled_out_before_draw: int = 0  # days left out of both arms: the morning had ruled a run out

    @property
    def verdict(self) -> str:
        return self.primary.verdict if self.primary is not None else "insufficient_data"

    def to_json(self) -> dict[str, object]:
        primary = self.primary
        return {
            "state": self.state,
            "n_days": self.n_days,
            "allocated": dict(self.allocated),
            "adherence": None if self.adherence is None else round(self.adherence, 3),
            "estimate": None if primary is None else primary.to_json()["estimate"],
            "ci_low": None if primary is None else primary.to_json()["ci_low"],
            "ci_high": None if primary is None else primary.to_json()["ci_high"],
            "p_randomization": None if primary is None else primary.to_json()["p_randomization"],
            "verdict": self.verdict,
            "bottom_line": self.bottom_line,
            "certainty": self.certainty,
            "deviations": dict(self.deviations),
            "as_allocated": None if primary is None else primary.to_json(),
            "as_done": None if self.as_done is None else self.as_done.to_json(),
            "secondary": [e.to_json() for e in self.secondary],
            "cent": [dict(item) for item in self.cent],
            "sensitivity_blocked": None if self.sensitivity is None else self.sensitivity.to_json(),
            "ruled_out_before_draw": self.ruled_out_before_draw,
        }


def no_trial() -> TrialAnswer:
    return TrialAnswer(
        state=NO_TRIAL,
        n_days=0,
        allocated={RUN: 0, LOW_IMPACT: 0},
        adherence=None,
        deviations={"safety": 0, "not_followed": 0},
        primary=None,
        as_done=None,
        secondary=(),
        bottom_line="No personal trial yet: start one with `strideback trial start`.",
        certainty="very low",
    )


def analyze_trial(
    design: TrialDesign, state: str, places: Sequence[int], days: Sequence[TrialDay]
) -> TrialAnswer:
    """`days`: every allocated day so far, in order from day 1; `places`: the run's place in each block begun."""
    primary = as_allocated(days, places, PRIMARY)
    secondary = tuple(as_allocated(days, places, name) for name in OUTCOMES[1:])
    done = as_done(days, PRIMARY)
    sensitivity = blocked(days, places, PRIMARY)
    kept = adherence(days)
    allocated = {RUN: sum(1 for d in days if d.allocation == RUN)}
    allocated[LOW_IMPACT] = len(days) - allocated[RUN]
    deviations = {"safety": kept.safety, "not_followed": kept.not_followed}
    sure = words.certainty(primary.verdict, primary.p_randomization, kept.rate, primary.n)
    line = words.bottom_line(
        primary.verdict,
        PRIMARY,
        primary.estimate,
        primary.ci_low,
        primary.ci_high,
        primary.p_randomization,
        sure,
        primary.n,
        MIN_BLOCKS,
    )
    adherence_text = (
        "No day is over yet."
        if kept.rate is None
        else f"Done as drawn on {kept.followed} of {kept.settled_days} days ({kept.rate:.0%})."
    )
    cent = words.cent_items(
        design.weeks,
        design.days_total,
        design.n_blocks,
        primary.method,
        allocated,
        adherence_text,
        deviations,
        line,
        ruled_out=sum(1 for d in days if not d.eligible),
    )
    return TrialAnswer(
        state=state,
        n_days=sum(1 for d in days if d.next_leg is not None),
        allocated=allocated,
        adherence=kept.rate,
        deviations=deviations,
        primary=primary,
        as_done=done,
        secondary=secondary,
        bottom_line=line,
        certainty=sure,
        cent=tuple(cent),
        sensitivity=sensitivity,
        ruled_out_before_draw=sum(1 for d in days if not d.eligible),
    )
