"""Fault trials: what the person sees when things go wrong during imports, and whether anything is lost.

    python bench/faults.py [--quick] [--only NAME ...]

Each trial runs real `strideback` processes on a throw-away home and prints one row: what the person saw
(exit code, first line of the message or HTTP status), the time it took, the peak memory of the process
that read the hostile file (VmHWM), and lost writes (acknowledged but not in the database: must be 0).
Run it with `PYTHONPATH=src` for this checkout, or with another checkout's src to compare (before/after).

Trials: kill -9 mid-import; a full disk (RLIMIT_FSIZE: the file size limit a full disk looks like to
SQLite); a zip lying about its sizes; a nested zip bomb; 20 concurrent writers (HTTP check-ins) on
SQLite and on PostgreSQL (STRIDEBACK_DATABASE_URL if set, else a throw-away cluster from
/usr/lib/postgresql/*/bin when run as root, else skipped); a check-in during a long import (CLI, API).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import glob
import http.cookiejar
import json
import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

ENV = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")}
if ENV.get("PYTHONPATH"):
    ENV["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in ENV["PYTHONPATH"].split(os.pathsep))
ROWS: list[tuple[str, str, float, float | None, int | str]] = []


def strideback(home: Path, *args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "strideback", *args, "--home", str(home)]
    return subprocess.run(command, capture_output=True, text=True, env=env or ENV, timeout=1800, **kw)


def first_line(text: str) -> str:
    lines = [x.strip() for x in text.splitlines() if x.strip() and not set(x.strip()) <= set("─╭╮╰╯│ ")]
    return (lines[-1] if lines and "Error" in lines[-1] else lines[0] if lines else "")[:90]


def gpx(day: int, points: int = 300) -> bytes:
    start = 1_672_560_000 + day * 86400 + 7 * 3600
    body = "".join(
        f'<trkpt lat="{46 + i * 3e-5:.6f}" lon="14.0"><time>'
        f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(start + i))}</time></trkpt>"
        for i in range(points)
    )
    return f'<?xml version="1.0"?><gpx version="1.1"><trk><type>running</type><trkseg>{body}</trkseg></trk></gpx>'.encode()


def folder_of(root: Path, count: int, points: int = 300) -> Path:
    folder = root / f"export-{count}"
    folder.mkdir(exist_ok=True)
    for day in range(count):
        (folder / f"run{day:05d}.gpx").write_bytes(gpx(day, points))
    return folder


def count_rows(home: Path, table: str) -> int:
    db = sqlite3.connect(home / "strideback.sqlite3", timeout=60)
    try:
        return db.execute(f"SELECT count(*) FROM store_{table}").fetchone()[0]
    finally:
        db.close()


def children(pid: int) -> set[int]:
    found = set()
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def row(name: str, saw: str, seconds: float, peak: float | None = None, lost: int | str = 0) -> None:
    ROWS.append((name, saw, seconds, peak, lost))
    print(f"  {name}: {saw} ({seconds:.1f} s)", flush=True)


# ---------------------------------------------------------------- trials


def kill_mid_import(root: Path, files: int) -> None:
    home, folder = root / "kill-home", folder_of(root, files)
    strideback(home, "checkins")
    parent = subprocess.Popen(
        [sys.executable, "-m", "strideback", "import", str(folder), "--json", "--home", str(home)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    while count_rows(home, "activity") < files // 10 and parent.poll() is None:
        time.sleep(0.05)
    workers = children(parent.pid)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    time.sleep(3)
    orphans = [w for w in workers if alive(w)]
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    db = sqlite3.connect(home / "strideback.sqlite3")
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    started = time.perf_counter()
    again = strideback(home, "import", str(folder), "--json")
    seconds = time.perf_counter() - started
    lost = files - count_rows(home, "activity")
    saw = f"db {integrity}; {len(orphans)} of {len(workers)} workers outlived it; re-run exit {again.returncode}"
    row("kill -9 mid-import, then re-run", saw, seconds, None, lost)


def full_disk(root: Path, files: int) -> None:
    home, folder = root / "disk-home", folder_of(root, files)
    strideback(home, "checkins")
    limit = sum(p.stat().st_size for p in home.iterdir()) + 512 * 1024

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    started = time.perf_counter()
    result = strideback(home, "import", str(folder), preexec_fn=small_disk)
    seconds = time.perf_counter() - started
    saw = f"exit {result.returncode}: {first_line(result.stderr)}"
    again = strideback(home, "import", str(folder), "--json")
    lost = (
        files - count_rows(home, "activity") if again.returncode == 0 else f"re-run exit {again.returncode}"
    )
    row("full disk during import, then re-run", saw, seconds, None, lost)


_PROBE = """
import json, sys
from strideback.importers.sources import read_sources
errors = [r.error or r.skipped or "imported" for r in read_sources(sys.argv[1:], workers=1)]
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")]
print(json.dumps({"peak_mb": int(hwm[0].split()[1]) / 1024, "errors": errors}))
"""


def probe(name: str, path: Path) -> None:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        row(name, f"crashed: {first_line(out.stderr)}", seconds, None, "-")
        return
    data = json.loads(out.stdout.strip().splitlines()[-1])
    row(name, "; ".join(sorted(set(data["errors"])))[:90], seconds, data["peak_mb"], "-")


def zeros_zip(path: Path, name: str, megabytes: int, claim: int | None = None) -> None:
    """A zip of one entry of zeros; with `claim`, its headers say `claim` compressed bytes (a lie)."""
    info = zipfile.ZipInfo(name, (2024, 5, 1, 7, 0, 0))
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(info, "w", force_zip64=True) as entry,
    ):
        for _ in range(megabytes // 8):
            entry.write(b"\0" * 8 * 1024**2)
    if claim is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.importers.test_bounded_memory import _lie_about_compressed_size

        _lie_about_compressed_size(path, claim)


def lying_zip(root: Path, megabytes: int) -> None:
    path = root / "liar.zip"
    zeros_zip(path, "track.gpx", megabytes, claim=megabytes * 1024**2 * 5 // 6)
    probe(f"zip lying about sizes ({megabytes} MB entry)", path)


def nested_bomb(root: Path, megabytes: int) -> None:
    inner = root / "inner.zip"
    zeros_zip(inner, "a.fit", megabytes, claim=megabytes * 1024**2 // 2)
    outer = root / "nested.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        for i in range(4):
            archive.write(inner, f"part{i}.zip")
    probe(f"nested zip bomb (4 x {megabytes} MB)", outer)


class Browser:
    def __init__(self, url: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        for _ in range(600):
            try:
                self.opener.open(url, timeout=60).read()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        self.token = next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def checkin(self, day: str) -> tuple[int, float]:
        body = json.dumps({"date": day, "back_pain": 2, "leg_pain": 3}).encode()
        request = urllib.request.Request(self.url + "api/checkins", data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        request.add_header("X-CSRFToken", self.token)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, time.perf_counter() - started
        except urllib.error.HTTPError as error:
            return error.code, time.perf_counter() - started


def serve(home: Path, env: dict) -> tuple[subprocess.Popen, Browser]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "strideback", "serve", "--home", str(home), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    return server, Browser(f"http://127.0.0.1:{port}/")


def concurrent_writers(root: Path, label: str, env: dict, count: int = 20) -> None:
    home = root / f"writers-{label}"
    strideback(home, "checkin", "--date", "2019-12-31", "--back", "1", "--leg", "1", env=env)
    server, browser = serve(home, env)
    try:
        started = time.perf_counter()
        days = [f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}" for i in range(count)]
        with concurrent.futures.ThreadPoolExecutor(count) as pool:
            answers = list(pool.map(browser.checkin, days))
        seconds = time.perf_counter() - started
        listed = strideback(home, "checkins", "--json", env=env)
        stored = (
            {c["date"] for c in json.loads(listed.stdout)["checkins"]} if listed.returncode == 0 else set()
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    codes = sorted({status for status, _ in answers})
    lost = sum(
        1 for day, (status, _) in zip(days, answers, strict=True) if status == 201 and day not in stored
    )
    saw = f"HTTP {codes}; slowest {max(t for _, t in answers):.1f} s"
    row(f"{count} concurrent check-ins ({label})", saw, seconds, None, lost)


def checkin_during_import(root: Path, files: int) -> None:
    # FIT files: quick to parse, so the import is bound by its writes (the case that locked people out)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from import_speed import make_archive

    home, folder = root / "during-home", root / "fit-export"
    folder.mkdir()
    make_archive(folder, files * 2)
    strideback(home, "checkin", "--date", "2019-12-31", "--back", "1", "--leg", "1")
    server, browser = serve(home, ENV)
    importer = subprocess.Popen(
        [sys.executable, "-m", "strideback", "import", str(folder), "--json", "--home", str(home)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    try:
        while count_rows(home, "activity") == 0 and importer.poll() is None:
            time.sleep(0.05)
        started = time.perf_counter()
        strideback(home, "checkins")  # the same process start-up, reading only: the baseline
        base_s = time.perf_counter() - started
        started = time.perf_counter()
        cli = strideback(home, "checkin", "--date", "2021-03-01", "--back", "2", "--leg", "3")
        cli_s = time.perf_counter() - started
        answers = []
        for day in range(2, 8):  # API check-ins through the import, half a second apart
            answers.append(browser.checkin(f"2021-03-{day:02d}"))
            time.sleep(0.5)
        api_status = max(status for status, _ in answers)
        api_s = max(seconds for _, seconds in answers)
        running = importer.poll() is None
        importer.wait(timeout=1800)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = count_rows(home, "checkin")
    lost = (cli.returncode == 0) + sum(status == 201 for status, _ in answers) + 1 - stored
    saw = (
        f"CLI exit {cli.returncode} in {cli_s:.1f} s (start-up alone {base_s:.1f} s); "
        f"6 API check-ins: worst HTTP {api_status}, slowest {api_s:.1f} s"
    )
    row(
        "check-in during a long import" + ("" if running else " (import ended first)"),
        saw,
        cli_s + api_s,
        None,
        lost,
    )


def postgres_env(root: Path) -> tuple[dict | None, object]:
    """ENV pointing at PostgreSQL, and a stopper; (None, reason) when none can be had."""
    if os.environ.get("STRIDEBACK_DATABASE_URL"):
        return {**ENV, "STRIDEBACK_DATABASE_URL": os.environ["STRIDEBACK_DATABASE_URL"]}, lambda: None
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdb or os.geteuid() != 0 or not shutil.which("runuser"):
        return None, "no STRIDEBACK_DATABASE_URL and no PostgreSQL to start"
    bindir, data = os.path.dirname(initdb[-1]), tempfile.mkdtemp(prefix="sb-faults-pg-")
    shutil.chown(data, "postgres")
    as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_pg, f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres"],
        capture_output=True,
        check=True,
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*as_pg, f"{bindir}/pg_ctl", "-D", data, "-w", "-l", f"{data}/log", "-o", options, "start"],
        capture_output=True,
        check=True,
    )
    subprocess.run(
        [*as_pg, f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "strideback"], capture_output=True
    )

    def stop() -> None:
        subprocess.run([*as_pg, f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)

    return {**ENV, "STRIDEBACK_DATABASE_URL": f"postgresql://postgres@127.0.0.1:{port}/strideback"}, stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller trials")
    parser.add_argument("--only", nargs="*", default=None, help="kill disk liar nested writers during")
    args = parser.parse_args()
    files, big = (300, 300) if args.quick else (1500, 600)
    want = set(args.only or ["kill", "disk", "liar", "nested", "writers", "during"])
    with tempfile.TemporaryDirectory(prefix="sb-faults-") as tmp:
        root = Path(tmp)
        if "kill" in want:
            kill_mid_import(root, files)
        if "disk" in want:
            full_disk(root, files // 3)
        if "liar" in want:
            lying_zip(root, big)
        if "nested" in want:
            nested_bomb(root, big // 2)
        if "writers" in want:
            concurrent_writers(root, "SQLite", ENV)
            pg, stop = postgres_env(root)
            if pg is None:
                row("20 concurrent check-ins (PostgreSQL)", f"skipped: {stop}", 0.0, None, "-")
            else:
                try:
                    concurrent_writers(root, "PostgreSQL", pg)
                finally:
                    stop()  # type: ignore[operator]
        if "during" in want:
            checkin_during_import(root, files)
    print("\n| trial | what the person saw | time (s) | peak memory (MB) | lost writes |")
    print("|---|---|---:|---:|---:|")
    for name, saw, seconds, peak, lost in ROWS:
        print(f"| {name} | {saw} | {seconds:.1f} | {'' if peak is None else f'{peak:.0f}'} | {lost} |")


if __name__ == "__main__":
    main()
