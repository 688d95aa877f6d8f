#!/usr/bin/env bash
# Runs every benchmark under bench/; each prints its figure and its ratio to a baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in bench/*.py; do
  echo "=== $b ==="
  .venv/bin/python "$b"
done
