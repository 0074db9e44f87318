"""Issue 16, done when: each red-flag question and each outcome heading is written once in src/, and no
module is over 400 lines. The source is read as text, as `grep` would."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from strideback.domain.effects.wording import OUTCOME_WORDS
from strideback.domain.redflag_words import QUESTIONS

SRC = Path(__file__).resolve().parents[2] / "src" / "strideback"
MAX_LINES = 400
TEXT_SUFFIXES = (".py", ".html", ".js", ".txt", ".md")


def _text(path: Path) -> str:
    """A file's text; for Python also its strings as the parser joins them (a long question is often
    written as several literals side by side)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return text
    joined = [
        n.value for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    return "\n".join([text, *joined])


def _sources() -> dict[Path, str]:
    return {
        path: _text(path)
        for path in sorted(SRC.rglob("*"))
        if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def sources() -> dict[Path, str]:
    return _sources()


def _files_with(text: str, sources: dict[Path, str]) -> list[str]:
    return [str(path.relative_to(SRC)) for path, content in sources.items() if text in content]


@pytest.mark.parametrize("key", sorted(QUESTIONS))
def test_each_red_flag_question_is_written_once(key: str, sources: dict[Path, str]) -> None:
    assert _files_with(QUESTIONS[key], sources) == ["domain/redflag_words.py"]


@pytest.mark.parametrize("name", [o.name for o in OUTCOME_WORDS])
def test_each_outcome_heading_is_written_once(name: str, sources: dict[Path, str]) -> None:
    heading = next(o.heading for o in OUTCOME_WORDS if o.name == name)
    assert _files_with(heading, sources) == ["domain/effects/wording.py"]


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(SRC)): count
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules (at most {MAX_LINES} lines each): {long}"
