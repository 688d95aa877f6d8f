#!/usr/bin/env bash
# Runs the test suite on SQLite, then on PostgreSQL when a server answers at
# 127.0.0.1:5432. In CI (CI=true) the PostgreSQL tier is required.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0

# run_tier NAME SETTING [TEST PATHS…]
run_tier() {
  local name=$1 setting=$2; shift 2
  echo "=== test tier: $name ==="
  env "$setting" .venv/bin/pytest -q -p no:cacheprovider "$@"
  local rc=$?
  # pytest exit 5 means no tests were collected: a failure for us.
  if [ $rc -ne 0 ]; then echo "tier $name FAILED (exit $rc)"; status=1; fi
}

run_tier sqlite DB=sqlite

if $PY - <<'PY'
import sys
import psycopg
try:
    psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3).close()
except Exception as exc:  # noqa: BLE001
    print(f"PostgreSQL not reachable: {exc}")
    sys.exit(1)
PY
then
  # The plain libraries never touch Django's database: the second tier runs the tests
  # of the code that does (the office apps and the API).
  run_tier postgres DB=postgres tests/office tests/api
else
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL tier: REQUIRED in CI but no server at 127.0.0.1:5432"; status=1
  else
    echo "PostgreSQL tier: NOT RUN (no server at 127.0.0.1:5432); SQLite tier only."
  fi
fi
exit $status
