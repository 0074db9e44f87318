"""Which days the analysis looks at (issue #12): the span that has morning check-ins, never the whole
imported history. By default the last 12 months of that span; `since` or `everything` choose otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_WINDOW_DAYS = 365
LAG_DAYS = 2  # runs up to two days before the first morning still count (the primary question's lags)


@dataclass(frozen=True)
class Window:
    start: dt.date | None  # None: nothing to analyse yet (no check-in)
    end: dt.date | None
    chosen: str  # "default" | "since" | "all"

    def contains(self, day: dt.date) -> bool:
        if self.start is None:
            return False
        return day >= self.start and (self.end is None or day <= self.end)


def analysis_window(
    checkin_days: Iterable[dt.date],
    since: dt.date | None = None,
    everything: bool = False,
    until: dt.date | None = None,
) -> Window:
    """From the first check-in (less the two lag days) to the last record; at most the default span."""
    days = sorted(d for d in checkin_days if until is None or d <= until)
    chosen = "since" if since is not None else ("all" if everything else "default")
    if not days:
        return Window(None, None, chosen)
    earliest = days[0] - dt.timedelta(days=LAG_DAYS)
    if since is not None:
        start = max(since, earliest)
    elif everything:
        start = earliest
    else:
        start = max(earliest, days[-1] - dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1))
    return Window(start, until, chosen)
