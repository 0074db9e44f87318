"""The trial's words, once: the plain explanation, what today says, the bottom line and the CENT items.

Faces (CLI, page, PDF) show these; they never write their own. Sentences never claim more than the
95% interval allows (the verdict is read from it; see analysis._verdict).
"""

from __future__ import annotations

from strideback.domain.trial.design import BLOCK_DAYS, LOW_IMPACT, RUN

ARM_WORDS = {RUN: "run day", LOW_IMPACT: "low-impact day"}
OUTCOME_WORDS = {
    "leg_pain_next_morning": "leg pain the next morning",
    "back_pain_next_morning": "back pain the next morning",
    "reach_next_morning": "how far down the leg the pain reaches the next morning",
}
OUTCOME_UNITS = {
    "leg_pain_next_morning": "points (0–10)",
    "back_pain_next_morning": "points (0–10)",
    "reach_next_morning": "steps (none, buttock, thigh, knee, calf, foot)",
}
DEVIATION_WORDS = {
    "safety": "safety came first: no run on a red or stop day, whatever the draw",
    "rest_rule": "the plan asks for a rest or low-impact day between runs",
    "not_followed": "the day was not done as drawn",
}

# The plain-words explanation shown before starting (issue 13; StudyU 2022 and PREEMPT, Kravitz et al.,
# JAMA Intern Med 2018, explain the trial to the person in a few short points before consent).
EXPLANATION = (
    "For the next weeks the app decides, by a fair draw, which days are run days and which are "
    "low-impact days (swim, cycle or brisk walk of about the same time). In every three days there is one "
    "run day, never two run days in a row.",
    "You see each day's draw only on that day, after your morning check-in, so the draw cannot colour "
    "how you score your pain.",
    "Keep checking in every morning: the answer comes from the mornings after run days and after "
    "low-impact days.",
    "Safety always wins: on a red or stop day no one runs, whatever the draw. That day is recorded as a "
    "change from the draw, never hidden.",
    "You can stop at any time with `strideback trial stop` (or the button on the Trial page).",
    "Your clinician can see the protocol and the result in the clinician report.",
)


def today_message(day: int, days_total: int, allocation: str | None, deviation: str | None) -> str:
    lead = f"Personal trial, day {day} of {days_total}: "
    if allocation is None:
        return lead + "check in first; today's draw is shown after your morning check-in."
    text = lead + f"a {ARM_WORDS[allocation]} by the draw."
    if deviation is not None:
        text += f" Changed today: {DEVIATION_WORDS[deviation]}."
    elif allocation == LOW_IMPACT:
        text += " Do a low-impact session of about the time a run would take; no run today."
    return text


def _points(value: float) -> str:
    return f"{abs(value):.1f}"


def bottom_line(
    verdict: str,
    outcome: str,
    estimate: float | None,
    ci_low: float | None,
    ci_high: float | None,
    p: float | None,
    certainty: str,
    n_blocks: int,
    min_blocks: int,
) -> str:
    """One sentence with its certainty; it says no more than the interval does."""
    words = OUTCOME_WORDS[outcome]
    if verdict == "insufficient_data" or estimate is None or ci_low is None or ci_high is None:
        return (
            f"Too early to say: {n_blocks} of at least {min_blocks} three-day blocks have their mornings "
            "recorded; keep checking in every morning."
        )
    interval = f"95% interval {ci_low:+.1f} to {ci_high:+.1f}"
    test = f"randomisation test p = {p:.3f}" if p is not None else "no randomisation test"
    if verdict in ("worse", "better"):
        direction = "higher" if verdict == "worse" else "lower"
        effect = "hurts" if verdict == "worse" else "helps"
        return (
            f"In your trial, {words} was {_points(estimate)} points {direction} after run days than after "
            f"low-impact days ({interval}; {test}): running {effect} you on this measure ({certainty} certainty)."
        )
    return (
        f"In your trial there is no clear difference in {words} between run days and low-impact days "
        f"({interval}; {test}): running could raise it by up to {max(ci_high, 0):.1f} or lower it by up to "
        f"{max(-ci_low, 0):.1f} points ({certainty} certainty)."
    )


def certainty(verdict: str, p: float | None, adherence: float | None, n_blocks: int) -> str:
    """How much weight the answer bears: high only with a small p, good adherence and enough blocks."""
    if verdict == "insufficient_data":
        return "very low"
    if verdict == "unclear":
        return "low"
    if p is not None and p < 0.01 and (adherence or 0) >= 0.8 and n_blocks >= 10:
        return "high"
    return "moderate"


def cent_items(
    weeks: int,
    days_total: int,
    n_blocks: int,
    method: str,
    allocated: dict[str, int],
    adherence_text: str,
    deviations: dict[str, int],
    result_text: str,
    ruled_out: int = 0,
) -> list[dict[str, str]]:
    """The CENT 2015 items that apply to one person's trial (Vohra et al., BMJ 2015; CENT checklist)."""
    return [
        {
            "item": "3a Trial design",
            "text": f"Randomised personal (N-of-1) trial, {weeks} weeks ({days_total} days) in {n_blocks} blocks "
            f"of {BLOCK_DAYS} days, one run day and two low-impact days per block; never two run days "
            "in a row.",
        },
        {
            "item": "5 Interventions",
            "text": "Run day: the walk-run plan's session for the day. Low-impact day: swim, cycle or brisk walk "
            "of about the same time.",
        },
        {
            "item": "6a Outcomes",
            "text": "Primary: leg pain (0–10) the next morning. Secondary: back pain (0–10) and reach of the "
            "pain down the leg, the next morning.",
        },
        {
            "item": "8a/8b Randomisation",
            "text": "Place of the run day in each block drawn from a keyed hash (HMAC-SHA256) of a secret; "
            "after a block ending on a run day, the next block's run cannot fall on its first day.",
        },
        {
            "item": "9 Allocation concealment",
            "text": "The schedule is never stored; each day's draw is computed and shown only on that day, after "
            "the morning check-in.",
        },
        {
            "item": "11a Blinding",
            "text": "Not blinded: the person knows what they did. Outcomes are self-reported.",
        },
        {
            "item": "12 Statistical methods",
            "text": "Run mornings against low-impact mornings, adjusted for a slow linear trend (ANCOVA) "
            "with a t-interval, leaving out of both arms the days whose morning check-in had already ruled "
            "a run out before the draw was shown (a red morning or a red-flag stop); randomisation test of "
            f"the same statistic re-drawing the person's own "
            f"scheme ({method or 'not yet run'}); as allocated (primary) and as done; the blocked "
            "difference (run morning minus mean low-impact morning, per block) as a sensitivity analysis.",
        },
        {
            "item": "13/15 Participant flow and data",
            "text": f"Allocated so far: {allocated.get(RUN, 0)} run days, {allocated.get(LOW_IMPACT, 0)} "
            f"low-impact days. {adherence_text}",
        },
        {
            "item": "Deviations",
            "text": f"Safety overrides: {deviations.get('safety', 0)}; not done as drawn: "
            f"{deviations.get('not_followed', 0)}. All kept in the analysis as allocated, except the "
            f"{ruled_out} day(s) whose morning check-in had already ruled a run out before the draw was "
            "shown, left out of both arms.",
        },
        {"item": "17 Results", "text": result_text},
    ]
