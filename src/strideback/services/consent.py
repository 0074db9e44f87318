"""Consent: a person shares their diary with a clinician by a one-time code, sees who can read it, revokes
in one step, and reads back every access. A clinician reads only people whose share is live; every read is
written to the person's audit log first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from strideback.domain.accounts import Account, AuditEntry, Role, Share
from strideback.services.accounts import AccountError, require_account
from strideback.store.records import accounts as records

CODE_DAYS = 14  # an unredeemed code lapses after two weeks
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().upper().replace("-", "").encode()).hexdigest()


def invite(person: Account) -> str:
    """A new share code for this person (shown once: 12 characters, about 60 bits)."""
    if person.role is not Role.PERSON or person.person_id is None:
        raise AccountError("only a person can share their own diary")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    records.add_share(person.person_id, _digest(raw))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def accept(code: str, clinician: Account) -> Share:
    if clinician.role is not Role.CLINICIAN:
        raise AccountError("only a clinician can redeem a share code")
    oldest = dt.datetime.now(dt.UTC) - dt.timedelta(days=CODE_DAYS)
    share = records.accept_share(_digest(code), clinician.id, oldest)
    if share is None:
        raise AccountError(
            "that code is not valid: it may be mistyped, used, revoked or older than two weeks"
        )
    return share


def revoke(person: Account, clinician_email: str | None = None) -> int:
    if person.person_id is None:
        raise AccountError("only a person can revoke their own shares")
    clinician = require_account(clinician_email, Role.CLINICIAN) if clinician_email else None
    return records.revoke_shares(person.person_id, clinician.id if clinician else None)


def shares(person: Account) -> list[Share]:
    return records.list_shares(person.person_id) if person.person_id is not None else []


def people_of(clinician: Account) -> list[tuple[int, str]]:
    return records.people_sharing_with(clinician.id) if clinician.role is Role.CLINICIAN else []


def may_read(reader: Account, person_id: int) -> bool:
    """The person themself, or a clinician with that person's live consent."""
    if not reader.active:
        return False
    if reader.role is Role.PERSON:
        return reader.person_id == person_id
    return records.has_live_share(person_id, reader.id)


def record_read(reader: Account, person_id: int, what: str) -> None:
    """Write the audit line for a clinician's read (a person reading their own diary is not logged)."""
    if reader.role is Role.CLINICIAN:
        records.add_audit(person_id, reader.id, what)


def audit_log(person: Account) -> list[AuditEntry]:
    return records.list_audit(person.person_id) if person.person_id is not None else []
