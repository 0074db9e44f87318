"""Map the sport names of every source to strideback's seven sports.

Sources name sports in their own words: FIT (`running`, `fitness_equipment`+`treadmill`),
TCX (`Running`, `Biking`), Strava (`Run`, `VirtualRide`, `Weight Training`), Garmin
Connect (`trail_running`, `lap_swimming`), Apple Health (`HKWorkoutActivityTypeYoga`).
"""

from __future__ import annotations

import re

from strideback.domain.types import Sport

_EXACT = {
    "run": Sport.RUN,
    "running": Sport.RUN,
    "treadmill": Sport.RUN,
    "indoor_running": Sport.RUN,
    "track": Sport.RUN,
    "trail": Sport.RUN,
    "walk": Sport.WALK,
    "walking": Sport.WALK,
    "hike": Sport.WALK,
    "hiking": Sport.WALK,
    "mountaineering": Sport.WALK,
    "snowshoeing": Sport.WALK,
    "ride": Sport.CYCLE,
    "biking": Sport.CYCLE,
    "cycling": Sport.CYCLE,
    "e_biking": Sport.CYCLE,
    "handcycle": Sport.CYCLE,
    "velomobile": Sport.CYCLE,
    "spin": Sport.CYCLE,
    "swim": Sport.SWIM,
    "swimming": Sport.SWIM,
    "lap_swimming": Sport.SWIM,
    "open_water": Sport.SWIM,
    "weight_training": Sport.STRENGTH,
    "strength_training": Sport.STRENGTH,
    "traditional_strength_training": Sport.STRENGTH,
    "functional_strength_training": Sport.STRENGTH,
    "core_training": Sport.STRENGTH,
    "crossfit": Sport.STRENGTH,
    "training": Sport.STRENGTH,
    "yoga": Sport.MOBILITY,
    "pilates": Sport.MOBILITY,
    "flexibility": Sport.MOBILITY,
    "flexibility_training": Sport.MOBILITY,
    "mind_and_body": Sport.MOBILITY,
    "tai_chi": Sport.MOBILITY,
    "barre": Sport.MOBILITY,
    "cooldown": Sport.MOBILITY,
    "preparation_and_recovery": Sport.MOBILITY,
    "stretching": Sport.MOBILITY,
    "breathing": Sport.MOBILITY,
}

# Words inside longer names, tried in this order ("run_to_bike" is a transition, caught first).
_WORDS = (
    ("transition", Sport.OTHER),
    ("wheelchair", Sport.OTHER),
    ("run", Sport.RUN),
    ("jog", Sport.RUN),
    ("walk", Sport.WALK),
    ("hik", Sport.WALK),
    ("cycl", Sport.CYCLE),
    ("bik", Sport.CYCLE),
    ("ride", Sport.CYCLE),
    ("swim", Sport.SWIM),
    ("strength", Sport.STRENGTH),
    ("weight", Sport.STRENGTH),
    ("yoga", Sport.MOBILITY),
    ("pilates", Sport.MOBILITY),
    ("stretch", Sport.MOBILITY),
    ("mobility", Sport.MOBILITY),
    ("flexib", Sport.MOBILITY),
)

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(name: str) -> str:
    """`HKWorkoutActivityTypeTraditionalStrengthTraining` → `traditional_strength_training`."""
    text = name.strip()
    for prefix in ("HKWorkoutActivityType",):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    text = _CAMEL.sub("_", text).lower()
    return _NOT_WORD.sub("_", text).strip("_")


def sport_from_name(name: str | None) -> Sport:
    """The strideback sport for a source's sport name; OTHER when nothing fits."""
    if not name:
        return Sport.OTHER
    key = normalise(str(name))
    if key in _EXACT:
        return _EXACT[key]
    if key.startswith("virtual_"):
        return sport_from_name(key[len("virtual_") :])
    for word, sport in _WORDS:
        if word in key:
            return sport
    return Sport.OTHER


def sport_from_fit(sport: object, sub_sport: object) -> Sport:
    """FIT sport and sub-sport names (or numbers when the profile does not know them)."""
    sport_name = sport if isinstance(sport, str) else ""
    sub_name = sub_sport if isinstance(sub_sport, str) else ""
    if sub_name in ("treadmill", "indoor_running", "track", "trail", "street") and sport_name in (
        "running",
        "fitness_equipment",
        "",
    ):
        return Sport.RUN
    if sub_name in ("indoor_cycling", "spin") and sport_name in ("cycling", "fitness_equipment", ""):
        return Sport.CYCLE
    if sub_name == "strength_training":
        return Sport.STRENGTH
    if sub_name in ("yoga", "pilates", "flexibility_training", "breathing"):
        return Sport.MOBILITY
    if sub_name in ("indoor_walking", "casual_walking", "speed_walking"):
        return Sport.WALK
    if sport_name == "fitness_equipment":
        return Sport.OTHER  # elliptical, stair climbing, rowing machine...
    if sport_name == "training":
        return Sport.STRENGTH if sub_name in ("", "generic", "cardio_training") else sport_from_name(sub_name)
    return sport_from_name(sport_name)


def guess_sport_from_speed(distance_m: float | None, moving_s: float | None) -> Sport:
    """A best guess for files that do not say (plain GPX): on foot or on wheels, by speed."""
    if not distance_m or not moving_s:
        return Sport.OTHER
    speed = distance_m / moving_s
    if speed < 1.9:  # slower than ~8:45 min/km
        return Sport.WALK
    if speed < 5.5:  # slower than ~20 km/h
        return Sport.RUN
    return Sport.CYCLE
