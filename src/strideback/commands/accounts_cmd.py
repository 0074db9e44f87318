"""Server mode's commands: `user add|set-password|list|disable`, `token create|revoke`,
`share invite|accept|revoke|list`. They act on the server's database (`STRIDEBACK_DATABASE_URL`, or the
home's SQLite for a one-worker server); there is no public sign-up."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape

from strideback.commands._common import HomeOpt, JsonOpt, console, emit_json, open_store, usage_error


class RoleChoice(StrEnum):
    person = "person"
    clinician = "clinician"


def _services():
    from strideback.services import accounts, consent

    return accounts, consent


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
        open_store(home)
        accounts, _ = _services()
        from strideback.domain.accounts import Role

        try:
            added = accounts.add_account(email, Role(role.value))
        except accounts.AccountError as error:
            usage_error(str(error))
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
        open_store(home)
        accounts, _ = _services()
        try:
            accounts.set_password(email, password)
        except accounts.AccountError as error:
            usage_error(str(error))
        console.print(f"Password set for {escape(email)}.")

    @user_app.command("list")
    def user_list(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """List the accounts."""
        open_store(home)
        accounts, _ = _services()
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
        open_store(home)
        accounts, _ = _services()
        try:
            accounts.disable(email)
        except accounts.AccountError as error:
            usage_error(str(error))
        console.print(f"{escape(email)} is disabled.")

    @token_app.command("create")
    def token_create(
        email: Annotated[str, typer.Argument()],
        name: Annotated[str, typer.Option("--name", help="What the token is for, e.g. 'phone'.")] = "",
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Make an API token for the account (shown once; stored only as a hash)."""
        open_store(home)
        accounts, _ = _services()
        try:
            token = accounts.create_token(email, name)
        except accounts.AccountError as error:
            usage_error(str(error))
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
        open_store(home)
        accounts, _ = _services()
        try:
            count = accounts.revoke_tokens(email, name)
        except accounts.AccountError as error:
            usage_error(str(error))
        console.print(f"{count} token(s) revoked.")

    @share_app.command("invite")
    def share_invite(
        email: Annotated[str, typer.Argument()], home: HomeOpt = None, as_json: JsonOpt = False
    ) -> None:
        """Make a share code for the person (they give it to their clinician)."""
        open_store(home)
        accounts, consent = _services()
        try:
            code = consent.invite(accounts.require_account(email))
        except accounts.AccountError as error:
            usage_error(str(error))
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
        open_store(home)
        accounts, consent = _services()
        from strideback.domain.accounts import Role

        try:
            share = consent.accept(code, accounts.require_account(clinician, Role.CLINICIAN))
        except accounts.AccountError as error:
            usage_error(str(error))
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
        open_store(home)
        accounts, consent = _services()
        try:
            count = consent.revoke(accounts.require_account(person), clinician)
        except accounts.AccountError as error:
            usage_error(str(error))
        console.print(f"{count} share(s) revoked.")

    @share_app.command("list")
    def share_list(
        person: Annotated[str, typer.Option("--person", help="The person's email.")],
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Who can read the person's diary, and every read a clinician made."""
        open_store(home)
        accounts, consent = _services()
        try:
            account = accounts.require_account(person)
        except accounts.AccountError as error:
            usage_error(str(error))
        shares = consent.shares(account)
        audit = consent.audit_log(account)
        if as_json:
            emit_json({"shares": [s.to_json() for s in shares], "audit": [a.to_json() for a in audit]})
            return
        for share in shares:
            who = share.clinician_email or "(unused code)"
            state = "live" if share.live else ("revoked" if share.revoked_at else "waiting")
            console.print(f"{escape(who)}  {state}", highlight=False)
