"""Forms of the dashboard: they turn posted text into domain values and put each error next to its field.

Values are checked by the domain types themselves (`CheckIn`, `Activity`, the instrument scorers);
a form only maps an `InvalidValue` back onto the field the person typed it in. No clinical rule here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from strideback.domain import checkin_fields
from strideback.domain.bounds import EARLIEST_DAY, NOTE_MAX_CHARS
from strideback.domain.checkin_fields import FIELDS, Field, Kind
from strideback.domain.instruments import Instrument
from strideback.domain.redflag_words import SHORT_LABELS
from strideback.domain.redflags import KEYS, QUESTIONS, SHORT_CHECKIN_KEYS
from strideback.domain.types import CheckIn, InvalidValue, Sport

SCALE_CHOICES = [(str(n), str(n)) for n in range(11)]
SPORT_LABELS = {
    "run": "Run",
    "walk": "Walk",
    "cycle": "Cycle",
    "swim": "Swim",
    "strength": "Strength",
    "mobility": "Mobility",
    "other": "Other",
}


def _scale_field(label: str, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE_CHOICES,
        coerce=int,
        required=required,
        empty_value=None,
        widget=forms.RadioSelect,
    )


def attach_invalid(form: forms.Form, error: InvalidValue, field_map: dict[str, str] | None = None) -> None:
    """Put a domain error next to the field it is about (or at the top when no field matches)."""
    name = (field_map or {}).get(error.field, error.field)
    message = f"{error.value!r} is not allowed here; expected {error.allowed}."
    form.add_error(name if name in form.fields else None, message)


def checkin_form_field(spec: Field) -> forms.Field:
    """The form field of one field of the check-in table (`domain.checkin_fields`)."""
    if spec.kind is Kind.SCALE:
        return _scale_field(spec.label, required=spec.required)
    if spec.kind is Kind.COUNT:
        return forms.IntegerField(
            label=spec.label, required=spec.required, min_value=spec.low, max_value=spec.high
        )
    if spec.kind is Kind.FLAG:
        return forms.BooleanField(label=spec.label, required=False)
    if spec.kind is Kind.CHOICE:
        default = spec.default
        return forms.ChoiceField(
            label=spec.label,
            choices=list(spec.choices),
            initial=getattr(default, "value", default),
            required=spec.required or default is not None,
            widget=forms.RadioSelect,
        )
    if spec.kind is Kind.CHOICES:
        return forms.MultipleChoiceField(
            label=spec.label, choices=list(spec.choices), required=False, widget=forms.CheckboxSelectMultiple
        )
    return forms.CharField(
        label=spec.label, required=False, max_length=spec.high, widget=forms.Textarea(attrs={"rows": 2})
    )


def checkin_initial(checkin: CheckIn) -> dict[str, object]:
    """A stored check-in as a form's initial values."""
    values: dict[str, object] = {"date": checkin.date}
    for spec in FIELDS:
        value = getattr(checkin, spec.name)
        values[spec.name] = list(value) if spec.kind is Kind.CHOICES else getattr(value, "value", value)
    return values


class CheckInForm(forms.Form):
    """The morning check-in: the date, one field per row of the check-in table, the red-flag line."""

    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for spec in FIELDS:
            self.fields[spec.name] = checkin_form_field(spec)
            self.fields[spec.name].kind = spec.kind.value  # type: ignore[attr-defined]  # for the template
        self.fields["replace"] = forms.BooleanField(
            label="Replace the check-in already saved for this date", required=False
        )
        for key in SHORT_CHECKIN_KEYS:
            self.fields[f"flag_{key}"] = forms.BooleanField(label=SHORT_LABELS[key], required=False)
            self.fields[f"flag_{key}"].help_text = QUESTIONS[key]
        self.fields["date"].initial = today

    def group(self, name: str) -> list[forms.BoundField]:
        """The fields of one group of the table (pain, where, leg, more), leg pain first."""
        specs = sorted(checkin_fields.group(name), key=lambda spec: spec.name != "leg_pain")
        return [self[spec.name] for spec in specs]

    @property
    def pain_fields(self) -> list[forms.BoundField]:
        return self.group("pain")

    @property
    def where_fields(self) -> list[forms.BoundField]:
        return self.group("where")

    @property
    def leg_fields(self) -> list[forms.BoundField]:
        return self.group("leg")

    @property
    def more_fields(self) -> list[forms.BoundField]:
        return self.group("more")

    @property
    def more_has_errors(self) -> bool:
        """Open "More" when a field in it needs attention, or the check-in is not today's."""
        not_today = str(self["date"].value() or self.today) != str(self.today)
        return any(f.errors for f in self.more_fields) or bool(self["date"].errors) or not_today

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[f"flag_{key}"] for key in SHORT_CHECKIN_KEYS]

    def clean_date(self) -> dt.date:
        day = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(f"A check-in cannot be for a future date (today is {self.today}).")
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # Form.clean gives cleaned_data (the stubs allow None)
        if self.errors:
            return data
        try:
            values: dict[str, Any] = {spec.name: data.get(spec.name) for spec in FIELDS}
            self.checkin = CheckIn(date=data["date"], **values)
        except InvalidValue as error:
            attach_invalid(self, error)
        return data

    def red_flags(self) -> dict[str, bool] | None:
        """The short line's answers. On a new check-in every question was asked, so unticked means no.
        An edit ("Replace") asks nothing again: only ticked signs are recorded, never a "no" (issue 11)."""
        answers = {key: bool(self.cleaned_data.get(f"flag_{key}")) for key in SHORT_CHECKIN_KEYS}
        if self.cleaned_data.get("replace"):
            answers = {key: True for key, yes in answers.items() if yes}
        return answers or None


