"""How each session went, over a span of days, for the Activities list and the Trends marks.

This joins store and domain like a service does; it belongs in `services/daily.py` as
`session_responses(person_id, since, until)` and is kept here only until that exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from strideback.domain.response import SessionResponse, classify_sessions
from strideback.domain.types import Activity, CheckIn
from strideback.store import records


def session_responses(
    person_id: int, activities: Sequence[Activity], checkins: Sequence[CheckIn], day: dt.date
) -> list[SessionResponse]:
    """Classify the sessions given (with the check-ins around them) as of `day`, under the plan's limit."""
    state = records.get_plan_state(person_id)
    kwargs = {"pain_during_limit": state.caps.pain_during_limit} if state is not None else {}
    return classify_sessions(activities, checkins, day, **kwargs)
