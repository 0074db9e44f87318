"""Load benchmark for server mode (issue 14): N simulated people against gunicorn (2 workers) and
PostgreSQL on loopback, with PostgreSQL restarted in the middle of the run. A benchmark, not a test.

Each person signs in through the login form, then for a bounded number of rounds (and at most
--duration seconds) checks in through the API (session cookie + CSRF token + an Idempotency-Key, as the
phone does) and reads Today, with a short think time between requests. A check-in that fails (an error
answer or a dropped connection) is retried with the same key, like the phone's offline queue.

Reported: p50/p95/p99 latency per kind of request, errors by kind, what people saw while PostgreSQL was
restarting, and the acknowledged check-ins (answered 201) that are missing from the database afterwards
(must be 0).

    python bench/server_load.py [--people 200] [--rounds 4] [--duration 120] [--no-restart]

Needs root on Debian (it starts a throw-away PostgreSQL cluster with runuser, like scripts/deploy-example.sh).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import glob
import http.cookiejar
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "a long enough passphrase 42"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Postgres:
    """A throw-away cluster owned by the postgres user, on 127.0.0.1."""

    def __init__(self, work: Path) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or [shutil.which("initdb") or ""]
        if not found[-1]:
            raise SystemExit("PostgreSQL's initdb is not installed (Debian: apt-get install postgresql)")
        self.bin = Path(found[-1]).parent
        self.data = work / "pg"
        self.port = free_port()
        os.chmod(work, 0o711)
        self.data.mkdir()
        shutil.chown(self.data, "postgres")

    def _pg(self, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True)

    def start(self) -> None:
        self._pg(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self._ctl("start")
        import psycopg  # createdb may not be installed beside initdb (a PostgreSQL built from source)

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as db:
            db.execute("CREATE DATABASE strideback")

    def _ctl(self, action: str) -> None:
        opts = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=100"
        self._pg(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.data / "log"),
            "-m",
            "fast",
            "-o",
            opts,
            action,
        )

    def restart(self) -> None:
        self._ctl("restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("stop")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/strideback"


def add_people(n: int) -> list[str]:
    """N person accounts with one password (hashed once, with Argon2, then copied)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    from strideback.domain.accounts import Role
    from strideback.services import accounts

    emails = [f"runner{i:04d}@example.org" for i in range(n)]
    for email in emails:
        accounts.add_account(email, Role.PERSON)
    User.objects.filter(username__in=emails).update(password=make_password(PASSWORD))
    return emails


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    outcomes: Counter = field(default_factory=Counter)
    during_restart: Counter = field(default_factory=Counter)
    acknowledged: list[tuple[str, str]] = field(default_factory=list)
    recovered_by_retry: int = 0
    restart_window: tuple[float, float] = (0.0, 0.0)

    def record(self, kind: str, started: float, outcome: str) -> None:
        ended = time.monotonic()
        with self.lock:
            if outcome == "ok":
                self.latency[kind].append(ended - started)
            self.outcomes[f"{kind} {outcome}"] += 1
            low, high = self.restart_window
            if low and started <= (high or float("inf")) and ended >= low:
                self.during_restart[f"{kind} {outcome}"] += 1


class Person(threading.Thread):
    def __init__(
        self, base: str, email: str, rounds: int, deadline: float, results: Results, seed: int, ramp: float
    ):
        super().__init__(daemon=True)
        self.ramp = ramp
        self.base, self.email, self.rounds, self.deadline, self.results = (
            base,
            email,
            rounds,
            deadline,
            results,
        )
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.random = random.Random(seed)

    def _open(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def _timed(
        self,
        kind: str,
        path: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        ok: tuple[int, ...] = (200,),
    ) -> tuple[int, bytes] | None:
        started = time.monotonic()
        try:
            status, body = self._open(path, data, headers)
        except (OSError, urllib.error.URLError) as error:
            self.results.record(kind, started, f"connection error ({type(error).__name__})")
            return None
        self.results.record(kind, started, "ok" if status in ok else f"HTTP {status}")
        return status, body

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self) -> bool:
        for _ in range(5):
            page = self._timed("login page", "/accounts/login/")
            if page is None or page[0] != 200:
                time.sleep(1)
                continue
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page[1])
            form = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token.group(1).decode() if token else "",
                    "username": self.email,
                    "password": PASSWORD,
                }
            )
            self._timed(
                "sign in",
                "/accounts/login/",
                form.encode(),
                {"Content-Type": "application/x-www-form-urlencoded"},
            )
            if any(c.name == "sessionid" for c in self.jar):
                return True
            time.sleep(1)
        return False

    def check_in(self, day: dt.date) -> None:
        key = str(uuid.uuid4())
        body = json.dumps(
            {
                "date": day.isoformat(),
                "back_pain": self.random.randint(0, 6),
                "leg_pain": self.random.randint(0, 6),
                "reach": "thigh",
            }
        ).encode()
        for attempt in range(6):  # the phone's queue: the same key until the server answers
            headers = {
                "Content-Type": "application/json",
                "X-CSRFToken": self._csrf(),
                "Idempotency-Key": key,
            }
            answer = self._timed("check-in", "/api/checkins", body, headers, ok=(201,))
            if answer is not None and answer[0] == 201:
                with self.results.lock:
                    self.results.acknowledged.append((self.email, day.isoformat()))
                    self.results.recovered_by_retry += attempt > 0
                return
            if answer is not None and answer[0] in (400, 403, 409, 422):
                return  # refused for good: the phone drops it and says why
            time.sleep(1 + attempt)

    def run(self) -> None:
        time.sleep(self.random.uniform(0, self.ramp))  # people arrive over the ramp
        if not self.sign_in():
            return
        today = dt.date.today()
        for round_ in range(self.rounds):
            if time.monotonic() > self.deadline:
                return
            self.check_in(today - dt.timedelta(days=round_))
            time.sleep(self.random.uniform(0.5, 2.0))
            self._timed("today", "/")
            time.sleep(self.random.uniform(0.5, 2.0))


