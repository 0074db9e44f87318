"""The first start of a person's own diary (issue 15) and the profile page.

`/welcome` guides a new person through the steps in `domain/onboarding.py`: the name and units (here), a
first check-in (Today), the full red-flag questions (Red flags), STarT Back (its questionnaire page) and
a clinician's limits (here). Each step is done on its own page; a banner on those pages shows where the
person is and leads on. STarT Back and the limits may be skipped; the red-flag questions never are.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from strideback.domain import onboarding
from strideback.domain.types import InvalidValue
from strideback.domain.units import parse_units, units_word
from strideback.web.forms import attach_invalid
from strideback.web.profile_forms import LimitsForm, ProfileForm
from strideback.web.views._common import page, person_id, today

# Where each step is done: its own page (the existing pages are reused).
STEP_PAGES = {
    "profile": "welcome",
    "checkin": "today",
    "redflags": "redflags",
    "startback": "questionnaire",
    "limits": "welcome",
}
STEP_HINTS = {
    "profile": "Your name goes on the report for your clinician; choose how distances and paces are shown.",
    "checkin": "Tell strideback how your back and leg are this morning: a minute, once a day.",
    "redflags": "A few questions about rare warning signs that need a clinician quickly. They are never "
    "skipped: answer each one yes or no.",
    "startback": "Nine short questions that help your clinician see which care suits you. You may do it later.",
    "limits": "If a clinician has given you limits (a highest stage, a pain limit, sports to avoid), enter "
    "them here. If not, skip this step.",
}


def step_url(step: str | None) -> str:
    """The page where a step is done."""
    if step == "startback":
        return reverse("questionnaire", kwargs={"key": "startback"})
    if step == "checkin":
        return reverse("today") + "#checkin-title"
    return reverse(STEP_PAGES.get(step or "", "today"))


def _profile_form(request: HttpRequest, person: int) -> ProfileForm:
    from strideback.services.profile import get_profile

    if request.method == "POST":
        return ProfileForm(request.POST)
    profile = get_profile(person)
    return ProfileForm(initial={"name": "" if profile.name == "Me" else profile.name, "units": profile.word})


def _save_profile(request: HttpRequest, person: int, form: ProfileForm) -> bool:
    from strideback.services.profile import set_profile

    if not form.is_valid():
        return False
    try:
        set_profile(person, name=form.cleaned_data["name"], units=form.cleaned_data["units"])
    except InvalidValue as error:
        attach_invalid(form, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
def welcome_page(request: HttpRequest) -> HttpResponse:
    """The sequence's hub: the steps, ticked as they are done, and the current one."""
    from strideback.services.profile import onboarding_progress

    person = person_id(request)
    progress = onboarding_progress(person)
    if progress is None:
        if request.method == "GET" and "done" in request.GET:
            messages.success(request, "You are set up. This is your Today page: check in each morning.")
        return redirect("today")
    form: ProfileForm | LimitsForm | None = None
    status = 200
    if progress.step == "profile":
        form = _profile_form(request, person)
        if request.method == "POST":
            if _save_profile(request, person, form):
                return redirect(_next(person))
            status = 400
    elif progress.step == "limits":
        form = LimitsForm(request.POST) if request.method == "POST" else LimitsForm()
        if request.method == "POST":
            if _save_limits(request, person, form):
                return redirect(_next(person))
            status = 400
    elif request.method == "POST":
        return redirect("welcome")
    context = {
        "progress": progress,
        "steps": [
            {"key": key, "title": title, "done": key in progress.done, "current": key == progress.step}
            for key, title in onboarding.STEPS
        ],
        "hint": STEP_HINTS.get(progress.step or "", ""),
        "step_url": step_url(progress.step),
        "form": form,
    }
    return page(request, "welcome.html", "welcome", context, status=status)


def _save_limits(request: HttpRequest, person: int, form: LimitsForm) -> bool:
    from strideback.services.daily import set_caps
    from strideback.services.profile import mark_step

    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        set_caps(person, today(), data["max_stage"], data["pain_limit"], list(data["avoid"]) or ["none"])
    except InvalidValue as error:
        attach_invalid(form, error, {"max stage": "max_stage", "pain_during_limit": "pain_limit"})
        return False
    mark_step(person, "limits")
    return True


def _next(person: int) -> str:
    """Where to go once a step is done: the next step's page, or Today when the sequence is over."""
    from strideback.services.profile import onboarding_progress

    progress = onboarding_progress(person)
    if progress is None:
        return reverse("welcome") + "?done=1"
    return step_url(progress.step) if progress.step not in ("profile", "limits") else reverse("welcome")


@require_POST
def welcome_skip(request: HttpRequest) -> HttpResponse:
    """Skip STarT Back or the limits (for now); the red-flag questions cannot be skipped."""
    from strideback.services.profile import skip_step

    person = person_id(request)
    step = request.POST.get("step", "")
    try:
        skip_step(person, step)
    except InvalidValue:
        messages.error(request, "The red-flag questions are never skipped: please answer them.")
        return redirect("welcome")
    return redirect(_next(person))


@require_http_methods(["GET", "POST"])
def profile_page(request: HttpRequest) -> HttpResponse:
    """Change the name on the report and the units later."""
    person = person_id(request)
    form = _profile_form(request, person)
    if request.method == "POST":
        if _save_profile(request, person, form):
            units = units_word(parse_units(form.cleaned_data["units"]))
            messages.success(request, f"Saved. Distances and paces are shown in {units}.")
            return redirect("profile")
        return page(request, "profile.html", "profile", {"form": form}, status=400)
    return page(request, "profile.html", "profile", {"form": form})
