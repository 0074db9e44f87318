"""The service worker, served from the site root so that its scope covers Today (see static/sw.js)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.web.views.assets import STATIC_ROOT

SERVICE_WORKER = STATIC_ROOT / "strideback" / "sw.js"


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(SERVICE_WORKER.read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # browsers check for a new worker on every visit
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline_checkin(request: HttpRequest) -> HttpResponse:
    """A blank check-in form with no health data, kept by the service worker for a day on which the
    phone is offline before it has a copy of that day's Today."""
    from strideback.web.forms import CheckInForm
    from strideback.web.views._common import page, person_id, today

    person_id(request)  # server mode: a signed-in person only
    day = today()
    context = {"form": CheckInForm(today=day), "form_key": f"CheckInForm:{day}", "day": day}
    response = page(request, "offline_checkin.html", "today", context)
    response["Cache-Control"] = "no-cache"
    return response
