"""The design of a personal (N-of-1) trial: which days are run days, drawn fairly, sealed until their day.

Every day of the trial is allocated: run or low-impact. Days come in blocks of three consecutive days
holding exactly one run day, its place in the block drawn at random (restricted randomisation within
blocks, so the arms stay in the same proportion all through the trial and slow drifts and weekly habits
spread over both; CENT 2015 item 8b; StudyU 2022 uses block designs for the same reason). The plan's rest
rule (never a run on two days in a row) holds by construction: after a block whose run is on its last
day, the next block's run cannot be on its first day.

Concealment (CENT 2015 item 9): nothing stores the schedule. A secret key is kept with the trial and a
day's allocation is derived from it with HMAC-SHA256 only when that day has come, so no face can show a
future day. The same key gives the same schedule (reproducible from the seed). The analysis re-draws
the same scheme (Edgington's randomisation test), so `scheme_probabilities`/`sample_schemes` here are the
one description of how allocations are drawn.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from strideback.domain.types import InvalidValue

if TYPE_CHECKING:
    import numpy as np

RUN, LOW_IMPACT = "run", "low_impact"
ARMS = (RUN, LOW_IMPACT)
# Three days per block, one run (1:2), so that blocks can follow each other without two run days in a row
# and still leave the run's place free to vary (DESIGN, walk-run plan: a rest or low-impact day between runs).
BLOCK_DAYS = 3
MIN_WEEKS, MAX_WEEKS, DEFAULT_WEEKS = 4, 16, 6
_KEY_LABEL = b"strideback personal trial v1"


def key_from_seed(seed: int | None) -> str:
    """The sealed key (hex) of a trial: derived from `seed` when given (reproducible), else random."""
    if seed is None:
        return secrets.token_hex(32)
    return hashlib.sha256(_KEY_LABEL + b":" + str(int(seed)).encode()).hexdigest()


def check_weeks(weeks: int) -> int:
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise InvalidValue("weeks", weeks, f"a whole number of weeks from {MIN_WEEKS} to {MAX_WEEKS}")
    return weeks


@dataclass(frozen=True)
class TrialDesign:
    """When the trial runs and how many blocks it has; the key is kept apart (see `allocation`)."""

    start: dt.date
    weeks: int

    @property
    def n_blocks(self) -> int:
        return math.ceil(self.weeks * 7 / BLOCK_DAYS)

    @property
    def days_total(self) -> int:
        return self.n_blocks * BLOCK_DAYS

    @property
    def end(self) -> dt.date:
        """The last day of the trial."""
        return self.start + dt.timedelta(days=self.days_total - 1)

    def day_number(self, day: dt.date) -> int | None:
        """1 for the first day of the trial … `days_total`; None outside the trial."""
        n = (day - self.start).days + 1
        return n if 1 <= n <= self.days_total else None

    def day(self, number: int) -> dt.date:
        return self.start + dt.timedelta(days=number - 1)


def allowed_places(previous_place: int | None) -> tuple[int, ...]:
    """Where the run may fall in a block, given the previous block's run place (rest rule)."""
    if previous_place == BLOCK_DAYS - 1:
        return tuple(range(1, BLOCK_DAYS))
    return tuple(range(BLOCK_DAYS))


def _draw(key: str, block: int, choices: int) -> int:
    digest = hmac.new(bytes.fromhex(key), f"block:{block}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") % choices  # bias below 2**-60: negligible


def run_places(key: str, blocks: int) -> list[int]:
    """The run's place (0, 1 or 2) in each of the first `blocks` blocks, derived from the key.

    Only ever called for blocks that have begun, so a later block is never computed early.
    """
    places: list[int] = []
    previous: int | None = None
    for block in range(blocks):
        options = allowed_places(previous)
        previous = options[_draw(key, block, len(options))]
        places.append(previous)
    return places


def allocation(design: TrialDesign, key: str, day: dt.date) -> str | None:
    """The arm of `day` (run or low_impact), or None outside the trial. Callers reveal it only on or
    after its day: the service checks the clock before asking (concealment)."""
    number = design.day_number(day)
    if number is None:
        return None
    block, place = divmod(number - 1, BLOCK_DAYS)
    return RUN if run_places(key, block + 1)[block] == place else LOW_IMPACT


def allocations_until(design: TrialDesign, key: str, last: dt.date) -> dict[dt.date, str]:
    """Every allocated day from the start up to `last` (inclusive, within the trial)."""
    count = min(design.days_total, (last - design.start).days + 1)
    if count <= 0:
        return {}
    places = run_places(key, math.ceil(count / BLOCK_DAYS))
    return {
        design.day(n + 1): RUN if places[n // BLOCK_DAYS] == n % BLOCK_DAYS else LOW_IMPACT
        for n in range(count)
    }


def count_schemes(blocks: int) -> int:
    """How many allocation schemes the design can draw for `blocks` blocks."""
    # States: previous run last in its block or not; 3 places from a free state, 2 after a last place.
    free, after_last = 1, 0
    for _ in range(blocks):
        free, after_last = free * 2 + after_last * 1, free * 1 + after_last * 1
    return free + after_last


def scheme_probabilities(blocks: int) -> Iterator[tuple[tuple[int, ...], float]]:
    """Every scheme (run place per block) with its probability under the design (exact enumeration)."""

    def extend(prefix: tuple[int, ...], probability: float) -> Iterator[tuple[tuple[int, ...], float]]:
        if len(prefix) == blocks:
            yield prefix, probability
            return
        options = allowed_places(prefix[-1] if prefix else None)
        for place in options:
            yield from extend((*prefix, place), probability / len(options))

    yield from extend((), 1.0)


def sample_schemes(blocks: int, draws: int, rng: np.random.Generator) -> np.ndarray:
    """`draws` schemes drawn exactly as the design draws them (draws × blocks array of places)."""
    import numpy as np  # only the analysis needs numpy; `today` stays light

    out = np.empty((draws, blocks), dtype=np.int64)
    previous = np.full(draws, -1)
    for block in range(blocks):
        after_last = previous == BLOCK_DAYS - 1
        free_place = rng.integers(0, BLOCK_DAYS, size=draws)
        restricted_place = rng.integers(1, BLOCK_DAYS, size=draws)
        out[:, block] = np.where(after_last, restricted_place, free_place)
        previous = out[:, block]
    return out


@dataclass(frozen=True)
class StoredTrial:
    """A trial as the store keeps it. `key` is sealed: it never goes into any JSON, page or report."""

    id: int
    design: TrialDesign
    key: str = field(repr=False)
    state: str  # running or stopped (completed is read from the date)
    stopped_on: dt.date | None = None
    seeded: bool = False


@dataclass(frozen=True)
class StoredDay:
    """A day whose allocation has been drawn (on its day or after it), with what came of it."""

    date: dt.date
    allocation: str
    revealed: bool  # shown to the person on the day (False: drawn afterwards, e.g. no check-in that day)
    deviation: str = ""  # "", "safety", "rest_rule" or "not_followed"
    ran: bool | None = None
