"""Types the API's schemas and query parameters share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator

from strideback.domain.dates import iso_day

# A date in a request: `YYYY-MM-DD` only (a number is not read as seconds since 1970); 422 otherwise.
IsoDate = Annotated[dt.date, BeforeValidator(iso_day)]