def process_cpu(root: int) -> float:
    """CPU seconds (user + system) of a process and its children, from /proc (Linux)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in glob.glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            pid, ppid = int(stat.split("/")[2]), int(fields[1])
            if root in (pid, ppid):
                total += (int(fields[11]) + int(fields[12])) / tick
    return total


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {cuts[49] * 1000:7.0f} ms   p95 {cuts[94] * 1000:7.0f} ms   p99 {cuts[98] * 1000:7.0f} ms   (n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4, help="check-in + Today per person")
    parser.add_argument("--duration", type=float, default=120, help="seconds; no new round starts after it")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--ramp", type=float, default=20, help="seconds over which people arrive")
    parser.add_argument("--no-restart", action="store_true", help="do not restart PostgreSQL mid-run")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="strideback-load."))
    pg = Postgres(work)
    server = None
    try:
        pg.start()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "STRIDEBACK_DATABASE_URL": pg.url,
            "STRIDEBACK_PUBLIC_URL": base,
            "STRIDEBACK_HOME": str(work / "home"),
        }
        os.environ.update(
            {k: env[k] for k in ("STRIDEBACK_DATABASE_URL", "STRIDEBACK_PUBLIC_URL", "STRIDEBACK_HOME")}
        )
        from strideback.commands._server_mode import SERVER_THREADS
        from strideback.store.setup import open_store

        open_store()
        emails = add_people(args.people)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "strideback",
                "serve",
                "--server",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--insecure-http",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(work / "server.log", "w"),  # noqa: SIM115 (open for the server's lifetime)
        )
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        results = Results()
        cpu_before = process_cpu(server.pid)
        load_before = os.getloadavg()
        started = time.monotonic()
        deadline = started + args.duration
        people = [
            Person(base, email, args.rounds, deadline, results, seed=i, ramp=args.ramp)
            for i, email in enumerate(emails)
        ]
        for person in people:
            person.start()
        restart_took = None
        if not args.no_restart:
            # Restart once the run is in full swing: half of the expected check-ins acknowledged, or half the time.
            expected = args.people * args.rounds
            while time.monotonic() < started + args.duration / 2 and len(results.acknowledged) < expected / 2:
                time.sleep(0.2)
            results.restart_window = (time.monotonic(), 0.0)
            pg.restart()
            results.restart_window = (results.restart_window[0], time.monotonic())
            restart_took = results.restart_window[1] - results.restart_window[0]
        for person in people:
            person.join(timeout=max(1.0, deadline + 90 - time.monotonic()))
        elapsed = time.monotonic() - started

        import django.db

        from strideback.store import models

        django.db.connections.close_all()
        stored = set(models.CheckIn.objects.values_list("person__account__user__email", "date"))
        lost = [(e, d) for e, d in results.acknowledged if (e, dt.date.fromisoformat(d)) not in stored]
        stored_count = models.CheckIn.objects.count()

        print(
            f"\nserver mode load: {args.people} people arriving over {args.ramp:g} s, {args.rounds} rounds,"
            f" gunicorn {args.workers} workers x {SERVER_THREADS} threads, PostgreSQL on loopback; {elapsed:.0f} s"
        )
        for kind in ("login page", "sign in", "check-in", "today"):
            print(f"  {kind:11s} {percentiles(results.latency[kind])}")
        every = [x for values in results.latency.values() for x in values]
        print(f"  {'all':11s} {percentiles(every)}")
        errors = {k: v for k, v in results.outcomes.items() if not k.endswith(" ok")}
        print(
            f"  requests: {sum(results.outcomes.values())}, errors: {sum(errors.values())} {dict(errors) or ''}"
        )
        if restart_took is not None:
            print(
                f"  PostgreSQL restart took {restart_took:.1f} s; requests overlapping it: {dict(results.during_restart)}"
            )
        print(
            f"  check-ins acknowledged (201): {len(results.acknowledged)}, of which after a retry: {results.recovered_by_retry}"
        )
        print(f"  check-ins in the database: {stored_count}; acknowledged but lost: {len(lost)}")
        print(f"  stuck people (threads still running): {sum(p.is_alive() for p in people)}")
        load_after = os.getloadavg()
        print(
            f"  machine: {os.cpu_count()} cores, shared; load average (1 min) {load_before[0]:.1f} before,"
            f" {load_after[0]:.1f} after; this client's CPU {sum(os.times()[:2]):.0f} s;"
            f" gunicorn's CPU during the run {process_cpu(server.pid) - cpu_before:.0f} s"
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        pg.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
