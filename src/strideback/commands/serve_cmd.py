"""`strideback serve`: the local dashboard in the browser, served by waitress on this computer only."""

from __future__ import annotations

import ipaddress
import logging
from typing import Annotated

import typer

from strideback.commands._common import HomeOpt, console, err_console, open_store, usage_error

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
THREADS = 4  # measured (bench/web_latency.py): 4 threads beat 8 on 2 cores, p95 Today 43–50 ms vs 75+ ms


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in ("localhost", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    return f"http://{shown}:{port}/"


def quiet_logs() -> None:
    """No request lines or bodies in any log: health data stays out of logs (waitress logs no access
    lines itself; its own logger is kept to warnings about the server, never about requests)."""
    logging.getLogger("waitress").setLevel(logging.ERROR)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        host: Annotated[
            str, typer.Option("--host", help="Address to listen on (this computer only).")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=0, max=65535)] = 8000,
        demo: Annotated[
            bool,
            typer.Option(
                "--demo",
                help="Show the demo person, kept in its own folder (never your data folder); "
                "created or refreshed on start.",
            ),
        ] = False,
        no_demo: Annotated[
            bool, typer.Option("--no-demo", hidden=True, help="No hint about the demo (serve never adds it).")
        ] = False,
        server: Annotated[
            bool, typer.Option("--server", help="Multi-user server mode: accounts, clinicians, consent.")
        ] = False,
        bind: Annotated[str, typer.Option("--bind", help="Server mode: ADDRESS:PORT.")] = "127.0.0.1:8000",
        workers: Annotated[int, typer.Option("--workers", help="Server mode: worker processes.")] = 2,
        insecure_http: Annotated[
            bool, typer.Option("--insecure-http", help="Server mode without HTTPS in front (trials only).")
        ] = False,
        home: HomeOpt = None,
    ) -> None:
        """Open the dashboard in your browser (local only; your data never leaves this computer)."""
        if server:
            from strideback.commands import _server_mode as server_mode

            server_mode.check(bind, workers, insecure_http)
            open_store(home)  # migrate once, before the workers start
            server_mode.run(bind, workers, insecure_http)
            return
        if not is_loopback(host):
            usage_error(
                f"{host} is not a loopback address: in local mode strideback listens on this computer only "
                "(127.0.0.1 or localhost), because it has no login. Use --server for the multi-user server mode."
            )
        person_id = open_store(home)
        if demo:
            _refresh_demo(person_id)
        else:
            from strideback.services.people import person_has_data

            if not no_demo and not person_has_data(person_id):  # --no-demo: no hint either
                console.print(
                    "Your diary is empty: the dashboard starts with your first check-in. "
                    "To look around with a demo person first, run [bold]strideback serve --demo[/] "
                    "(it lives in its own folder and never mixes with your data)."
                )
        from waitress import serve

        from strideback.web.wsgi import application

        quiet_logs()
        url = url_for(host, port)
        console.print(f"strideback is running at [bold link={url}]{url}[/] — press Ctrl+C to stop.")
        try:
            serve(application, host=host.strip("[]"), port=port, threads=THREADS, ident="strideback")
        except OSError as error:
            err_console.print(f"[bold red]Error:[/] cannot listen on {url}: {error.strerror or error}.")
            raise typer.Exit(code=1) from None


def _refresh_demo(person_id: int) -> None:
    """Create the demo person, or bring it up to today, in the demo home; never over real records."""
    from strideback.services.demo import HomeHasRealData, create_demo, demo_is_current

    if demo_is_current(person_id):
        console.print("Showing the [bold]demo person[/] (its own folder; your data is not touched).")
        return
    try:
        summary = create_demo(person_id)
    except HomeHasRealData as error:
        usage_error(str(error))
    console.print(
        f"Showing the [bold]demo person[/] ({summary.days} days, {summary.activities} sessions), kept in "
        "its own folder: your own data is not touched."
    )
