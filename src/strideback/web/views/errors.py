"""Not found and server error pages in the dashboard's own layout (no details of the error: health data
never reaches an error page)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError

from strideback.web.views._common import page


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return page(request, "404.html", "", {}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return page(request, "500.html", "", {}, status=500)
    except Exception:  # the layout itself failed: a plain page, still without details
        return HttpResponseServerError(
            "<!doctype html><title>strideback</title><h1>Something went wrong</h1>"
            '<p>Your data is safe. <a href="/">Back to Today</a></p>',
            content_type="text/html",
        )
