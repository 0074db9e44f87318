"""Whole personal trials through the real services and a real database, for simulated people (issue 13).

Each simulated person checks in every morning, asks `today` (services.daily.today, which carries the
trial's draw), and runs or not. Their next-morning leg pain is

    base 3.5 + slow drift (AR(1), phi 0.9, innovation SD 0.2) + weekday habit (+0.4 on Mondays)
    + effect × (ran yesterday) + day-to-day noise (SD 1, independent), rounded to the 0–10 scale.

Unrecorded feelings drive their choices: in the afternoon they feel tomorrow's noise coming (correlation
0.7 with it, never recorded). When not following the draw they run on days they feel good and skip on days
they feel bad, so an as-done comparison is confounded (running looks helpful). With adherence 85% they
follow the draw 85% of the time on each arm, skipping a run far more often on bad days (30% against 9%)
and running on a low-impact day mostly on good days (20% against 3%). Safety: they never run on a day
`today` does not offer a run (red or stop light, the day after a run, …); that is recorded as a deviation.

Each trial lasts 8 weeks and is analysed through services.trial.analyze twice: at day 42 (the answer a
6-week trial gives: the design's first 14 blocks are the same) and at the end (8 weeks, 19 blocks).

    PYTHONPATH=src python bench/trial_simulation.py [--people 60] [--seed 13] [--fast] [--procs 2]

Prints, per effect (0 or +1 point after run days) and adherence (100% or 85%), at 6 and 8 weeks: verdicts
(false verdicts on null people; power on +1 people), coverage of the 95% interval, mean estimate,
adherence measured, and the as-done comparison's false verdicts (what a diary without randomisation says).
The primary (ANCOVA) answer is printed beside the blocked sensitivity analysis (`blocked_*`: the primary
analysis before issue 13's second round), so one run gives the before/after numbers on the same people.
`--procs 2` spreads the people over two processes (each with its own throw-away database); the line
`cpu` gives the CPU seconds used, since wall time on a shared machine says little.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

BASE, PHI, DRIFT_SD, MONDAY, NOISE_SD, FEEL_CORR = 3.5, 0.9, 0.2, 0.4, 1.0, 0.7
START = dt.date(2026, 1, 5)
WEEKS = 8


@dataclass(frozen=True)
class Behaviour:
    skip_run_bad: float
    skip_run_good: float
    run_low_good: float
    run_low_bad: float


FULL = Behaviour(0.0, 0.0, 0.0, 0.0)
PARTIAL = Behaviour(0.30, 0.09, 0.20, 0.03)  # ~85% on each arm (bad days ~30% of days)


def setup_store(home: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from strideback.store.setup import open_store

    open_store(home)
    from django.db import connection

    with connection.cursor() as cursor:  # a throw-away database: no need to wait for the disk
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA journal_mode = MEMORY")


def simulate_person(index: int, effect: float, behaviour: Behaviour, seed: int) -> dict[str, object]:
    from strideback.domain import redflags
    from strideback.domain.types import CheckIn, Reach
    from strideback.services import activities, checkins, daily, screening
    from strideback.services import trial as trials
    from strideback.store import models

    rng = random.Random(seed * 100_003 + index)
    person = models.Person.objects.create(name=f"sim {index}").pk
    trials.clock = lambda: START
    screening.record_screening(person, dict.fromkeys(redflags.KEYS, False), START, full_screen=True)
    trials.start(person, START, weeks=WEEKS, seed=seed * 100_003 + index)
    design_days = trials.records.latest_trial(person).design.days_total  # type: ignore[union-attr]
    level, ran_yesterday = 0.0, False
    noise_next = rng.gauss(0, NOISE_SD)
    answers: dict[int, dict[str, object]] = {}
    followed = settled = 0
    for offset in range(design_days + 1):
        day = START + dt.timedelta(days=offset)
        trials.clock = lambda day=day: day
        level = PHI * level + rng.gauss(0, DRIFT_SD)
        habit = MONDAY if day.weekday() == 0 else 0.0
        raw = BASE + level + habit + effect * ran_yesterday + noise_next
        leg = max(0, min(10, round(raw)))
        back = max(0, min(10, round(raw - 1 + rng.gauss(0, 0.7))))
        checkins.record_check_in(person, CheckIn(date=day, back_pain=back, leg_pain=leg, reach=Reach.THIGH))
        for weeks, at in ((6, 42), (WEEKS, design_days)):
            if offset == at:
                answers[weeks] = trials.analyze(person, day).to_json()
        if offset == design_days:
            break
        advice = daily.today(person, day)
        noise_next = rng.gauss(0, NOISE_SD)
        feeling = FEEL_CORR * noise_next + math.sqrt(1 - FEEL_CORR**2) * rng.gauss(0, 1)
        bad = feeling > 0.5  # ~30% of afternoons feel bad
        offered_run = advice.suggestion.is_run
        allocation = (advice.trial or {}).get("allocation")
        if allocation == "run":
            skip = behaviour.skip_run_bad if bad else behaviour.skip_run_good
            ran = offered_run and rng.random() >= skip
        else:
            chance = behaviour.run_low_bad if bad else behaviour.run_low_good
            ran = rng.random() < chance
        if ran:
            minutes = float(advice.suggestion.minutes or 20) if offered_run else 20.0
            activities.log_activity(
                person, "run", day, minutes=minutes, pain_during=min(leg, 3), pain_after=min(leg, 3)
            )
        settled += 1
        followed += ran == (allocation == "run")
        ran_yesterday = ran
    return {"answers": answers, "followed": followed / max(settled, 1)}


def simulate_fast(index: int, effect: float, behaviour: Behaviour, seed: int) -> dict[str, object]:
    """The same person without the database: the domain's design and analysis, and a simplified safety
        rule in place of `today` (no run after a morning above 5/10, nor for two days after a run whose next
        morning rose by 2 or more: the red-session rule). A morning above 5/10 is the only pre-draw part of that
    rule, so only those days are marked as ruled out before the draw (`eligible=False`). For many people in
    seconds; the default mode (real services) is the check."""
    from strideback.domain.trial.analysis import TrialDay, as_done
    from strideback.domain.trial.answer import analyze_trial
    from strideback.domain.trial.design import TrialDesign, allocations_until, key_from_seed, run_places

    rng = random.Random(seed * 100_003 + index)
    design = TrialDesign(START, WEEKS)
    key = key_from_seed(seed * 100_003 + index)
    arms = list(allocations_until(design, key, design.end).values())
    level, ran_yesterday, red_until = 0.0, False, -1
    noise_next = rng.gauss(0, NOISE_SD)
    mornings: list[int] = []
    backs: list[int] = []
    ran_days: list[bool] = []
    overrides: list[bool] = []
    for offset in range(design.days_total + 1):
        day = START + dt.timedelta(days=offset)
        level = PHI * level + rng.gauss(0, DRIFT_SD)
        habit = MONDAY if day.weekday() == 0 else 0.0
        raw = BASE + level + habit + effect * ran_yesterday + noise_next
        mornings.append(max(0, min(10, round(raw))))
        backs.append(max(0, min(10, round(raw - 1 + rng.gauss(0, 0.7)))))
        if offset >= 1 and ran_days[offset - 1] and mornings[offset] - mornings[offset - 1] >= 2:
            red_until = offset + 1
        if offset == design.days_total:
            break
        noise_next = rng.gauss(0, NOISE_SD)
        feeling = FEEL_CORR * noise_next + math.sqrt(1 - FEEL_CORR**2) * rng.gauss(0, 1)
        bad = feeling > 0.5
        safe = mornings[offset] <= 5 and offset > red_until
        arm = arms[offset]
        if arm == "run":
            ran = safe and rng.random() >= (behaviour.skip_run_bad if bad else behaviour.skip_run_good)
        else:
            ran = rng.random() < (behaviour.run_low_bad if bad else behaviour.run_low_good)
        ran_days.append(ran)
        overrides.append(arm == "run" and not safe)
        ran_yesterday = ran
    days = [
        TrialDay(START + dt.timedelta(days=i), arms[i], ran_days[i], overrides[i],
                 mornings[i + 1], backs[i + 1], 2.0, eligible=mornings[i] <= 5)
        for i in range(design.days_total)
    ]  # fmt: skip
    places = run_places(key, design.n_blocks)
    diary = _free_choice_diary(rng, effect, design.days_total)
    answers = {
        6: analyze_trial(design, "running", places[:14], days[:42]).to_json(),
        WEEKS: analyze_trial(design, "completed", places, days).to_json(),
    }
    for weeks, count in ((6, 42), (WEEKS, design.days_total)):
        free = as_done(diary[:count], "leg_pain_next_morning")
        answers[weeks]["no_trial_verdict"] = free.verdict  # type: ignore[index]
    return {"answers": answers, "followed": 0.0}


def _free_choice_diary(rng: random.Random, effect: float, days: int) -> list[object]:
    """The same kind of person without a trial: runs on afternoons that feel good, never two days in a row."""
    from strideback.domain.trial.analysis import TrialDay

    level, ran_yesterday = 0.0, False
    noise_next = rng.gauss(0, NOISE_SD)
    out = []
    morning = None
    for offset in range(days + 1):
        day = START + dt.timedelta(days=offset)
        level = PHI * level + rng.gauss(0, DRIFT_SD)
        habit = MONDAY if day.weekday() == 0 else 0.0
        value = max(0, min(10, round(BASE + level + habit + effect * ran_yesterday + noise_next)))
        if morning is not None:
            out[-1] = TrialDay(out[-1].day, out[-1].allocation, out[-1].ran, False, value, value, 2.0)
        morning = value
        noise_next = rng.gauss(0, NOISE_SD)
        feeling = FEEL_CORR * noise_next + math.sqrt(1 - FEEL_CORR**2) * rng.gauss(0, 1)
        ran = feeling <= 0.0 and not ran_yesterday and value <= 5
        out.append(TrialDay(day, "run" if ran else "low_impact", ran))
        ran_yesterday = ran
    return out[:days]


def summarise(rows: list[dict[str, object]], effect: float) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for weeks in (6, WEEKS):
        answers = [r["answers"][weeks] for r in rows]  # type: ignore[index]
        n = len(answers)
        verdicts = defaultdict(int)
        for a in answers:
            verdicts[a["verdict"]] += 1
        with_ci = [a for a in answers if a["ci_low"] is not None]
        covered = sum(1 for a in with_ci if a["ci_low"] <= effect <= a["ci_high"])
        covered_null = sum(1 for a in with_ci if a["ci_low"] <= 0 <= a["ci_high"])
        as_done_clear = sum(
            1 for a in answers if a["as_done"] and a["as_done"]["verdict"] in ("worse", "better")
        )
        estimates = [a["estimate"] for a in with_ci]
        free = [a["no_trial_verdict"] for a in answers if "no_trial_verdict" in a]
        blocked = [a["sensitivity_blocked"] for a in answers]
        blocked_ci = [b for b in blocked if b and b["ci_low"] is not None]
        out[f"{weeks} weeks"] = {
            "people": n,
            "worse": verdicts["worse"] / n,
            "better": verdicts["better"] / n,
            "unclear": verdicts["unclear"] / n,
            "insufficient": verdicts["insufficient_data"] / n,
            "coverage_of_effect": covered / max(len(with_ci), 1),
            "interval_excludes_0": 1 - covered_null / max(len(with_ci), 1),
            "mean_estimate": sum(estimates) / max(len(estimates), 1),
            "adherence": sum(a["adherence"] or 0 for a in answers) / n,
            "as_done_clear_verdicts": as_done_clear / n,
            "safety_overrides": sum(a["deviations"]["safety"] for a in answers) / n,
            "blocked_worse": sum(1 for b in blocked if b and b["verdict"] == "worse") / n,
            "blocked_better": sum(1 for b in blocked if b and b["verdict"] == "better") / n,
            "blocked_coverage": sum(1 for b in blocked_ci if b["ci_low"] <= effect <= b["ci_high"])
            / max(len(blocked_ci), 1),
        }
        if free:
            clear = sum(1 for v in free if v in ("worse", "better"))
            out[f"{weeks} weeks"]["no_trial_diary_clear_verdicts"] = clear / len(free)
            out[f"{weeks} weeks"]["no_trial_diary_says_better"] = free.count("better") / len(free)
    return out


def main() -> None:
    global WEEKS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60, help="simulated people per scenario")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--effects", default="0,1")
    parser.add_argument("--adherence", default="full,partial")
    parser.add_argument(
        "--weeks", type=int, default=WEEKS, help="trial length (analysed at 6 weeks and at the end)"
    )
    parser.add_argument("--fast", action="store_true", help="domain only, no database (see simulate_fast)")
    parser.add_argument("--procs", type=int, default=1, help="worker processes (2 on the shared machine)")
    args = parser.parse_args()
    WEEKS = args.weeks
    behaviours = {"full": FULL, "partial": PARTIAL}
    began, cpu_began = time.perf_counter(), time.process_time()
    pool = (
        multiprocessing.get_context("fork").Pool(args.procs, _worker_setup, (WEEKS,))
        if args.procs > 1
        else None
    )
    if pool is None:
        _worker_setup(WEEKS)
    children_cpu = 0.0
    for effect in (float(e) for e in args.effects.split(",")):
        for name in args.adherence.split(","):
            jobs = [
                (args.fast, i, effect, behaviours[name], args.seed + int(effect * 10) + len(name))
                for i in range(args.people)
            ]
            if pool is None:
                rows = [_one(job) for job in jobs]
            else:
                rows = pool.map(_one, jobs, chunksize=max(1, len(jobs) // (8 * args.procs)))
            children_cpu += sum(float(r.pop("cpu")) for r in rows)  # type: ignore[arg-type]
            for label, numbers in summarise(rows, effect).items():
                shown = ", ".join(
                    f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in numbers.items()
                )
                mode = "fast" if args.fast else "real"
                print(f"[{mode}] effect {effect:+.0f}, adherence {name}, {label}: {shown}", flush=True)
    if pool is not None:
        pool.close()
        pool.join()
    cpu = children_cpu if pool is not None else time.process_time() - cpu_began
    print(
        f"elapsed {time.perf_counter() - began:.0f} s wall, cpu {cpu:.0f} s ({args.procs} processes)",
        flush=True,
    )


def _worker_setup(weeks: int) -> None:
    """Each process: the trial length, and (for the real mode) its own throw-away database."""
    global WEEKS
    WEEKS = weeks
    shm = Path("/dev/shm")
    home = Path(tempfile.mkdtemp(prefix="strideback-trial-bench-", dir=shm if shm.is_dir() else None))
    setup_store(home)


def _one(job: tuple[bool, int, float, Behaviour, int]) -> dict[str, object]:
    fast, index, effect, behaviour, seed = job
    began = time.process_time()
    row = (simulate_fast if fast else simulate_person)(index, effect, behaviour, seed)
    row["cpu"] = time.process_time() - began
    return row


if __name__ == "__main__":
    main()
