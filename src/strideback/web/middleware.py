"""Defence in depth for the dashboard: host names, security headers, flagged rows, clean failures.

- A Host header with a trailing dot (`LOCALHOST.`) is refused before any view runs: Django strips the
  dot when it checks ALLOWED_HOSTS, so without this every route answered such a name (issue 18.5).
- Every response gets a Content-Security-Policy: scripts only from this server, never inline (the
  pages have none; chart data travels in `<script type="application/json">`, which is not run).
  Pages that load the Vega chart library also allow `'unsafe-eval'`, because Vega compiles its
  chart expressions with `Function()`; no other page does.
- Every response that does not set its own caching gets `Cache-Control: no-store`: pages, the API and
  the PDF show health data, which must not stay in the browser's cache. Our static files and the
  Vega bundle set their own (public, long-lived) caching and carry no health data.
- When the database cannot be reached or written, pages answer 503 with a page that says what to do,
  and the API answers JSON 503 (wording in `strideback.store.failures`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.html import escape

log = logging.getLogger("strideback.web")

VEGA_PATH = b"/assets/vega-"
_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    # Vega-Embed adds a <style> element and the SVG charts carry style attributes.
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def content_security_policy(charts: bool = False) -> str:
    policy = dict(_POLICY)
    if charts:
        policy["script-src"] = "'self' 'unsafe-eval'"
    return "; ".join(f"{name} {value}" for name, value in policy.items())


STRICT_POLICY = content_security_policy()
CHART_POLICY = content_security_policy(charts=True)


def _host_has_trailing_dot(request: HttpRequest) -> bool:
    host = request.META.get("HTTP_HOST", "")
    if host.startswith("["):  # [::1]:8000
        return False
    return host.rsplit(":", 1)[0].endswith(".") if host.count(":") <= 1 else False


class SecurityHeaders:
    """Refuse trailing-dot hosts; add CSP and no-store; answer database failures in the user's words."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _host_has_trailing_dot(request):
            response: HttpResponse = HttpResponseBadRequest(
                "Bad Request: use the host name without a trailing dot (for example 127.0.0.1).",
                content_type="text/plain; charset=utf-8",
            )
        else:
            response = self.get_response(request)
        self.add_headers(response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return failure_response(request, exception)

    @staticmethod
    def add_headers(response: HttpResponse) -> None:
        charts = (
            response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
            and VEGA_PATH in response.content
        )
        response.setdefault("Content-Security-Policy", CHART_POLICY if charts else STRICT_POLICY)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"


def failure_response(request: HttpRequest, exception: BaseException) -> HttpResponse | None:
    """503 in the person's words when the database cannot be reached or written (None: not ours)."""
    from strideback.services.store_health import describe

    failure = describe(exception)
    if failure is None:
        return None
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": failure.message, "errors": []}, status=503)
    else:
        response = HttpResponse(
            _FAILURE_PAGE.format(
                message=escape(failure.message),
                unsaved=_UNSAVED if request.method not in ("GET", "HEAD") else "",
            ),
            status=503,
            content_type="text/html; charset=utf-8",
        )
    if failure.retry_after_s:
        response["Retry-After"] = str(failure.retry_after_s)
    log.error("database failure (%s) on %s %s", failure.kind, request.method, request.path)
    return response


# A page of its own: the usual layout reads the session, which lives in the database that just failed.
_FAILURE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not available just now · strideback</title><link rel="stylesheet" href="/static/strideback/app.css"></head>
<body><main id="main"><h1>Not available just now</h1><p>{message}</p>
{unsaved}</main></body></html>
"""
_UNSAVED = "<p>What you sent was not saved: go back (your browser keeps the form) and send it again.</p>"


def flagged_records(request: HttpRequest) -> dict[str, object]:
    """Template context: stored rows left out because they fail the checks (store/records/flagged.py)."""
    from strideback.services.store_health import flagged_rows

    return {"flagged_records": flagged_rows()}
