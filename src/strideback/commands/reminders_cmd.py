"""Server mode: `strideback reminders send` emails each person whose morning reminder is due (run it
every few minutes from cron or beside the worker; each person gets at most one email a day)."""

from __future__ import annotations

import datetime as dt
import smtplib

import typer
from rich.markup import escape

from strideback.commands._common import HomeOpt, JsonOpt, console, emit_json, open_store, usage_error


def register(app: typer.Typer) -> None:
    reminders_app = typer.Typer(no_args_is_help=True, help="Server mode: morning reminder emails.")
    app.add_typer(reminders_app, name="reminders")

    @reminders_app.command("send")
    def reminders_send(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
        """Send the reminder emails due now (SMTP from STRIDEBACK_SMTP_URL, e.g. smtp://host:25)."""
        open_store(home)
        from strideback.domain.types import InvalidValue
        from strideback.services.accounts import public_url
        from strideback.services.reminders import send_due

        try:
            report = send_due(dt.datetime.now(dt.UTC), public_url())
        except InvalidValue as error:
            usage_error(str(error))
        except (OSError, smtplib.SMTPException) as error:
            console.print(f"[bold red]Error:[/] the SMTP server could not be reached: {escape(str(error))}")
            raise typer.Exit(code=1) from None
        if as_json:
            emit_json(report.to_json())
        else:
            console.print(f"Sent {report.sent} reminder email(s).")
            for address in report.failed:
                console.print(f"Could not send to {escape(address)}; it will be tried again on the next run.")
        if report.failed:
            raise typer.Exit(code=1)
