"""Treatments and medication: log what you took or did today, see and delete recent entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from strideback.domain.treatments import ITEMS, MAX_DOSE, MAX_NAME
from strideback.web.views._common import page, person_id, today

RECENT_DAYS = 28


class TreatmentForm(forms.Form):
    item = forms.ChoiceField(
        label="What did you take or do?",
        choices=[(i.key, i.label) for i in ITEMS] + [("own", "Something else")],
        widget=forms.RadioSelect,
    )
    own = forms.CharField(label="Your own item", required=False, max_length=MAX_NAME)
    dose = forms.CharField(label="Dose or amount (optional)", required=False, max_length=MAX_DOSE)
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["date"].initial = today
        self.fields["item"].examples = {i.key: i.examples for i in ITEMS}  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # Form.clean gives cleaned_data (the stubs allow None)
        if data.get("item") == "own" and not (data.get("own") or "").strip():
            self.add_error("own", "Type the name of your own item.")
        day = data.get("date")
        if day is not None and day > self.today:
            self.add_error("date", f"A treatment cannot be in the future (today is {self.today}).")
        return data

    def name(self) -> str:
        data = self.cleaned_data
        return data["own"] if data["item"] == "own" else data["item"]


@require_http_methods(["GET", "POST"])
def treatments_page(request: HttpRequest) -> HttpResponse:
    from strideback.domain.treatments import summary
    from strideback.domain.types import InvalidValue
    from strideback.services.treatments import delete_treatment, list_treatments, log_treatment

    person, day = person_id(request), today()
    form = TreatmentForm(today=day)
    status = 200
    if request.method == "POST":
        if "delete" in request.POST:
            try:
                deleted = delete_treatment(person, int(request.POST["delete"]))
            except ValueError:
                deleted = False
            messages.success(request, "Deleted.") if deleted else messages.error(
                request, "Nothing was deleted."
            )
            return redirect("treatments")
        form = TreatmentForm(request.POST, today=day)
        if form.is_valid():
            try:
                saved = log_treatment(
                    person, form.name(), form.cleaned_data["date"], form.cleaned_data["dose"], today=day
                )
            except InvalidValue as error:
                form.add_error("own" if error.field == "name" else None, f"{error.allowed}.")
            else:
                messages.success(request, f"Saved: {saved.label}.")
                return redirect("treatments")
        status = 400
    recent = list_treatments(person, since=day - dt.timedelta(days=RECENT_DAYS - 1), until=day)
    context = {
        "form": form,
        "recent": list(reversed(recent)),
        "summary": summary(recent),
        "days": RECENT_DAYS,
    }
    return page(request, "treatments.html", "treatments", context, status=status)
