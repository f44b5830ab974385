#!/usr/bin/env bash
# Starts the web server, the background worker and the scheduler; Ctrl+C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${PHOIHOP_HOST:-127.0.0.1}
PORT=${PHOIHOP_PORT:-8000}

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

if [ -n "${REDIS_URL:-}" ]; then
  $PY manage.py rqworker default --job-class django_tasks_rq.Job & pids+=($!)
else
  $PY manage.py db_worker --queue-name default & pids+=($!)
fi
$PY manage.py run_scheduler & pids+=($!)

echo
echo "Phối Hợp đang chạy tại http://$HOST:$PORT  (Ctrl+C để dừng)"
echo "Tài khoản demo: demo_board_leader, demo_board_officer, demo_duty_officer, demo_council_officer,"
echo "  demo_committee_officer, demo_agency_officer, demo_commune_officer, demo_clerk, demo_auditor,"
echo "  demo_admin, demo_outsider — mật khẩu: ${PHOIHOP_DEMO_PASSWORD:-PhoiHop@2025}"
echo
$PY -m gunicorn phoihop.wsgi:application --bind "$HOST:$PORT" --workers 2 --threads 4 \
  --access-logfile - --graceful-timeout 5 & pids+=($!)
wait -n "${pids[@]}"
