"""Activities: the list with each session's response, import by upload, and entry by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_POST

from strideback.domain.bounds import EARLIEST_DAY
from strideback.domain.dates import format_day
from strideback.web.forms import SPORT_LABELS, ActivityForm, attach_invalid
from strideback.web.views._common import data_key, form_key, page, person_id, remembered, today

WINDOW_DAYS = 60  # one page of the list: two months of sessions
MAX_UPLOAD_FILES = 5000
# The page sends a folder in parts of this many files (and about this many bytes), inside Django's
# DATA_UPLOAD_MAX_NUMBER_FILES (100) and its memory limits: see docs/faults.md for why parts, not a zip.
UPLOAD_CHUNK_FILES = 50
UPLOAD_CHUNK_BYTES = 32 * 1024**2


def _rows(person: int, before: str | None) -> dict:
    """Sessions in a window of WINDOW_DAYS ending at `before` (default today), newest first.

    Paging by dates (not by counting rows) reads only the window, however many years are stored.
    """
    day = today()
    try:
        last = min(dt.date.fromisoformat(before), day) if before else day
    except ValueError:
        last = day
    last = max(last, EARLIEST_DAY + dt.timedelta(days=WINDOW_DAYS))  # no window before the floor
    key = data_key(person, day, "activities", last)
    return {**remembered(key, lambda: _window_rows(person, day, last)), "data_key": key}


def _window_rows(person: int, day: dt.date, last: dt.date) -> dict:
    from strideback.services.activities import list_activities
    from strideback.services.checkins import list_checkins
    from strideback.services.daily import session_responses

    first = last - dt.timedelta(days=WINDOW_DAYS - 1)
    activities = sorted(list_activities(person, since=first, until=last), key=lambda a: a.start, reverse=True)
    checkins = list_checkins(person, since=first - dt.timedelta(days=3), until=last + dt.timedelta(days=1))
    responses = {r.activity_id: r for r in session_responses(person, activities, checkins, day)}
    rows = [{"activity": a, "response": responses.get(a.id)} for a in activities]
    window = {
        "first": first,
        "last": last,
        "older": (first - dt.timedelta(days=1)).isoformat(),
        "newer": (last + dt.timedelta(days=WINDOW_DAYS)).isoformat() if last < day else None,
    }
    return {"window": window, "rows": rows}


def _context(request: HttpRequest, person: int, form: ActivityForm | None) -> dict:
    """The page's context; without a form, the blank one (built only if its HTML is not cached)."""
    from strideback.services.profile import person_units

    rows = _rows(person, request.GET.get("before"))
    day, units = today(), person_units(person)
    return {
        **rows,
        "form": form or SimpleLazyObject(lambda: ActivityForm(today=day, units=units)),
        "form_key": form_key(form) if form is not None else f"ActivityForm:{day}:{units}",
        "form_open": form is not None and bool(form.errors),
        "sport_labels": SPORT_LABELS,
        "recent_imports": _recent_imports(person),
        "upload_chunk_files": UPLOAD_CHUNK_FILES,
        "upload_chunk_bytes": UPLOAD_CHUNK_BYTES,
    }


def _recent_imports(person: int) -> Sequence[object]:
    from strideback.services.import_runs import list_runs

    return list_runs(person, limit=3)


@require_GET
def activities_page(request: HttpRequest) -> HttpResponse:
    person = person_id(request)
    return page(request, "activities.html", "activities", _context(request, person, None))


@require_POST
def log_activity(request: HttpRequest) -> HttpResponse:
    from strideback.domain.types import InvalidValue
    from strideback.services.activities import log_activity as log
    from strideback.services.profile import person_units

    person = person_id(request)
    form = ActivityForm(request.POST, today=today(), units=person_units(person))
    if form.is_valid():
        data = form.cleaned_data
        try:
            activity = log(
                person,
                data["sport"],
                data["date"],
                data["minutes"],
                km=form.distance_km(),
                rpe=data["rpe"],
                pain_during=data["pain_during"],
                pain_after=data["pain_after"],
                pain_before=data["pain_before"],
                note=data["note"],
                start_time=data["start_time"],
            )
        except InvalidValue as error:
            attach_invalid(form, error, ActivityForm.FIELD_MAP)
        else:
            messages.success(request, f"Saved the {activity.sport.value} on {format_day(activity.day)}.")
            return redirect("activities")
    return page(request, "activities.html", "activities", _context(request, person, form), status=400)


@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    """Import uploaded files or whole exports (zip); answers JSON to a script, a page to a plain form."""
    from strideback.services.uploads import import_uploads

    person = person_id(request)
    uploads = request.FILES.getlist("files")
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not uploads or len(uploads) > MAX_UPLOAD_FILES:
        message = (
            "Choose at least one file to import."
            if not uploads
            else f"At most {MAX_UPLOAD_FILES} files at once; upload the export as one .zip instead."
        )
        if wants_json:
            return JsonResponse({"error": message}, status=400)
        messages.error(request, message)
        return redirect("activities")
    if wants_json:
        report = import_uploads(person, ((upload.name or "", upload.chunks()) for upload in uploads))
        return JsonResponse(report.to_json(), status=200)
    from strideback.web.views.imports import plain_upload

    run = plain_upload(request, uploads)  # kept with its result page (issue 15), listed on this page
    data = run.report or {"imported": 0, "duplicates": 0, "failed": [], "skipped": []}
    summary = f"Imported {data['imported']} sessions ({data['duplicates']} already there)."
    if data["skipped"]:
        summary += f" {len(data['skipped'])} files skipped (nothing to import in them)."
    if data.get("stopped") or run.error:
        messages.error(request, f"{summary} Stopped: {data.get('stopped') or run.error}.")
    elif data["failed"]:
        messages.warning(request, summary + f" {len(data['failed'])} files could not be read.")
    else:
        messages.success(request, summary)
    for failure in data["failed"][:10]:
        messages.warning(request, f"{failure['path']}: {failure['error']}")
    for skipped in data["skipped"][:10]:
        messages.info(request, f"Skipped {skipped['path']}: {skipped['reason']}")
    return redirect("activities")
