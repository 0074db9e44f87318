"""The first chart page after a server start: `strideback serve` on a demo home, then the first GET of
Trends (its charts' specs) and of the Vega bundle the page loads.

    python bench/first_chart.py [--days 180] [--runs 3]

Prints, per run, how long the server took to listen and the first requests' wall times (target: Trends
< 300 ms after start; the bundle no longer unpacked on a request). Wall times: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
    return time.perf_counter() - started, body


def one_run(home: Path, fresh_cache: bool) -> tuple[float, float, float]:
    if fresh_cache:
        shutil.rmtree(home / "cache", ignore_errors=True)
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "strideback", "serve", "--no-demo", "--port", str(port), "--home", str(home)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.02)
        listening = time.perf_counter() - started
        page_s, page = get(f"{base}/trends")
        match = re.search(rb'src="(/assets/vega-[^"]+)"', page)
        bundle_s = get(base + match.group(1).decode())[0] if match else float("nan")
        return listening, page_s, bundle_s
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-bench-first-") as tmp:
        home = Path(tmp)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "strideback",
                "demo",
                "--days",
                str(args.days),
                "--seed",
                "7",
                "--home",
                tmp,
            ],
            check=True,
            capture_output=True,
        )
        print(f"demo person, {args.days} days; wall seconds")
        print(f"{'run':<22}{'listening':>10}{'first /trends':>15}{'vega bundle':>13}")
        for run in range(args.runs):
            label = "no bundle cache yet" if run == 0 else "bundle cached on disk"
            listening, page_s, bundle_s = one_run(home, fresh_cache=run == 0)
            print(f"{label:<22}{listening:>10.2f}{page_s:>15.3f}{bundle_s:>13.3f}")


if __name__ == "__main__":
    main()