class SessionPainForm(forms.Form):
    activity_id = forms.IntegerField(widget=forms.HiddenInput)
    pain_during = _scale_field("Leg pain during the session (0–10)", required=False)
    pain_after = _scale_field("Leg pain after the session (0–10)", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # Form.clean gives cleaned_data (the stubs allow None)
        if not self.errors and data.get("pain_during") is None and data.get("pain_after") is None:
            raise forms.ValidationError("Choose the pain during or after the session (or both).")
        return data


class ActivityForm(forms.Form):
    sport = forms.ChoiceField(label="Sport", choices=[(s.value, SPORT_LABELS[s.value]) for s in Sport])
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label="Start time", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    minutes = forms.FloatField(label="Minutes", min_value=0.1, max_value=48 * 60)
    km = forms.FloatField(label="Distance (km)", required=False, min_value=0, max_value=1000)
    rpe = forms.FloatField(label="Effort (RPE 0–10)", required=False, min_value=0, max_value=10)
    pain_before = _scale_field("Leg pain just before (0–10)", required=False)
    pain_during = _scale_field("Leg pain during (0–10)", required=False)
    pain_after = _scale_field("Leg pain after (0–10)", required=False)
    note = forms.CharField(label="Note", required=False, max_length=NOTE_MAX_CHARS)

    FIELD_MAP = {"distance_m": "km", "duration_s": "minutes"}

    def __init__(self, *args: Any, today: dt.date, units: str = "metric", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.units = units
        self.fields["date"].initial = today
        if units == "imperial":  # the field keeps its name; the person types miles (domain.units)
            # a new field, not a changed one: a field's range validators are made when it is built
            self.fields["km"] = forms.FloatField(
                label="Distance (miles)", required=False, min_value=0, max_value=620
            )

    def distance_km(self) -> float | None:
        """The distance typed, in kilometres whatever the person's units."""
        from strideback.domain.units import to_metres

        value = self.cleaned_data.get("km")
        return None if value is None else to_metres(value, self.units) / 1000

    def clean_date(self) -> dt.date:
        day = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(f"A session cannot be in the future (today is {self.today}).")
        return day


class RedFlagForm(forms.Form):
    """The full screen: every question asked, each answered yes or no."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in KEYS:
            self.fields[key] = forms.TypedChoiceField(
                label=QUESTIONS[key],
                choices=[("no", "No"), ("yes", "Yes")],
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": "Please answer yes or no."},
            )

    def answers(self) -> dict[str, bool]:
        return {key: bool(self.cleaned_data[key]) for key in KEYS}


class AssessmentForm(forms.Form):
    """A clinician has assessed the standing warning signs (the button on the Red flags page)."""

    assessed = forms.BooleanField(widget=forms.HiddenInput, initial=True)
    note = forms.CharField(
        label="Who assessed you, and what they said (optional)", required=False, max_length=2000
    )


class QuestionnaireForm(forms.Form):
    """One radio group per item, in item order; an item may be left unanswered."""

    def __init__(self, *args: Any, instrument: Instrument, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.today = today
        self.fields["date"] = forms.DateField(
            label="Date", initial=today, widget=forms.DateInput(attrs={"type": "date"})
        )
        for item in instrument.items:
            self.fields[f"item_{item.number}"] = forms.TypedChoiceField(
                label=f"{item.number}. {item.text}",
                choices=[(str(value), text) for value, text in item.options],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )

    def item_fields(self) -> list[forms.BoundField]:
        return [self[f"item_{item.number}"] for item in self.instrument.items]

    def clean_date(self) -> dt.date:
        day = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(f"A response cannot be dated in the future (today is {self.today}).")
        return day

    def answers(self) -> list[int | None]:
        return [self.cleaned_data.get(f"item_{item.number}") for item in self.instrument.items]


class ReportPeriodForm(forms.Form):
    """The clinician report's period: `from` and `to` (the query names of the CLI's `--from`/`--to`)."""

    DEFAULT_DAYS = 90  # the download form starts at the last 90 days

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        start, end = self.default_period(today)
        date_input = forms.DateInput(attrs={"type": "date", "max": today.isoformat()})
        for name, label, initial in (("from", "From", start), ("to", "To", end)):
            self.fields[name] = forms.DateField(
                label=label, initial=initial, widget=date_input, error_messages=_DATE_ERRORS
            )

    @classmethod
    def default_period(cls, today: dt.date) -> tuple[dt.date, dt.date]:
        return today - dt.timedelta(days=cls.DEFAULT_DAYS - 1), today

    @classmethod
    def from_query(cls, query: Any, today: dt.date) -> ReportPeriodForm:
        """A bound form from a query string; a date left out (or blank) takes its default."""
        defaults = dict(zip(("from", "to"), cls.default_period(today), strict=True))
        data = {name: (query.get(name) or "").strip() or day.isoformat() for name, day in defaults.items()}
        return cls(data, today=today)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data  # Form.clean gives cleaned_data (the stubs allow None)
        start, end = data.get("from"), data.get("to")
        for name, day in (("from", start), ("to", end)):
            if day is not None and day < EARLIEST_DAY:
                self.add_error(
                    name, f"{day} is too early: the report can start on {EARLIEST_DAY} at the earliest."
                )
            elif day is not None and day > self.today:
                self.add_error(
                    name, f"{day} is in the future: the report can end today ({self.today}) at the latest."
                )
        if start and end and start > end and not self.errors:
            raise forms.ValidationError(
                f"“From” ({start}) is after “To” ({end}): give the earlier date first."
            )
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        return self.cleaned_data["from"], self.cleaned_data["to"]


_DATE_ERRORS = {
    "invalid": "Enter a date like 2026-03-14.",
    "required": "Enter a date like 2026-03-14.",
}
