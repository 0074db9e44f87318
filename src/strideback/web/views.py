"""Dashboard views: they call services and render; no clinical logic here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def today(request: HttpRequest) -> HttpResponse:
    return HttpResponse("strideback", content_type="text/plain")
