"""Types the API's schemas and query parameters share, and the answers every operation may give.

Every error answers in ErrorOut's shape. The status codes besides an operation's success, in one place
(`answers` adds them to each operation's `response`, so the OpenAPI document lists what really comes):

- 400: the body is not JSON (django-ninja: "Cannot parse request body"), or an upload over a limit;
- 401: server mode, and no token or session of the right kind (a clinician's on a person's route is 404);
- 403: a write through a session or CSRF cookie without the matching `X-CSRFToken` header;
- 404: the id names nothing this account may see; a clinician's token on a person's route;
- 409: a check-in for that date exists already (POST /api/checkins);
- 422: a value the schemas or the domain refuse, with `errors` per field;
- 503: the database is busy or cannot be reached (with Retry-After when a retry soon may succeed).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, WithJsonSchema

from strideback.domain.bounds import IDEMPOTENCY_KEY_CHARS, IDEMPOTENCY_KEY_PATTERN
from strideback.domain.dates import iso_day
from strideback.domain.instruments import INSTRUMENTS

# A date in a request: `YYYY-MM-DD` only (a number is not read as seconds since 1970); 422 otherwise.
IsoDate = Annotated[dt.date, BeforeValidator(iso_day)]

# A questionnaire's name, as the domain's registry knows them (the domain checks it: 422 otherwise).
InstrumentName = Annotated[str, WithJsonSchema({"type": "string", "enum": list(INSTRUMENTS)})]

# The Idempotency-Key header's form, stated in the document (services/idempotency checks it: 422).
IdempotencyKey = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": IDEMPOTENCY_KEY_PATTERN,
            "minLength": IDEMPOTENCY_KEY_CHARS[0],
            "maxLength": IDEMPOTENCY_KEY_CHARS[1],
        }
    ),
]


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


# Every operation: no valid token or session (server mode), the database down or busy.
ALWAYS = (401, 503)
# A person's route: a clinician's token is 404 (api_auth); an operation with inputs may be refused.
PERSON_READ = (404, 422)
# A write: a body that is not JSON, a cookie write without its CSRF header, the values refused.
WRITE = (400, 403, 404, 422)


def answers(ok: dict[int, Any], *errors: int) -> dict[int, Any]:
    """An operation's `response`: its success answers, and ErrorOut for ALWAYS and each of `errors`."""
    return {**ok, **{code: ErrorOut for code in sorted({*ALWAYS, *errors})}}
