"""Dashboard latency with a 10-year diary: p50/p95 per page under 20 concurrent clients on loopback.

Creates the demo person with 3650 days in a temporary home, starts the real server (`strideback serve`,
waitress, 8 threads), warms each page once, then runs 20 client threads, each making a fixed number of
requests per page (in a shuffled order, over a kept-alive connection). Targets: p95 < 50 ms for Today
and < 200 ms for Trends. The warm-up fills the server's caches (results are cached per person and data
version), so its "first" times are the cost after a write, and the timed part measures pages as a person
sees them between two writes. Usage: python bench/web_latency.py [--days 3650] [--clients 20] [--rounds 10]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict

PAGES = {
    "Today": "/",
    "Trends": "/trends",
    "Trends (1 year)": "/trends?range=1y",
    "Activities": "/activities",
    "Plan": "/plan",
    "Questionnaires": "/questionnaires",
    "Red flags": "/red-flags",
    "Insights": "/insights",
    "API today": "/api/today",
}
TARGETS_MS = {"Today": 50, "Trends": 200}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", "/manifest.webmanifest")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return (time.perf_counter() - started) * 1000, response.status


def client(port: int, rounds: int, seed: int, results: dict, errors: dict, lock: threading.Lock) -> None:
    order = [name for name in PAGES for _ in range(rounds)]
    random.Random(seed).shuffle(order)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for name in order:
        try:
            elapsed, status = fetch(connection, PAGES[name])
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            status, elapsed = 0, 0.0
        with lock:
            if status == 200:
                results[name].append(elapsed)
            else:
                errors[name] += 1
    connection.close()


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # not available on this platform
        return "unknown"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10, help="requests per page per client")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="strideback-bench-") as home:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "strideback",
                "demo",
                "--home",
                home,
                "--days",
                str(args.days),
                "--seed",
                "11",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"demo person with {args.days} days created in {time.perf_counter() - started:.1f} s")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "strideback", "serve", "--home", home, "--port", str(port), "--no-demo"],
            stdout=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port)
            warm = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            for name, path in PAGES.items():
                elapsed, status = fetch(warm, path)
                print(f"first {name:<16} {elapsed:8.1f} ms  (HTTP {status})")
            warm.close()
            results: dict[str, list[float]] = defaultdict(list)
            errors: dict[str, int] = defaultdict(int)
            lock = threading.Lock()
            threads = [
                threading.Thread(target=client, args=(port, args.rounds, seed, results, errors, lock))
                for seed in range(args.clients)
            ]
            load_before = load_average()
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    total = sum(len(v) for v in results.values())
    print(f"\n{args.clients} clients × {args.rounds} requests per page: {total} requests in {wall:.1f} s")
    print(f"load average before {load_before}, after {load_average()} (other work on this machine skews it)")
    print(f"{'page':<18}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'errors':>8}  target p95")
    for name in PAGES:
        values = results.get(name, [])
        if not values:
            print(f"{name:<18}{0:>5}{'-':>10}{'-':>10}{'-':>10}{errors.get(name, 0):>8}")
            continue
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else f"< {target} ms: {'met' if p95 < target else 'MISSED'}"
        print(
            f"{name:<18}{len(values):>5}{p50:>10.1f}{p95:>10.1f}{max(values):>10.1f}{errors.get(name, 0):>8}  {verdict}"
        )


if __name__ == "__main__":
    main()
