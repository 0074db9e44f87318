"""One session: its page (everything the file had, its sources, pains, note and response), edit and delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from strideback.web.forms import SPORT_LABELS, ActivityForm, attach_invalid
from strideback.web.views._common import page, person_id, today


def _detail(request: HttpRequest, activity_id: int):  # type: ignore[no-untyped-def]
    from strideback.services.activity_edit import activity_detail

    detail = activity_detail(person_id(request), activity_id, today())
    if detail is None:
        raise Http404("No such session in this diary.")
    return detail


def _context(detail, **extra: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    a = detail.activity
    pain_before = getattr(a, "pain_before", None)  # recorded once the pain-before field is merged
    return {"detail": detail, "a": a, "pain_before": pain_before, "sport_labels": SPORT_LABELS, **extra}


@require_http_methods(["GET"])
def activity_page(request: HttpRequest, activity_id: int) -> HttpResponse:
    detail = _detail(request, activity_id)
    return page(request, "activity.html", "activities", _context(detail, split_off=_split_off(request)))


def _split_off(request: HttpRequest) -> Sequence[object]:
    """The sessions just split off this one (`?split=ID,ID`), each only if it is the person's."""
    from strideback.services.activity_split import person_activity

    found = []
    for part in request.GET.get("split", "").split(",")[:20]:
        if part.isdigit():
            activity = person_activity(person_id(request), int(part))
            if activity is not None:
                found.append(activity)
    return found


def _initial(detail, units: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from strideback.domain.units import to_unit

    a = detail.activity
    return {
        "sport": a.sport.value,
        "date": a.day,
        "start_time": a.start.time().replace(second=0, microsecond=0),
        "minutes": round(a.minutes, 1),
        "km": round(to_unit(a.distance_m, units), 3) if a.distance_m is not None else None,
        "rpe": a.rpe,
        "pain_during": a.pain_during,
        "pain_after": a.pain_after,
        "note": a.note,
    }


@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    from strideback.domain.types import InvalidValue
    from strideback.services.activity_edit import ActivityChanges, edit_activity
    from strideback.services.profile import person_units

    detail = _detail(request, activity_id)
    units = person_units(person_id(request))
    if request.method == "GET":
        form = ActivityForm(initial=_initial(detail, units), today=today(), units=units)
        return page(request, "activity_edit.html", "activities", _context(detail, form=form))
    form = ActivityForm(request.POST, today=today(), units=units)
    if form.is_valid():
        data = form.cleaned_data
        old = detail.activity
        start_time = data["start_time"] or old.start.time()
        start = dt.datetime.combine(data["date"], start_time, tzinfo=old.start.tzinfo)
        try:
            edit_activity(
                person_id(request),
                activity_id,
                ActivityChanges(
                    sport=data["sport"],
                    start=start,
                    minutes=data["minutes"],
                    km=form.distance_km(),
                    rpe=data["rpe"],
                    pain_during=data["pain_during"],
                    pain_after=data["pain_after"],
                    note=data["note"],
                ),
            )
        except InvalidValue as error:
            attach_invalid(form, error, ActivityForm.FIELD_MAP)
        else:
            messages.success(request, "Saved. The session's response and your plan were worked out again.")
            return redirect("activity", activity_id=activity_id)
    return page(request, "activity_edit.html", "activities", _context(detail, form=form), status=400)


@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, activity_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes."""
    from strideback.services.activity_edit import delete_activity

    detail = _detail(request, activity_id)
    if request.method == "GET":
        return page(request, "activity_delete.html", "activities", _context(detail))
    delete_activity(person_id(request), activity_id)
    a = detail.activity
    messages.success(request, f"Deleted the {SPORT_LABELS[a.sport.value].lower()} session.")
    return redirect("activities")


@require_http_methods(["POST"])
def activity_split(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Split a wrong merge: one session again per source record; the page lists the new sessions."""
    from strideback.domain.types import InvalidValue
    from strideback.services.activity_split import split_activity

    _detail(request, activity_id)  # 404 when not the person's
    try:
        result = split_activity(person_id(request), activity_id)
    except InvalidValue:
        messages.error(request, "This session has only one source: there is nothing to split.")
        return redirect("activity", activity_id=activity_id)
    assert result is not None
    messages.success(
        request,
        f"Split into {1 + len(result.split_off)} sessions; each has its own record again. "
        "Their responses and your plan were worked out again.",
    )
    ids = ",".join(str(a.id) for a in result.split_off)
    return redirect(reverse("activity", kwargs={"activity_id": activity_id}) + f"?split={ids}")
