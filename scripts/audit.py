"""Check the locked dependencies (requirements.lock) against a vulnerability database with pip-audit.

Known vulnerabilities fail the run (exit 1). A database that cannot be reached does not: the script says
which database it tried and that nothing was checked, so the CI log shows it (exit 0). It tries PyPI's
advisory feed first, then OSV.
"""

from __future__ import annotations

import json
import subprocess
import sys

SERVICES = {"pypi": "PyPI advisory database (pypi.org JSON API)", "osv": "OSV database (api.osv.dev)"}


def audit(service: str) -> tuple[str, dict | None, str]:
    """("checked" | "unreachable", the JSON report, a one-line note)."""
    command = [sys.executable, "-m", "pip_audit", "-r", "requirements.lock", "--disable-pip", "--no-deps"]
    command += ["--progress-spinner", "off", "-f", "json", "-s", service]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return "unreachable", None, "timed out after 600 s"
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return "unreachable", None, last[:200]
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if not d.get("skip_reason")]
    if not audited:
        return "unreachable", report, f"it knew none of the {len(dependencies)} locked packages"
    return "checked", report, f"{len(audited)} of {len(dependencies)} locked packages checked"


def main() -> int:
    for service, name in SERVICES.items():
        outcome, report, note = audit(service)
        if outcome == "unreachable":
            print(f"pip-audit: could not use the {name}: {note}.")
            continue
        assert report is not None
        found = [
            (d["name"], d["version"], v["id"]) for d in report["dependencies"] for v in d.get("vulns", [])
        ]
        print(f"pip-audit: {name}: {note}.")
        for package, version, vuln in found:
            print(f"  {package} {version}: {vuln}")
        if found:
            print(
                f"pip-audit: {len(found)} known vulnerabilit{'y' if len(found) == 1 else 'ies'}; "
                "raise the pin (scripts/lock.sh --upgrade-package NAME) and run again."
            )
            return 1
        print("pip-audit: no known vulnerabilities.")
        return 0
    print("pip-audit: no vulnerability database could be reached; the dependencies were NOT checked.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
