"""Who the JSON API speaks for. Local mode: the one local person. Server mode: the bearer of a person's
token, or the signed-in person's session; a clinician reaches only the /api/people routes (api_clinic).
Writes through the session cookie are CSRF-checked, since a browser sends cookies by itself.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from strideback.domain.accounts import Account


class LocalPerson(APIKeyCookie):
    """The person the API speaks for: the local person, or in server mode the signed-in person (both
    CSRF-checked on writes, since a browser sends the cookie by itself; reads need no cookie)."""

    param_name = "csrftoken"

    def authenticate(self, request: HttpRequest, key: str | None) -> int | None:
        from strideback.web.server_access import server_mode

        if server_mode():
            return _person_of(_session_account(request))
        from strideback.services.people import local_person_id

        return local_person_id()


class BearerPerson(HttpBearer):
    """Server mode: `Authorization: Bearer TOKEN`, a person's token made with `strideback token create`."""

    def authenticate(self, request: HttpRequest, token: str) -> int | None:
        from strideback.web.server_access import server_mode

        if not server_mode():
            return None
        from strideback.services.accounts import account_of_token

        return _person_of(account_of_token(token))


def _session_account(request: HttpRequest) -> Any:
    from strideback.web.server_access import account_of

    return account_of(request)


def _person_of(account: Any) -> int | None:
    """A person's own diary; a clinician's token or session reaches only the /api/people routes."""
    if account is None:
        return None
    if account.person_id is None:
        raise HttpError(404, "Not found")
    return int(account.person_id)


class PersonRequest(HttpRequest):
    """A request of the person API (for type checking): django-ninja sets `auth` to what the
    authenticator returned, the person's id."""

    auth: int


class ClinicianRequest(HttpRequest):
    """A request of the clinician API (`api_clinic`, for type checking): `auth` is the clinician's account."""

    auth: Account
