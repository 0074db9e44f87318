"""requirements.lock pins every dependency pyproject.toml names, within its range, with hashes
(scripts/lock.sh regenerates it; CI installs from it)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def _pins() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", text, re.M)
    }


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = list(project["dependencies"])
    for extra in ("test", "postgres"):
        names += project["optional-dependencies"][extra]
    return [Requirement(n) for n in names]


def test_every_dependency_is_locked_within_its_range():
    pins = _pins()
    missing = [r.name for r in _requirements() if canonicalize_name(r.name) not in pins]
    assert not missing, f"not in requirements.lock: {missing}; run scripts/lock.sh"
    outside = [
        f"{r.name}=={pins[canonicalize_name(r.name)]} (wants {r.specifier})"
        for r in _requirements()
        if not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)
    ]
    assert not outside, f"{outside}; run scripts/lock.sh"


def test_every_direct_dependency_has_an_upper_bound():
    unbounded = [
        str(r) for r in _requirements() if not any(s.operator in ("<", "<=", "==", "~=") for s in r.specifier)
    ]
    assert not unbounded, unbounded


def test_every_pin_carries_a_hash():
    text = (ROOT / "requirements.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text)
    assert all("--hash=sha256:" in block for block in blocks if "==" in block.split("\n", 1)[0])
