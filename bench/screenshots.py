"""Screenshots of every dashboard page, on a phone (360 px) and a desktop, into docs/screenshots/.

Starts `strideback serve` on a fresh temporary home with the demo person in it, and another on an empty
home (a new person's first start), drives Debian's Chromium with Playwright, and stops the servers. Usage: python bench/screenshots.py [--dark]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "today": "/",
    "trends": "/trends",
    "activities": "/activities",
    "plan": "/plan",
    "insights": "/insights",
    "questionnaires": "/questionnaires",
    "odi": "/questionnaires/odi",
    "redflags": "/red-flags",
    "report": "/report",
    "activity": "/activities/latest",
    "history": "/history",
    "treatments": "/treatments",
    "learn": "/learn",
    "learn-seek-care": "/learn/when-to-seek-care",
    "profile": "/profile",
    "import-result": "/imports/latest",
}
# Pages of a new person's own (empty) home: the first-start sequence (issue 15).
NEW_HOME_PAGES = {"welcome": "/", "welcome-steps": "/welcome"}
# What shows a page has finished drawing (beyond the network going quiet): charts drawn as SVG.
READY = {"trends": ".chart-canvas svg", "insights": ".chart-canvas svg"}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dark", action="store_true", help="also take dark-mode screenshots")
    parser.add_argument("--days", type=int, default=180)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="strideback-shots-") as home:
        subprocess.run(
            [sys.executable, "-m", "strideback", "demo", "--home", home, "--days", str(args.days)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        new_home = tempfile.mkdtemp(prefix="strideback-shots-new-")
        new_port = free_port()
        servers = [_serve(home, port), _serve(new_home, new_port)]
        try:
            base, new_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{new_port}"
            wait_until_up(base + "/")
            wait_until_up(new_base + "/")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                import_result = _one_import(browser, base, Path(home))
                schemes = ["light", "dark"] if args.dark else ["light"]
                for scheme in schemes:
                    for device, viewport in VIEWPORTS.items():
                        context = browser.new_context(viewport=viewport, color_scheme=scheme)
                        page = context.new_page()
                        pages = [(base, n, p) for n, p in PAGES.items()]
                        pages += [(new_base, n, p) for n, p in NEW_HOME_PAGES.items()]
                        for origin, name, path in pages:
                            if path == "/activities/latest":  # the newest session's own page
                                page.goto(origin + "/activities", wait_until="networkidle", timeout=120_000)
                                path = page.get_attribute("table.sessions tbody a", "href") or "/activities"
                            if path == "/imports/latest":
                                path = import_result
                            page.goto(origin + path, wait_until="networkidle", timeout=120_000)
                            if name in READY:
                                page.wait_for_selector(READY[name], timeout=60_000)
                            page.wait_for_timeout(300)
                            suffix = f"{device}" + ("-dark" if scheme == "dark" else "")
                            page.screenshot(path=str(OUT / f"{name}-{suffix}.png"), full_page=True)
                            print(f"{name}-{suffix}.png")
                        context.close()
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=30)
            shutil.rmtree(new_home, ignore_errors=True)


def _serve(home: str, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "strideback", "serve", "--home", home, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _one_import(browser, base: str, home: Path) -> str:  # type: ignore[no-untyped-def]
    """Import two GPX tracks and a settings file through the page; the path of the import's result page."""
    import datetime as dt

    folder = home / "shots-import"
    folder.mkdir(exist_ok=True)
    files = []
    for back in (1, 2):
        start = dt.datetime.now(dt.UTC).replace(hour=6, minute=30, microsecond=0) - dt.timedelta(days=back)
        points = "".join(
            f'<trkpt lat="{46.05 + i * 0.0001:.5f}" lon="14.5"><time>'
            f"{(start + dt.timedelta(seconds=5 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
            for i in range(300)
        )
        path = folder / f"morning_run_{back}.gpx"
        path.write_text(
            '<?xml version="1.0"?><gpx version="1.1" creator="Watch" xmlns="http://www.topografix.com/GPX/1/1">'
            f"<trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>"
        )
        files.append(str(path))
    (folder / "Settings.json").write_text("{}")
    files.append(str(folder / "Settings.json"))
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(base + "/activities", wait_until="networkidle", timeout=120_000)
    page.set_input_files("#import-files", files)
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url("**/imports/*", timeout=120_000)
    page.locator("#import-status").wait_for(timeout=120_000)
    result = page.url.split("127.0.0.1", 1)[1].split("/", 1)[1]
    context.close()
    return "/" + result


if __name__ == "__main__":
    main()
