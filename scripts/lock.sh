#!/usr/bin/env bash
# Regenerate requirements.lock from pyproject.toml: every dependency (and the test and postgres extras),
# pinned to one version with its hashes. Run it after changing dependencies in pyproject.toml:
#   scripts/lock.sh            # keep the pins that still fit, add what is new
#   scripts/lock.sh --upgrade  # move every pin to the newest version the ranges allow
# CI installs from the lock (.ci/run), then installs the project itself without dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q "pip-tools>=7.4,<8"
python3 -m piptools compile \
  --quiet \
  --generate-hashes \
  --allow-unsafe \
  --strip-extras \
  --extra test \
  --extra postgres \
  --no-emit-index-url \
  --no-emit-find-links \
  --output-file requirements.lock \
  "$@" \
  pyproject.toml
echo "requirements.lock: $(grep -c '==' requirements.lock) pinned packages"
