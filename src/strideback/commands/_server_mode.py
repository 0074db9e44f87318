"""`strideback serve --server`: the multi-user server, as gunicorn worker processes (helpers for serve).

It refuses what would be unsafe or unreliable: several workers on SQLite (one writer at a time; use
PostgreSQL), and plain HTTP without `--insecure-http` (cookies must be Secure behind TLS).
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

from strideback.commands._common import err_console, usage_error


def check(bind: str, workers: int, insecure_http: bool) -> None:
    """Refuse unsafe combinations before anything starts (usage errors, exit 2)."""
    if workers < 1:
        usage_error("--workers must be 1 or more")
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        usage_error(f"--bind {bind!r} is not ADDRESS:PORT, e.g. 127.0.0.1:8000")
    if not os.environ.get("STRIDEBACK_DATABASE_URL") and workers > 1:
        usage_error(
            "SQLite allows one worker only: set STRIDEBACK_DATABASE_URL=postgresql://… for more "
            "workers, or pass --workers 1 for a one-person server"
        )
    public = os.environ.get("STRIDEBACK_PUBLIC_URL", "")
    if urlsplit(public).scheme != "https" and not insecure_http:
        usage_error(
            "server mode expects HTTPS in front (Caddy or nginx, see docs/deploy.md) and "
            "STRIDEBACK_PUBLIC_URL=https://…; pass --insecure-http only for a trial on a private network"
        )


SERVER_THREADS = 4  # per gunicorn worker; each thread keeps its own database connection


def run(bind: str, workers: int, insecure_http: bool) -> None:
    """Replace this process with gunicorn serving strideback's WSGI application in server mode."""
    env = dict(os.environ)
    env["STRIDEBACK_SERVER"] = "1"
    env["DJANGO_SETTINGS_MODULE"] = "strideback.django_settings"
    if insecure_http:
        env["STRIDEBACK_INSECURE_HTTP"] = "1"
    env.setdefault("STRIDEBACK_PUBLIC_URL", f"http://{bind}")
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "strideback.web.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--worker-tmp-dir",
        "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",
        "--graceful-timeout",
        "20",
        # Threads per worker (bench/server_load.py): with one request at a time per process, every
        # check-in waited behind the sign-ins ahead of it (Argon2, ~0.25 s of CPU and 100 MB each);
        # Argon2 and database waits release the GIL, so cheap requests go on beside a sign-in.
        "--worker-class",
        "gthread",
        "--threads",
        str(SERVER_THREADS),
    ]  # no access log: request lines stay out of logs (health data)
    err_console.print(f"strideback server mode: {workers} worker(s) on {bind}", highlight=False)
    os.execve(sys.executable, argv, env)
