"""Check-in history: a calendar coloured by each morning's light, the days with their notes; open,
edit or delete a day."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from strideback.domain.checkin_fields import FIELDS
from strideback.web.views._common import page, person_id, today


def _month_start(text: str | None) -> dt.date:
    now = today().replace(day=1)
    try:
        chosen = dt.date.fromisoformat(f"{text}-01") if text else now
    except ValueError:
        return now
    return min(chosen, now)


@require_GET
def history_page(request: HttpRequest) -> HttpResponse:
    from strideback.services.history import month

    first = _month_start(request.GET.get("month"))
    days = month(person_id(request), first)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    context = {
        "first": first,
        "blanks": range(first.weekday()),
        "days": days,
        "listed": [d for d in reversed(days) if d.checkin is not None],
        "previous": previous.strftime("%Y-%m"),
        "following": following.strftime("%Y-%m") if following <= today() else None,
        "fields": FIELDS,
    }
    return page(request, "history.html", "history", context)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Http404("Not a date.") from None


@require_GET
def history_day(request: HttpRequest, date: str) -> HttpResponse:
    """One day's check-in, with links to edit (the check-in form) and delete it."""
    from strideback.domain.history import morning_light
    from strideback.services.checkins import list_checkins

    day = _day(date)
    found = list_checkins(person_id(request), since=day, until=day)
    if not found:
        raise Http404("No check-in on that day.")
    checkin = found[0]
    rows = [(spec.label, spec.to_words(getattr(checkin, spec.name)) or "–") for spec in FIELDS]
    context = {
        "day": day,
        "checkin": checkin,
        "rows": rows,
        "light": morning_light(checkin),
        "today_date": today(),
    }
    return page(request, "history_day.html", "history", context)


@require_http_methods(["GET", "POST"])
def history_delete(request: HttpRequest, date: str) -> HttpResponse:
    from strideback.services.history import delete_checkin

    day = _day(date)
    if request.method == "GET":
        return page(request, "history_delete.html", "history", {"day": day})
    if delete_checkin(person_id(request), day):
        messages.success(request, "Deleted the check-in.")
    return redirect("history")
