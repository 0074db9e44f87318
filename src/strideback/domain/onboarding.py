"""The first start of a person's own diary (issue 15): a short guided sequence, in order.

1. name (for the report) and units, 2. a first check-in, 3. the full red-flag screening, 4. STarT Back,
5. a clinician's limits (optional). Steps 4 and 5 may be skipped; the red-flag screening never is (it
stays the current step until it is answered; BASS 2018: the warning signs are asked before advice on
activity). A step is done when its record exists, so it does not matter which page it was done on.

The stored marker (`Person.onboarding`): `new` (never shown), `started`, or a comma-separated list of the
steps finished or skipped by hand (`profile`, `startback`, `limits`), and `done` at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

STEPS: tuple[tuple[str, str], ...] = (
    ("profile", "Your name and units"),
    ("checkin", "Your first check-in"),
    ("redflags", "The red-flag questions"),
    ("startback", "The STarT Back questionnaire"),
    ("limits", "Limits from your clinician (optional)"),
)
SKIPPABLE = frozenset({"startback", "limits"})
MARKED_BY_HAND = frozenset({"profile", "startback", "limits"})  # no record of their own says they are done
NEW, STARTED, DONE = "new", "started", "done"


@dataclass(frozen=True)
class Progress:
    """Where a person is in the sequence; `step` is None once every step is done or skipped."""

    step: str | None
    done: tuple[str, ...]

    @property
    def number(self) -> int:
        names = [name for name, _ in STEPS]
        return names.index(self.step) + 1 if self.step in names else len(names)

    @property
    def total(self) -> int:
        return len(STEPS)

    @property
    def title(self) -> str:
        return dict(STEPS).get(self.step or "", "")

    @property
    def skippable(self) -> bool:
        return self.step in SKIPPABLE


def marks(marker: str) -> set[str]:
    """The steps marked by hand in a stored marker."""
    return {part for part in marker.split(",") if part in MARKED_BY_HAND}


def progress(marker: str, has_checkin: bool, has_full_screening: bool, has_startback: bool) -> Progress:
    """The first step not done yet, from the stored marker and what the diary holds."""
    if marker == DONE:
        return Progress(None, tuple(name for name, _ in STEPS))
    by_hand = marks(marker)
    done_by_record = {"checkin": has_checkin, "redflags": has_full_screening, "startback": has_startback}
    done = tuple(name for name, _ in STEPS if name in by_hand or done_by_record.get(name, False))
    current = next((name for name, _ in STEPS if name not in done), None)
    return Progress(current, done)


def marked(marker: str, step: str) -> str:
    """The marker with `step` finished or skipped (only steps that may be; the red flags never)."""
    if step not in MARKED_BY_HAND:
        raise ValueError(f"{step} is done by its own record, not by hand")
    return ",".join(sorted(marks(marker) | {step}))


def needs_onboarding(marker: str, is_demo: bool, has_data: bool) -> bool:
    """Whether the sequence applies: a person's own diary, never the demo, not finished; a diary that
    already held records before the sequence existed (`new` with data) counts as set up."""
    if is_demo or marker == DONE:
        return False
    return not (marker == NEW and has_data)
