"""Server mode's commands: `user add|set-password|list|disable`, `token create|revoke`,
`share invite|accept|revoke|list`. They act on the server's database (`STRIDEBACK_DATABASE_URL`, or the
home's SQLite for a one-worker server); there is no public sign-up."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer
from rich.markup import escape

from strideback.commands._common import HomeOpt, JsonOpt, console, emit_json, open_store, usage_error


class RoleChoice(StrEnum):
    person = "person"
    clinician = "clinician"


@contextmanager
def _services(home: Path | None) -> Iterator[tuple[ModuleType, ModuleType]]:
    """The accounts and consent services on the home's store; an `AccountError` raised inside (an unknown
    email, a wrong role, a used code) is a usage error: its message, exit code 2, nothing written."""
    open_store(home)
    from strideback.services import accounts, consent

    try:
        yield accounts, consent
    except accounts.AccountError as error:
        usage_error(str(error))


def register(app: typer.Typer) -> None:
    user_app = typer.Typer(no_args_is_help=True, help="Server mode: the accounts that can sign in.")
    token_app = typer.Typer(no_args_is_help=True, help="Server mode: API tokens (Authorization: Bearer).")
    share_app = typer.Typer(no_args_is_help=True, help="Server mode: a person's consent for a clinician.")
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
    app.add_typer(share_app, name="share")

    @user_app.command("add")
    def user_add(
        email: Annotated[str, typer.Argument(help="Their email address (they sign in with it).")],
        role: Annotated[RoleChoice, typer.Option("--role", help="person or clinician.")],
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Add an account and print the one-time link that sets its password."""
        from strideback.domain.accounts import Role

        with _services(home) as (accounts, _):
            added = accounts.add_account(email, Role(role.value))
        if as_json:
            emit_json(added.to_json())
            return
        console.print(f"Added {escape(added.account.email)} ({role.value}). Send them this one-time link:")
        console.print(added.set_password_url, highlight=False, soft_wrap=True)

    @user_app.command("set-password")
    def user_set_password(
        email: Annotated[str, typer.Argument(help="The account's email address.")],
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the new password from standard input.")
        ] = False,
        home: HomeOpt = None,
    ) -> None:
        """Set an account's password (read from standard input, never from the command line)."""
        if not password_stdin:
            usage_error("give --password-stdin and the password on standard input")
        password = sys.stdin.readline().rstrip("\n")
        with _services(home) as (accounts, _):
            accounts.set_password(email, password)
        console.print(f"Password set for {escape(email)}.")

    @user_app.command("list")
    def user_list(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """List the accounts."""
        with _services(home) as (accounts, _):
            rows = accounts.list_accounts()
        if as_json:
            emit_json({"users": [a.to_json() for a in rows]})
            return
        for account in rows:
            state = "" if account.active else "  (disabled)"
            console.print(f"{escape(account.email)}  {account.role.value}{state}", highlight=False)

    @user_app.command("disable")
    def user_disable(email: Annotated[str, typer.Argument()], home: HomeOpt = None) -> None:
        """Disable an account: it can no longer sign in, and its API tokens stop working."""
        with _services(home) as (accounts, _):
            accounts.disable(email)
        console.print(f"{escape(email)} is disabled.")

    @token_app.command("create")
    def token_create(
        email: Annotated[str, typer.Argument()],
        name: Annotated[str, typer.Option("--name", help="What the token is for, e.g. 'phone'.")] = "",
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Make an API token for the account (shown once; stored only as a hash)."""
        with _services(home) as (accounts, _):
            token = accounts.create_token(email, name)
        if as_json:
            emit_json({"token": token})
            return
        console.print(f"Token (shown once, keep it like a password): {token}", highlight=False)

    @token_app.command("revoke")
    def token_revoke(
        email: Annotated[str, typer.Argument()],
        name: Annotated[str | None, typer.Option("--name", help="Only tokens with this name.")] = None,
        home: HomeOpt = None,
    ) -> None:
        """Revoke the account's tokens (all of them, or those with --name)."""
        with _services(home) as (accounts, _):
            count = accounts.revoke_tokens(email, name)
        console.print(f"{count} token(s) revoked.")

    @share_app.command("invite")
    def share_invite(
        email: Annotated[str, typer.Argument()], home: HomeOpt = None, as_json: JsonOpt = False
    ) -> None:
        """Make a share code for the person (they give it to their clinician)."""
        with _services(home) as (accounts, consent):
            code = consent.invite(accounts.require_account(email))
        if as_json:
            emit_json({"code": code})
            return
        console.print(f"Share code for {escape(email)}: {code} (works once, for {consent.CODE_DAYS} days)")

    @share_app.command("accept")
    def share_accept(
        code: Annotated[str, typer.Argument()],
        clinician: Annotated[str, typer.Option("--clinician", help="The clinician's email.")],
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Redeem a person's share code for a clinician."""
        from strideback.domain.accounts import Role

        with _services(home) as (accounts, consent):
            share = consent.accept(code, accounts.require_account(clinician, Role.CLINICIAN))
        if as_json:
            emit_json(share.to_json())
            return
        console.print(f"{escape(clinician)} can now read the diary that shared this code.")

    @share_app.command("revoke")
    def share_revoke(
        person: Annotated[str, typer.Option("--person", help="The person's email.")],
        clinician: Annotated[
            str | None, typer.Option("--clinician", help="One clinician (default: all).")
        ] = None,
        home: HomeOpt = None,
    ) -> None:
        """Revoke a person's consent for a clinician (or for everyone)."""
        with _services(home) as (accounts, consent):
            count = consent.revoke(accounts.require_account(person), clinician)
        console.print(f"{count} share(s) revoked.")

    @share_app.command("list")
    def share_list(
        person: Annotated[str, typer.Option("--person", help="The person's email.")],
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Who can read the person's diary, and every read a clinician made."""
        with _services(home) as (accounts, consent):
            account = accounts.require_account(person)
            shares = consent.shares(account)
            audit = consent.audit_log(account)
        if as_json:
            emit_json({"shares": [s.to_json() for s in shares], "audit": [a.to_json() for a in audit]})
            return
        for share in shares:
            who = share.clinician_email or "(unused code)"
            state = "live" if share.live else ("revoked" if share.revoked_at else "waiting")
            console.print(f"{escape(who)}  {state}", highlight=False)
