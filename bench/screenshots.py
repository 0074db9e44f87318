"""Screenshots of every dashboard page, on a phone (360 px) and a desktop, into docs/screenshots/.

Starts `strideback serve` on a fresh temporary home (so it shows the demo person), drives Debian's
Chromium with Playwright, and stops the server. Usage: python bench/screenshots.py [--dark]
"""

from __future__ import annotations

import argparse
import os
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
}
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
        server = subprocess.Popen(
            [sys.executable, "-m", "strideback", "serve", "--home", home, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                schemes = ["light", "dark"] if args.dark else ["light"]
                for scheme in schemes:
                    for device, viewport in VIEWPORTS.items():
                        context = browser.new_context(viewport=viewport, color_scheme=scheme)
                        page = context.new_page()
                        for name, path in PAGES.items():
                            if path == "/activities/latest":  # the newest session's own page
                                page.goto(base + "/activities", wait_until="networkidle", timeout=120_000)
                                path = page.get_attribute("table.sessions tbody a", "href") or "/activities"
                            page.goto(base + path, wait_until="networkidle", timeout=120_000)
                            if name in READY:
                                page.wait_for_selector(READY[name], timeout=60_000)
                            page.wait_for_timeout(300)
                            suffix = f"{device}" + ("-dark" if scheme == "dark" else "")
                            page.screenshot(path=str(OUT / f"{name}-{suffix}.png"), full_page=True)
                            print(f"{name}-{suffix}.png")
                        context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
