"""Not found and server error pages in the dashboard's own layout (no details of the error: health data
never reaches an error page)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError

from strideback.web.views._common import page


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return page(request, "404.html", "", {}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    import sys

    from strideback.web.middleware import failure_response

    # A database failure raised before the view (the session and the account are read in middleware,
    # e.g. while PostgreSQL restarts) gets the same 503 in the person's words as one raised in a view.
    exception = sys.exc_info()[1]
    if exception is not None:
        answer = failure_response(request, exception)
        if answer is not None:
            from strideback.web.middleware import SecurityHeaders

            SecurityHeaders.add_headers(answer)
            return answer
    try:
        return page(request, "500.html", "", {}, status=500)
    except Exception:  # the layout itself failed: a plain page, still without details
        return HttpResponseServerError(
            "<!doctype html><title>strideback</title><h1>Something went wrong</h1>"
            '<p>Your data is safe. <a href="/">Back to Today</a></p>',
            content_type="text/html",
        )
