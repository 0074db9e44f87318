"""The one wording table for the evidence engine's exposures and outcomes (issue #16).

Every face (the `analyze` command, the Insights page, the charts, the clinician PDF) and the engine's own
sentences take their names, headings, units and direction words from here; nothing else spells them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExposureWords:
    name: str
    doing: str  # "running": "days with running", "mornings after running"
    amount: str  # the unit an estimate is per: "30 min of running"
    per_words: str  # "for each 30 minutes you ran"
    label: str  # a chart's row label: "Run, per 30 min"
    table: str  # a table cell: "running (per 30 min)"
    noun: str  # what was done, as a clinician would list it: "running load", "a run-spike day"


@dataclass(frozen=True)
class OutcomeWords:
    name: str
    heading: str  # a section heading, e.g. for leg pain on the following morning
    words: str  # in a sentence: "leg pain"
    short: str  # in a list: "swimming, cycling → leg pain"
    scale: str  # "points (0–10)"
    unit: str  # "points"
    up: str  # "higher": the worse direction
    down: str  # "lower"
    axis: str  # a chart axis title
    up_short: str = ""  # the up and down words where the unit is already said ("further down")
    down_short: str = ""

    @property
    def brief_up(self) -> str:
        return self.up_short or self.up

    @property
    def brief_down(self) -> str:
        return self.down_short or self.down


EXPOSURE_WORDS = (
    ExposureWords("run_minutes", "running", "30 min of running", "for each 30 minutes you ran",
                  "Run, per 30 min", "running (per 30 min)", "running"),
    ExposureWords("run_load", "running",
                  "150 units of running load (RPE × minutes, e.g. 30 min at effort 5/10)",
                  "for each 150 units of running load (about 30 minutes at effort 5/10)",
                  "Run load, per 150", "running load (per 150 RPE·min)", "running load"),
    ExposureWords("swim_minutes", "swimming", "30 min of swimming", "for each 30 minutes you swam",
                  "Swim, per 30 min", "swimming (per 30 min)", "swimming"),
    ExposureWords("cycle_minutes", "cycling", "30 min of cycling", "for each 30 minutes you cycled",
                  "Cycle, per 30 min", "cycling (per 30 min)", "cycling"),
    ExposureWords("walk_minutes", "walking", "30 min of walking", "for each 30 minutes you walked",
                  "Walk, per 30 min", "walking (per 30 min)", "walking"),
    ExposureWords("run_spike", "a run spike",
                  "run-spike day (a run over 110% of your longest in the previous 30 days), beyond its minutes",
                  "compared with other days with the same running minutes", "Run spike day", "a run-spike day",
                  "a run-spike day"),
    ExposureWords("weekly_run_minutes", "weekly running", "hour of running in a week",
                  "per extra hour of running", "Run, per hour a week", "a week's running (per hour)",
                  "weekly running"),
)  # fmt: skip
_PAIN_AXIS = "Points higher (+) or lower (−)"
OUTCOME_WORDS = (
    OutcomeWords("leg_pain_next_morning", "Leg pain the next morning", "leg pain", "leg pain",
                 "points (0–10)", "points", "higher", "lower", _PAIN_AXIS),
    OutcomeWords("back_pain_next_morning", "Back pain the next morning", "back pain", "back pain",
                 "points (0–10)", "points", "higher", "lower", _PAIN_AXIS),
    OutcomeWords("reach_next_morning", "How far down the leg the pain reaches the next morning",
                 "how far down the leg the pain reached", "reach", "levels (0–5)", "levels",
                 "further down the leg", "less far down the leg", "Levels further down (+) or up (−)",
                 "further down", "less far down"),
    OutcomeWords("leg_pain_next_week", "Leg pain the following week", "leg pain the following week",
                 "next week's leg pain", "points (0–10)", "points", "higher", "lower", _PAIN_AXIS),
)  # fmt: skip


def exposure_words(name: str) -> ExposureWords:
    """The words for an exposure; an unknown name gets plain words made from it (never an error)."""
    for words in EXPOSURE_WORDS:
        if words.name == name:
            return words
    plain = name.replace("_", " ")
    return ExposureWords(name, plain, plain, f"per {plain}", plain.capitalize(), plain, plain)


def outcome_words(name: str) -> OutcomeWords:
    for words in OUTCOME_WORDS:
        if words.name == name:
            return words
    plain = name.replace("_", " ")
    return OutcomeWords(name, plain.capitalize(), plain, plain, "", "", "higher", "lower", "Change")
