"""Server mode's use cases for sign-ins: add, list, disable, set a password, API tokens.

There is no public sign-up: an administrator adds each account on the command line and hands over the
one-time link that sets its password. Passwords are hashed with Argon2 (Django's auth).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass

from strideback.domain.accounts import Account, Role
from strideback.store.records import accounts as records

AccountExists = records.AccountExists
EMAIL_MAX = 254


class AccountError(ValueError):
    """A request about accounts that cannot be done, in words for the person asking."""


@dataclass(frozen=True)
class NewAccount:
    account: Account
    set_password_url: str

    def to_json(self) -> dict[str, object]:
        return {
            "email": self.account.email,
            "role": self.account.role.value,
            "set_password_url": self.set_password_url,
        }


def public_url() -> str:
    return os.environ.get("STRIDEBACK_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def _check_email(email: str) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(f"{email!r} is not an email address") from None
    if len(email) > EMAIL_MAX:
        raise AccountError("the email address is too long")
    return email.lower()


def add_account(email: str, role: Role) -> NewAccount:
    try:
        account = records.add_account(_check_email(email), role)
    except records.AccountExists:
        raise AccountError(f"an account for {email} exists already") from None
    return NewAccount(account, set_password_link(account))


def set_password_link(account: Account) -> str:
    """A one-time link: it stops working once the password is set (Django's reset tokens)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = records.user_of_account(account.id)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{public_url()}/accounts/reset/{uid}/{default_token_generator.make_token(user)}/"


def require_account(email: str, role: Role | None = None) -> Account:
    account = records.find_account(email.strip())
    if account is None:
        raise AccountError(f"no account for {email}; add it with `strideback user add`")
    if role is not None and account.role is not role:
        raise AccountError(f"{email} is a {account.role.value}, not a {role.value}")
    return account


def list_accounts() -> list[Account]:
    return records.list_accounts()


def disable(email: str) -> Account:
    account = require_account(email)
    records.set_active(account.id, False)
    return account


def set_password(email: str, password: str) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    account = require_account(email)
    try:
        validate_password(password, records.user_of_account(account.id))
    except ValidationError as error:
        raise AccountError(" ".join(error.messages)) from None
    records.set_password(account.id, password)


def account_of_user(user_id: int) -> Account | None:
    return records.account_of_user(user_id)


# ---------------------------------------------------------------- API tokens


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(email: str, name: str = "") -> str:
    """A new bearer token for the account, returned once and stored only as its digest."""
    account = require_account(email)
    if not account.active:
        raise AccountError(f"{email} is disabled")
    token = "sb_" + secrets.token_urlsafe(32)
    records.add_token(account.id, name[:100], _digest(token))
    return token


def revoke_tokens(email: str, name: str | None = None) -> int:
    return records.revoke_tokens(require_account(email).id, name)


def account_of_token(token: str) -> Account | None:
    return records.account_of_token(_digest(token)) if token.startswith("sb_") else None
