"""The morning check-in's fields, written once: name, kind, range, label, unit.

Every face derives from this table: the CLI options and prompts, the web form, the API schema, the CSV
header and cells, the JSON rows, the store's columns beyond the first ones and the domain type's checks.
Adding a field: a row here, its attribute on `types.CheckIn`, and a migration
(`makemigrations store`; the column comes from the row, see `store/models._checkin_column`). Archives
written before the field existed are read with the column's default (bump `store/archive.SCHEMA_VERSION`).

Pure Python: no I/O, no framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from strideback.domain.types import InvalidValue, Reach


class Kind(StrEnum):
    SCALE = "scale"  # a whole number 0–10 (NRS, Farrar 2001)
    COUNT = "count"  # a whole number in [low, high]
    FLAG = "flag"  # yes or no
    CHOICE = "choice"  # one of the choices (or none when optional)
    CHOICES = "choices"  # any of the choices, as a tuple in table order
    TEXT = "text"  # free text up to `high` characters


_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class Field:
    """One check-in field and everything a face needs to show, ask, parse and check it."""

    name: str
    kind: Kind
    label: str  # the question on a form
    short: str  # a column heading
    unit: str = ""
    low: int | None = None
    high: int | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    required: bool = False
    flag: str = ""  # the CLI option; default --name-with-dashes
    help: str = ""  # the CLI option's help
    prompt: str = ""  # the interactive question; "" = not asked on the terminal
    group: str = "more"  # where the form shows it: pain, where, leg, more

    @property
    def option(self) -> str:
        return self.flag or "--" + self.name.replace("_", "-")

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.choices)

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)

    @property
    def default(self) -> object:
        if self.kind is Kind.FLAG:
            return False
        if self.kind is Kind.CHOICES:
            return ()
        if self.kind is Kind.TEXT:
            return ""
        if self.name == "reach":
            return Reach.NONE
        return None

    @property
    def allowed(self) -> str:
        """What the field allows, in words (the end of every error message about it)."""
        if self.kind in (Kind.SCALE, Kind.COUNT):
            return f"a whole number from {self.low} to {self.high}"
        if self.kind is Kind.FLAG:
            return "yes/no, true/false or 1/0"
        if self.kind is Kind.CHOICE:
            return "one of " + ", ".join(self.values)
        if self.kind is Kind.CHOICES:
            return "any of " + ", ".join(self.values) + " (comma-separated)"
        return f"text of at most {self.high} characters"

    # ---------------------------------------------------------------- checking

    def clean(self, value: object) -> object:
        """The value in its stored form (tuples for choices, Reach for reach), or InvalidValue."""
        if self.kind in (Kind.SCALE, Kind.COUNT):
            if value is None:
                if self.required:
                    raise InvalidValue(self.name, value, self.allowed)
                return None
            low, high = self.low or 0, self.high if self.high is not None else 0
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise InvalidValue(self.name, value, self.allowed)
            return value
        if self.kind is Kind.FLAG:
            if not isinstance(value, bool):
                raise InvalidValue(self.name, value, "true or false")
            return value
        if self.kind is Kind.CHOICE:
            return self._clean_choice(value)
        if self.kind is Kind.CHOICES:
            return self._clean_choices(value)
        text = "" if value is None else value
        if not isinstance(text, str) or (self.high is not None and len(text) > self.high):
            raise InvalidValue(self.name, value if not isinstance(value, str) else len(value), self.allowed)
        return text

    def _clean_choice(self, value: object) -> object:
        if value is None or value == "":
            if self.required:
                raise InvalidValue(self.name, value, self.allowed)
            return self.default
        if self.name == "reach":
            return value if isinstance(value, Reach) else Reach.parse(str(value))
        word = str(value).strip().lower()
        if word not in self.values:
            raise InvalidValue(self.name, value, self.allowed)
        return word

    def _clean_choices(self, value: object) -> tuple[str, ...]:
        if value is None or value == "":
            return ()
        words = split_words(value) if isinstance(value, str) else value
        if not isinstance(words, list | tuple | set | frozenset):
            raise InvalidValue(self.name, value, self.allowed)
        chosen = set()
        for word in words:
            key = str(word).strip().lower().replace(" ", "_").replace("-", "_")
            if key not in self.values:
                raise InvalidValue(self.name, word, self.allowed)
            chosen.add(key)
        return tuple(v for v in self.values if v in chosen)

    # ---------------------------------------------------------------- text (CSV cells, CLI words)

    def parse_text(self, text: str) -> object:
        """A value from a CSV cell or a CLI word; "" is the field left empty."""
        text = text.strip()
        if self.kind in (Kind.SCALE, Kind.COUNT):
            if text == "":
                return None
            try:
                return int(text)
            except ValueError:
                raise InvalidValue(self.name, text, "a whole number") from None
        if self.kind is Kind.FLAG:
            word = text.lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
            raise InvalidValue(self.name, text, self.allowed)
        if self.kind in (Kind.CHOICE, Kind.CHOICES):
            return self.clean(text)
        return text

    def to_text(self, value: object) -> str:
        """The value as a CSV cell (what `parse_text` reads back)."""
        if value is None:
            return ""
        if self.kind is Kind.FLAG:
            return "yes" if value else "no"
        if self.kind is Kind.CHOICES:
            return ";".join(value)  # type: ignore[arg-type]
        if isinstance(value, StrEnum):
            return value.value
        return str(value)

    def to_json(self, value: object) -> object:
        if self.kind is Kind.CHOICES:
            return list(value)  # type: ignore[call-overload]
        if isinstance(value, StrEnum):
            return value.value
        return value

    def to_words(self, value: object) -> str:
        """The value for a person to read ("" when there is nothing to say)."""
        if value is None or value == () or value == "":
            return ""
        if self.kind is Kind.FLAG:
            return self.short.lower() if value else ""
        if self.kind is Kind.CHOICES:
            return ", ".join(self.choice_label(v).lower() for v in value)  # type: ignore[attr-defined]
        if self.kind is Kind.CHOICE:
            return self.choice_label(str(getattr(value, "value", value)))
        return f"{value}{' ' + self.unit if self.unit else ''}"


def split_words(text: str) -> list[str]:
    """`burning,aching`, `burning; aching` or `burning aching` → the words."""
    return [w for w in text.replace(";", ",").replace(" ", ",").split(",") if w.strip()]


REACH_LABELS = {
    "none": "No leg pain",
    "buttock": "Buttock",
    "thigh": "Thigh",
    "knee": "Knee",
    "calf": "Calf",
    "foot": "Foot",
}

FIELDS: tuple[Field, ...] = (
    Field(
        "back_pain",
        Kind.SCALE,
        "Back pain now (0 = none, 10 = worst imaginable)",
        "back",
        low=0,
        high=10,
        required=True,
        flag="--back",
        help="Back pain now, 0–10.",
        prompt="Back pain now",
        group="pain",
    ),
    Field(
        "leg_pain",
        Kind.SCALE,
        "Leg pain now (0 = none, 10 = worst imaginable)",
        "leg",
        low=0,
        high=10,
        required=True,
        flag="--leg",
        help="Leg pain now, 0–10.",
        prompt="Leg pain now",
        group="pain",
    ),
    Field(
        "reach",
        Kind.CHOICE,
        "How far down the leg does the pain reach?",
        "reach",
        choices=tuple((r.value, REACH_LABELS[r.value]) for r in Reach),
        help="How far down the leg: none|buttock|thigh|knee|calf|foot.",
        prompt="How far down the leg does it reach",
        group="where",
    ),
    Field(
        "side",
        Kind.CHOICE,
        "Which leg?",
        "side",
        choices=(("left", "Left"), ("right", "Right"), ("both", "Both")),
        help="Which leg hurts: left|right|both.",
        prompt="Which leg",
        group="where",
    ),
    Field(
        "numbness",
        Kind.FLAG,
        "Numbness",
        "numb",
        help="Numbness in the leg or foot.",
        prompt="Numbness?",
        group="leg",
    ),
    Field(
        "tingling",
        Kind.FLAG,
        "Tingling or pins and needles",
        "tingle",
        help="Tingling or pins and needles.",
        prompt="Tingling?",
        group="leg",
    ),
    Field(
        "weakness",
        Kind.FLAG,
        "Weakness in the leg or foot",
        "weak",
        help="Weakness in the leg or foot.",
        prompt="Weakness in the leg or foot?",
        group="leg",
    ),
    Field(
        "quality",
        Kind.CHOICES,
        "What is the pain like?",
        "quality",
        choices=(
            ("burning", "Burning"),
            ("electric", "Electric / shooting"),
            ("aching", "Aching"),
            ("pins_and_needles", "Pins and needles"),
        ),
        help="What the pain is like, comma-separated: burning,electric,aching,pins_and_needles.",
        prompt="What is the pain like",
        group="leg",
    ),
    Field(
        "stiffness_min",
        Kind.COUNT,
        "Morning stiffness (minutes)",
        "stiff min",
        unit="min",
        low=0,
        high=24 * 60,
        help="Minutes of morning stiffness.",
        prompt="Minutes of morning stiffness",
    ),
    Field(
        "sleep",
        Kind.SCALE,
        "How well did you sleep? (0 = not at all, 10 = very well)",
        "sleep",
        low=0,
        high=10,
        help="How well you slept, 0–10.",
        prompt="How well did you sleep",
    ),
    Field("note", Kind.TEXT, "Note", "note", high=2000, help="Anything worth remembering."),
)

BY_NAME = {f.name: f for f in FIELDS}
NAMES = tuple(f.name for f in FIELDS)


def group(name: str) -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.group == name)
