"""The walk-run plan as it stands on a day, as one typed object: the derived state, with the weekly
rule's hold when it holds. Faces read its attributes, or its `to_json()` (`plan show --json`, the API, the
Plan page) at their edge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strideback.domain import plan as walk_run
from strideback.domain.response import green_limit
from strideback.domain.types import PlanCaps, PlanState
from strideback.domain.weekly import WeeklyTrend


@dataclass(frozen=True)
class PlanOverview:
    state: PlanState
    weekly: WeeklyTrend | None = None

    @property
    def caps(self) -> PlanCaps:
        return self.state.caps

    @property
    def holding(self) -> bool:
        """The weekly rule keeps the plan from moving up (the week's leg pain is rising)."""
        return self.weekly is not None and self.weekly.holds

    @property
    def running_allowed(self) -> bool:
        return walk_run.running_allowed(self.caps)

    @property
    def pain_during_limit(self) -> int:
        """The limit actually applied: a clinician's limit tightens the safe band, never widens it."""
        return green_limit(self.caps.pain_during_limit)

    def caps_json(self) -> dict[str, Any]:
        return {
            "max_stage": self.caps.max_stage,
            "pain_during_limit": self.pain_during_limit,
            "avoid_sports": [s.value for s in self.caps.avoid_sports],
        }

    def to_json(self) -> dict[str, Any]:
        state = self.state
        current = walk_run.current_stage(state)
        return {
            "weekly": self.weekly.to_json() if self.weekly is not None else None,
            "holding": self.holding,
            "stage": current.number,
            "session": current.to_json(),
            "greens_in_a_row": walk_run.greens_in_a_row(state),
            "highest_stage": walk_run.highest_stage(self.caps),
            "caps": self.caps_json(),
            "running_allowed": self.running_allowed,
            "stages": [s.to_json() for s in walk_run.STAGES],
            "history": [
                {
                    "date": e.date.isoformat(),
                    "kind": e.kind,
                    "stage_before": e.stage_before,
                    "stage_after": e.stage_after,
                    "reason": e.reason,
                }
                for e in state.history
            ],
        }
