"""Server mode's tables: accounts (Django users with a role), API tokens, consent shares and the audit log.

Secrets (API tokens, share codes) are stored only as SHA-256 digests; the callers hand out the secret once.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from strideback.domain import accounts as d
from strideback.store import models as m


class AccountExists(Exception):
    pass


def _account(row: m.Account) -> d.Account:
    return d.Account(
        id=row.pk,
        email=row.user.email,
        role=d.Role(row.role),
        active=row.user.is_active,
        person_id=row.person_id,
    )


def add_account(email: str, role: d.Role) -> d.Account:
    """A new sign-in with no usable password yet (the person sets one through a one-time link)."""
    with transaction.atomic():
        if User.objects.filter(username__iexact=email).exists():
            raise AccountExists(email)
        user = User.objects.create_user(username=email, email=email)
        user.set_unusable_password()
        user.save()
        person = m.Person.objects.create(name=email.split("@")[0]) if role is d.Role.PERSON else None
        row = m.Account.objects.create(user=user, role=role.value, person=person)
    return _account(row)


def find_account(email: str) -> d.Account | None:
    row = m.Account.objects.select_related("user").filter(user__username__iexact=email).first()
    return _account(row) if row else None


def account_of_user(user_id: int) -> d.Account | None:
    row = m.Account.objects.select_related("user").filter(user_id=user_id).first()
    return _account(row) if row else None


def user_of_account(account_id: int) -> User:
    return m.Account.objects.select_related("user").get(pk=account_id).user


def list_accounts() -> list[d.Account]:
    return [_account(r) for r in m.Account.objects.select_related("user").order_by("user__username")]


def set_active(account_id: int, active: bool) -> None:
    user = user_of_account(account_id)
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        m.ApiToken.objects.filter(account_id=account_id, revoked_at=None).update(revoked_at=timezone.now())


def set_password(account_id: int, password: str) -> None:
    user = user_of_account(account_id)
    user.set_password(password)
    user.save(update_fields=["password"])


def add_token(account_id: int, name: str, digest: str) -> None:
    m.ApiToken.objects.create(account_id=account_id, name=name, digest=digest)


def account_of_token(digest: str) -> d.Account | None:
    row = (
        m.ApiToken.objects.select_related("account__user")
        .filter(digest=digest, revoked_at=None, account__user__is_active=True)
        .first()
    )
    return _account(row.account) if row else None


def revoke_tokens(account_id: int, name: str | None) -> int:
    tokens = m.ApiToken.objects.filter(account_id=account_id, revoked_at=None)
    if name is not None:
        tokens = tokens.filter(name=name)
    return tokens.update(revoked_at=timezone.now())


def _share(row: m.Share) -> d.Share:
    return d.Share(
        id=row.pk,
        person_id=row.person_id,
        clinician_email=row.clinician.user.email if row.clinician else None,
        created_at=row.created_at,
        accepted_at=row.accepted_at,
        revoked_at=row.revoked_at,
    )


def add_share(person_id: int, code_digest: str) -> None:
    m.Share.objects.create(person_id=person_id, code_digest=code_digest)


def accept_share(code_digest: str, clinician_id: int, oldest: dt.datetime) -> d.Share | None:
    """Redeem an unused, unrevoked code made after `oldest`; None when there is no such code."""
    with transaction.atomic():
        row = (
            m.Share.objects.select_for_update()
            .filter(code_digest=code_digest, accepted_at=None, revoked_at=None, created_at__gte=oldest)
            .first()
        )
        if row is None:
            return None
        row.clinician_id = clinician_id
        row.accepted_at = timezone.now()
        row.save(update_fields=["clinician", "accepted_at"])
    return _share(m.Share.objects.select_related("clinician__user").get(pk=row.pk))


def revoke_shares(person_id: int, clinician_id: int | None) -> int:
    shares = m.Share.objects.filter(person_id=person_id, revoked_at=None)
    if clinician_id is not None:
        shares = shares.filter(clinician_id=clinician_id)
    return shares.update(revoked_at=timezone.now())


def list_shares(person_id: int) -> list[d.Share]:
    rows = (
        m.Share.objects.select_related("clinician__user").filter(person_id=person_id).order_by("-created_at")
    )
    return [_share(r) for r in rows]


def people_sharing_with(clinician_id: int) -> list[tuple[int, str]]:
    """(person id, email) of everyone with a live share to this clinician."""
    rows = (
        m.Share.objects.filter(clinician_id=clinician_id, revoked_at=None, accepted_at__isnull=False)
        .select_related("person__account__user")
        .order_by("person_id")
    )
    seen: dict[int, str] = {}
    for row in rows:
        account = getattr(row.person, "account", None)
        seen.setdefault(row.person_id, account.user.email if account else f"person {row.person_id}")
    return list(seen.items())


def has_live_share(person_id: int, clinician_id: int) -> bool:
    return m.Share.objects.filter(
        person_id=person_id, clinician_id=clinician_id, revoked_at=None, accepted_at__isnull=False
    ).exists()


def add_audit(person_id: int, clinician_id: int, what: str) -> None:
    m.AuditEntry.objects.create(person_id=person_id, clinician_id=clinician_id, what=what[:200])


def list_audit(person_id: int, limit: int = 200) -> list[d.AuditEntry]:
    rows = (
        m.AuditEntry.objects.select_related("clinician__user")
        .filter(person_id=person_id)
        .order_by("-at")[:limit]
    )
    return [d.AuditEntry(clinician_email=r.clinician.user.email, at=r.at, what=r.what) for r in rows]
