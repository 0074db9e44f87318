"""Today's suggestion as a typed value: what to do, or the low-impact options; JSON only via `to_json`."""

from __future__ import annotations

from dataclasses import dataclass

from strideback.domain.types import Sport


@dataclass(frozen=True)
class Option:
    """A low-impact alternative to running."""

    sport: str
    description: str
    minutes: float
    effort: str = "easy"

    def __getitem__(self, name: str) -> object:
        """Read like the JSON it becomes (kept for callers written against the dict shape)."""
        return self.to_json()[name]

    def to_json(self) -> dict[str, object]:
        return {
            "sport": self.sport,
            "description": self.description,
            "minutes": self.minutes,
            "effort": self.effort,
        }


@dataclass(frozen=True)
class Suggestion:
    """What to do today. Optional fields are left out of the JSON when they do not apply (DESIGN.md)."""

    sport: str
    description: str
    minutes: float
    alternatives: tuple[Option, ...] | None = ()  # None: no alternatives on a stop day
    run_minutes: float | None = None
    walk_minutes: float | None = None
    repeats: int | None = None
    effort: str | None = None
    stage: int | None = None
    pain_during_limit: int | None = None
    note: str | None = None
    seek_care: str | None = None  # the red-flag level on a stop day

    def __getitem__(self, name: str) -> object:
        """Read like the JSON it becomes (kept for callers written against the dict shape)."""
        return self.to_json()[name]

    @property
    def is_run(self) -> bool:
        return self.sport == Sport.RUN.value

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "sport": self.sport,
            "description": self.description,
            "minutes": self.minutes,
        }
        for name in (
            "run_minutes",
            "walk_minutes",
            "repeats",
            "effort",
            "stage",
            "pain_during_limit",
            "note",
        ):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.seek_care is not None:
            data["seek_care"] = self.seek_care
        if self.alternatives is not None:
            data["alternatives"] = [option.to_json() for option in self.alternatives]
        return data
