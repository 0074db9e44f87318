"""Forms of the profile page and the first-start sequence (issue 15); choices come from the domain."""

from __future__ import annotations

from django import forms

from strideback.domain import plan as walk_run
from strideback.domain.bounds import NAME_MAX_CHARS
from strideback.domain.types import Sport
from strideback.domain.units import CHOICES
from strideback.web.forms import SPORT_LABELS


class ProfileForm(forms.Form):
    name = forms.CharField(
        label="Your name (shown on the report for your clinician)", max_length=NAME_MAX_CHARS, required=True
    )
    units = forms.ChoiceField(
        label="Distances and paces in", choices=CHOICES, widget=forms.RadioSelect, initial="km"
    )


class LimitsForm(forms.Form):
    """A clinician's limits on the walk-run plan (the same as `strideback plan caps`)."""

    max_stage = forms.TypedChoiceField(
        label="Highest walk-run stage allowed",
        choices=[("0", "No limit"), *((str(n), f"Stage {n}") for n in range(1, walk_run.LAST_STAGE + 1))],
        coerce=int,
        initial="0",
    )
    pain_limit = forms.TypedChoiceField(
        label="Highest leg pain during a session that is still fine (0–5; above 5/10 is always too much)",
        choices=[(str(n), f"{n}/10") for n in range(0, 6)],
        coerce=int,
        initial="3",
    )
    avoid = forms.MultipleChoiceField(
        label="Sports to avoid for now",
        choices=[(s.value, SPORT_LABELS[s.value]) for s in Sport],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
