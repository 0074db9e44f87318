"""Server mode: a person's morning reminder settings, and the calendar feed (no login; its secret token
is the key, kept hashed, and revocable)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from strideback.web.server_access import server_mode
from strideback.web.views._common import page, person_id

TIME_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Helsinki",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Asia/Tokyo",
)


@require_http_methods(["GET", "POST"])
def reminders_page(request: HttpRequest) -> HttpResponse:
    from strideback.domain.types import InvalidValue
    from strideback.services import reminders
    from strideback.services.accounts import public_url

    if not server_mode():
        raise Http404("reminders are part of server mode")
    person = person_id(request)
    context: dict[str, object] = {"time_zones": TIME_ZONES, "error": ""}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "save":
            try:
                reminders.save(
                    person,
                    email_enabled=request.POST.get("email_enabled") == "on",
                    at=request.POST.get("at", ""),
                    time_zone=request.POST.get("time_zone", "UTC"),
                )
            except InvalidValue as error:
                context["error"] = str(error)
            else:
                messages.success(request, "Saved your reminder.")
                return redirect("reminders")
        elif action == "calendar":
            token = reminders.new_calendar_token(person)
            context["feed_url"] = f"{public_url()}/calendar/{token}.ics"
        elif action == "revoke_calendar":
            reminders.revoke_calendar(person)
            messages.success(request, "The calendar link is revoked.")
            return redirect("reminders")
    context["reminder"] = reminders.settings_of(person)
    response = page(request, "reminders.html", "reminders", context, status=400 if context["error"] else 200)
    response["Cache-Control"] = "no-store"  # a new feed link is shown once
    return response


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    from strideback.services.accounts import public_url
    from strideback.services.reminders import calendar_feed as feed

    text = feed(token, public_url()) if server_mode() else None
    if text is None:
        raise Http404("no such calendar")
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=3600"
    return response
