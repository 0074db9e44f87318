"""Questionnaires: fill one in, see its score, its band and the change since last time, and the history."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from strideback.web.forms import QuestionnaireForm, attach_invalid
from strideback.web.views._common import chart_spec, data_key, page, person_id, remembered, today


@require_GET
def questionnaires_page(request: HttpRequest) -> HttpResponse:
    person, day = person_id(request), today()
    key = data_key(person, day, "questionnaires")
    context = remembered(key, lambda: _overview(person, day))
    return page(request, "questionnaires.html", "questionnaires", {**context, "data_key": key})


def _overview(person: int, day: dt.date) -> dict:
    from strideback.domain.instruments import INSTRUMENTS
    from strideback.services.questionnaires import latest_scores, list_questionnaires, odi_due, startback_due

    latest = latest_scores(person)
    history = list(reversed(list_questionnaires(person)))
    instruments = [
        {
            "key": key,
            "name": instrument.name,
            "items": len(instrument.items),
            "latest": latest.get(key),
            "due": (key == "odi" and odi_due(person, day)) or (key == "startback" and startback_due(person)),
        }
        for key, instrument in INSTRUMENTS.items()
    ]
    return {
        "instruments": instruments,
        "history": history[:100],
        "names": {k: i.name for k, i in INSTRUMENTS.items()},
    }


@require_http_methods(["GET", "POST"])
def questionnaire_form(request: HttpRequest, key: str) -> HttpResponse:
    from strideback.domain.instruments import INSTRUMENTS, InvalidAnswer
    from strideback.services.questionnaires import record_questionnaire

    instrument = INSTRUMENTS.get(key)
    if instrument is None:
        raise Http404("No such questionnaire.")
    person, day = person_id(request), today()
    status = 200
    if request.method == "POST":
        form = QuestionnaireForm(request.POST, instrument=instrument, today=day)
        if form.is_valid():
            try:
                result, change = record_questionnaire(person, key, form.answers(), form.cleaned_data["date"])
            except InvalidAnswer as error:
                attach_invalid(form, error)
            else:
                text = f"{instrument.name}: {result.interpretation}"
                if change is not None:
                    what = "a meaningful" if change.meaningful else "not a meaningful"
                    text += (
                        f" Since last time: {change.points:+g} points, {what} change ({change.direction})."
                    )
                (messages.success if result.valid else messages.warning)(request, text)
                return redirect("questionnaire", key=key)
        status = 400
    else:
        form = QuestionnaireForm(instrument=instrument, today=day)
    responses, spec = remembered(data_key(person, day, "questionnaire", key), lambda: _responses(person, key))
    return page(
        request,
        "questionnaire_form.html",
        "questionnaires",
        {"instrument": instrument, "form": form, "responses": list(reversed(responses)), "spec": spec},
        status=status,
    )


def _responses(person: int, key: str) -> tuple[list, str]:
    """An instrument's responses (oldest first) and their chart (cached)."""
    from strideback import charts
    from strideback.services.questionnaires import list_questionnaires

    responses = list_questionnaires(person, key)
    spec = chart_spec(charts.questionnaire_chart(responses, key))
    return responses, spec
