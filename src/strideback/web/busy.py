"""When a write truly cannot get the database (another writer held it past the busy timeout).

The write was rolled back, so the view is run once more; if the database is still busy the person gets
a clear answer instead of a 500: the API answers 503 with Retry-After, and a form is shown again in the
app's layout with what they typed, ready to send again. Also: limits a person can hit while uploading
(too many files at once, a request too large) get a page that names the limit and what to do.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

RETRY_AFTER_SECONDS = 5
BUSY = (
    "The database is busy (an import or a restore is writing), so nothing was saved. "
    "Wait a few seconds and send it again."
)


def database_busy(error: BaseException) -> bool:
    text = str(error).lower()
    return isinstance(error, OperationalError) and ("database is locked" in text or "table is locked" in text)


class BusyDatabaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        if isinstance(error, TooManyFilesSent | RequestDataTooBig):
            return upload_limit_page(request, error)
        if not database_busy(error):
            return None
        match = request.resolver_match
        if match is not None and not getattr(request, "_strideback_retried", False):
            request._strideback_retried = True  # type: ignore[attr-defined]
            time.sleep(0.5)
            try:
                return match.func(request, *match.args, **match.kwargs)
            except OperationalError as again:
                if not database_busy(again):
                    raise
        return busy_response(request)


def busy_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse({"detail": BUSY, "errors": []}, status=503)
    else:
        fields = [(k, v) for k, values in request.POST.lists() if k != "csrfmiddlewaretoken" for v in values]
        response = render(
            request,
            "strideback/busy.html",
            {"nav": (), "active": "", "message": BUSY, "fields": fields, "action": request.path},
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler400`: an upload over a limit (met while the CSRF check reads the form, before any view)
    gets the page naming the limit; other bad requests get Django's answer."""
    if isinstance(exception, TooManyFilesSent | RequestDataTooBig | MultiPartParserError):
        return upload_limit_page(request, exception)
    from django.views.defaults import bad_request as default

    return default(request, exception)


def upload_limit_page(request: HttpRequest, error: Exception) -> HttpResponse:
    """A limit the person hit while uploading: which one, and what to do (never a bare 400)."""
    from django.conf import settings

    if isinstance(error, MultiPartParserError):
        limit = "what one file's name or header may hold (a very long file name?)"
        advice = "Rename the file to a shorter name, or import it as part of a .zip."
    elif isinstance(error, TooManyFilesSent):
        limit = f"at most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files in one upload"
        advice = (
            "The import page sends a big folder in parts by itself: choose the files again there, or "
            "zip the folder and import the .zip, or run `strideback import FOLDER`."
        )
    else:
        limit = "the size of one upload request"
        advice = "Import the files as a .zip, or run `strideback import FOLDER` on this computer."
    message = f"That upload was refused: it went over {limit}. Nothing was imported."
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"detail": f"{message} {advice}", "errors": [], "limit": limit}, status=400)
    return render(
        request,
        "strideback/limit.html",
        {"nav": (), "active": "", "message": message, "advice": advice},
        status=400,
    )
