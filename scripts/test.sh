#!/usr/bin/env bash
# Runs the whole suite on SQLite, then on PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL)
# points at one. Extra arguments go to pytest. Tests run in parallel on PHOIHOP_TEST_WORKERS
# processes (pytest-xdist; default 2, the machine's cores; 0 runs them in this process).
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=".venv/bin/pytest -n ${PHOIHOP_TEST_WORKERS:-2}"
pg_url=${TEST_DATABASE_URL:-${DATABASE_URL:-}}
status=0

echo "== Bộ kiểm thử trên SQLite =="
DATABASE_URL="sqlite:///$(pwd)/var/test.sqlite3" $PYTEST "$@" || status=$?

if [[ "$pg_url" == postgres* ]]; then
  echo "== Bộ kiểm thử trên PostgreSQL =="
  DATABASE_URL="$pg_url" $PYTEST "$@" || status=$?
else
  echo "(Bỏ qua PostgreSQL: đặt TEST_DATABASE_URL=postgres://… để chạy thêm trên PostgreSQL.)"
fi
exit $status
