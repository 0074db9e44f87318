"""Server mode's words: roles, accounts, shares and audit entries as plain values (no framework)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    PERSON = "person"  # keeps their own diary
    CLINICIAN = "clinician"  # reads the diaries of people who consented, never writes them


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    role: Role
    active: bool
    person_id: int | None  # a person's own diary; None for a clinician

    def to_json(self) -> dict[str, object]:
        return {"email": self.email, "role": self.role.value, "active": self.active}


@dataclass(frozen=True)
class Share:
    """One consent: who the person shared with (None until a clinician redeems the code), and when."""

    id: int
    person_id: int
    clinician_email: str | None
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @property
    def live(self) -> bool:
        return self.accepted_at is not None and self.revoked_at is None

    def to_json(self) -> dict[str, object]:
        return {
            "clinician": self.clinician_email,
            "created_at": self.created_at.isoformat(),
            "accepted_at": self.accepted_at.isoformat() if self.accepted_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "live": self.live,
        }


@dataclass(frozen=True)
class AuditEntry:
    clinician_email: str
    at: dt.datetime
    what: str

    def to_json(self) -> dict[str, object]:
        return {"clinician": self.clinician_email, "at": self.at.isoformat(), "what": self.what}
