"""Who is asking, in server mode: every request is a signed-in account or a bearer token, and reaches only
the diary it may read. Local mode (one person, loopback, no login) passes through unchanged.

- Pages: anonymous visitors are sent to the login page; a clinician's home is /clinic/ (they keep no diary).
- API: `Authorization: Bearer TOKEN` or the signed-in session (CSRF-checked on writes); anonymous gets 401.
- A clinician reads a person only with that person's live consent, and every read is audited; anyone
  else's data is a 404, never a 200 with another person's values.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from strideback.domain.accounts import Account, Role

SERVER_ONLY_PREFIXES = ("/accounts/", "/sharing", "/clinic/")
PUBLIC_PREFIXES = (
    "/accounts/",
    "/static/",
    "/assets/",
    "/manifest.webmanifest",
    "/api/",
    "/calendar/",
)
CLINICIAN_PREFIXES = ("/clinic/", "/accounts/", "/static/", "/assets/", "/manifest.webmanifest", "/api/")


def server_mode() -> bool:
    return bool(getattr(settings, "SERVER_MODE", False))


def account_of(request: HttpRequest) -> Account | None:
    """The signed-in account of a page request (None when anonymous, disabled or without an account)."""
    cached = getattr(request, "_strideback_account", False)
    if not isinstance(cached, bool):  # an account, or None, found earlier in this request
        return cached
    account = None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_active:
        from strideback.services.accounts import account_of_user

        account = account_of_user(user.pk)
    request._strideback_account = account  # type: ignore[attr-defined]
    return account


class SignInRequired:
    """Server mode: pages need a signed-in account; clinicians stay on their own pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if not server_mode():
            if path.startswith(SERVER_ONLY_PREFIXES):
                raise Http404("accounts and sharing are part of server mode")
            return self.get_response(request)
        account = account_of(request)
        if account is None and not path.startswith(PUBLIC_PREFIXES):
            return redirect(f"{settings.LOGIN_URL}?next={path}")
        if (
            account is not None
            and account.role is Role.CLINICIAN
            and getattr(settings, "CLINICIAN_2FA", False)
            and not request.user.is_verified()  # type: ignore[union-attr]
            and not path.startswith(("/accounts/", "/static/", "/assets/"))
        ):
            if path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "a second factor is required: sign in on the web first"}, status=403
                )
            return redirect(f"/accounts/second-factor/?next={path}")
        if account is not None and account.role is Role.CLINICIAN and not path.startswith(CLINICIAN_PREFIXES):
            if path == "/":
                return redirect("/clinic/")
            raise Http404("clinicians read people's diaries from /clinic/")
        if account is not None and account.role is Role.PERSON and path.startswith("/clinic/"):
            raise Http404("not a clinician")
        return self.get_response(request)


def page_person(request: HttpRequest) -> int:
    """The person whose diary a page shows: the signed-in person in server mode (never anyone else)."""
    account = account_of(request)
    if account is None or account.person_id is None:
        raise Http404("no diary for this account")
    return account.person_id
