"""The write behind POST /api/checkins, as (status, JSON body): called directly, or once per
idempotency key (services/idempotency) when a phone's offline queue sends it."""

from __future__ import annotations

import datetime as dt
from typing import Any


def write_checkin(person: int, body: Any) -> tuple[int, dict[str, Any]]:
    from strideback.domain.types import CheckIn, check_not_future
    from strideback.services.checkins import CheckInExists, checkin_json, record_check_in

    check_not_future("date", body.date, dt.date.today())
    checkin = CheckIn(
        **body.model_dump(exclude={"red_flags", "replace"})
    )  # the domain type checks each field
    try:
        result = record_check_in(person, checkin, red_flags=body.red_flags, replace=body.replace)
    except CheckInExists as error:
        return 409, {"detail": f"{error}; send replace: true to overwrite it", "errors": []}
    screening = result.screening.to_json() if result.screening is not None else None
    return 201, {"checkin": checkin_json(result.checkin), "replaced": result.replaced, "red_flags": screening}
