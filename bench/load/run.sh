#!/usr/bin/env bash
# The load test: gunicorn on PostgreSQL with the seed data plus 10,000 generated services, and
# locust (headless, loopback only) at DfE's family-hubs profile: 400 users (load), 525 (stress).
# Prints requests per second, failure rate, median and p95 per page type, and the same for a
# Django hello-world view behind the same gunicorn (the ceiling on this machine).
#
#   bench/load/run.sh                 # or: make load
#   LOAD_DURATION=120 LOAD_PROFILES="load stress" bench/load/run.sh
#
# Environment (all optional):
#   LOAD_DATABASE_URL  a PostgreSQL database to create, fill and drop; its name must start with
#                      portal_load (default postgres://postgres@127.0.0.1:5432/portal_load)
#   LOAD_SERVICES      generated directory services (default 10000)
#   LOAD_DURATION      seconds measured per run (default 60)
#   LOAD_WARMUP        seconds before that, not measured: every user starts, staff sign in (default 30)
#   LOAD_PROFILES      which runs, in order (default: load stress hello-load hello-stress
#                      hello-ceiling pdf-baseline pdf)
#   WEB_CONCURRENCY    gunicorn workers (default from gunicorn.conf.py: 2 x cores + 1)
#   LOAD_REDIS_URL     the shared cache, as REDIS_URL in production; this script empties it
#                      (default redis://127.0.0.1:6379/9; "off" runs without a shared cache,
#                      and so without page caching)
#   LOAD_KEEP=1        keep the database and the work folder (figures as JSON, logs) afterwards
# Every run is bounded in time (bench/load/drive.py stops it) and sends traffic to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
DURATION=${LOAD_DURATION:-60}
WARMUP=${LOAD_WARMUP:-30}
SERVICES=${LOAD_SERVICES:-10000}
PROFILES=${LOAD_PROFILES:-"load stress hello-load hello-stress hello-ceiling pdf-baseline pdf"}
DB_URL=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal_load}
DB_NAME=${DB_URL##*/}
case "$DB_NAME" in
  portal_load*) ;;
  *) echo "LOAD_DATABASE_URL must name a database starting with portal_load: this script drops it." >&2; exit 2 ;;
esac

work=$(mktemp -d /tmp/portal-load.XXXXXX)
port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DJANGO_SETTINGS_MODULE=bench.load.settings DATABASE_URL="$DB_URL" DJANGO_DEBUG=0 \
  DJANGO_SECRET_KEY="load-test-only-insecure-secret-key-not-for-any-deployment" \
  DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0 \
  LOAD_STATIC_ROOT="$work/static" LOAD_MANIFEST="$work/manifest.json"
# The shared cache: a Redis database of its own, emptied so that every run starts cold.
REDIS=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/9}
if [ "$REDIS" != off ]; then
  export REDIS_URL="$REDIS"
  $PY -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()' \
    || { echo "No Redis at $REDIS: start one, or set LOAD_REDIS_URL=off to run without page caching." >&2; exit 2; }
fi
# The admin connection used to create and drop the database (same server, database "postgres").
admin() {
  $PY - "$1" <<'EOF'
import os, sys, psycopg
from psycopg import sql
url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
name = os.environ["DATABASE_URL"].rsplit("/", 1)[1]
with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    if sys.argv[1] == "create":
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
EOF
}

gunicorn_pid=""
worker_pid=""
cleanup() {
  if [ -n "$gunicorn_pid" ]; then kill "$gunicorn_pid" 2>/dev/null || true; wait "$gunicorn_pid" 2>/dev/null || true; fi
  if [ -n "$worker_pid" ]; then kill "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true; fi
  if [ "${LOAD_KEEP:-0}" = 1 ]; then
    echo "Kept the database ($DB_NAME) and the work folder: $work"
  else
    admin drop || true
    rm -rf "$work"
  fi
}
trap cleanup EXIT

echo "== preparing $DB_NAME: seed data, accounts, progress history, a published report, $SERVICES services"
admin create
$PY -m bench.load.populate --services "$SERVICES" --manifest "$work/manifest.json"
$PY manage.py collectstatic --noinput -v0

echo "== gunicorn on http://127.0.0.1:$port (logs: $work/gunicorn.log)"
GUNICORN_BIND="127.0.0.1:$port" $PY -m gunicorn -c gunicorn.conf.py >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 60); do
  $PY -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=2)" 2>/dev/null && break
  sleep 0.5
done
# The background worker that builds report PDFs, as deployed beside gunicorn (README, Deploying).
$PY manage.py db_worker >"$work/worker.log" 2>&1 &
worker_pid=$!
workers=$(grep -c "Booting worker" "$work/gunicorn.log" || true)
echo "   shared cache: ${REDIS_URL:-none (page caching off)}"
echo "   $workers workers on $(nproc) cores; PostgreSQL $($PY -c 'import psycopg, os; c = psycopg.connect(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)); print(c.info.server_version)')"

# Wait until the server has worked off what the last run left queued (its /healthz answers quickly).
drain() {
  $PY - "http://127.0.0.1:$port/healthz" <<'EOF'
import sys, time, urllib.request
deadline = time.monotonic() + 180
while time.monotonic() < deadline:
    start = time.monotonic()
    urllib.request.urlopen(sys.argv[1], timeout=60).read()
    if time.monotonic() - start < 0.05:
        break
    time.sleep(1)
EOF
}

# run NAME USERS SPAWN_RATE WAIT CLASSES...: one bounded run; WARMUP s unmeasured, then DURATION s measured.
run() {
  local name=$1 users=$2 rate=$3 wait=$4
  shift 4
  drain
  echo "== $name: $users users ($*), think time ${wait/,/ to } s; ${WARMUP} s warm-up, ${DURATION} s measured"
  LOAD_WAIT="$wait" timeout $((WARMUP + DURATION + 60)) $PY -m bench.load.drive --host "http://127.0.0.1:$port" \
    --users "$users" --spawn-rate "$rate" --warmup "$WARMUP" --duration "$DURATION" --out "$work/$name.json" "$@" \
    >"$work/$name.out" 2>&1 || { echo "   the run failed: see $work/$name.out"; tail -5 "$work/$name.out"; }
  if [ -f "$work/$name.json" ]; then titles+=("$name: $users users ($*)" "$work/$name.json"); fi
}

titles=()
for profile in $PROFILES; do
  case "$profile" in
    load) run load 400 40 5,15 Parent Officer BoardMember ;;
    stress) run stress 525 50 5,15 Parent Officer BoardMember ;;
    hello-load) run hello-load 400 40 5,15 Hello ;;
    hello-stress) run hello-stress 525 50 5,15 Hello ;;
    hello-ceiling) run hello-ceiling 50 50 0,0 Hello ;;
    pdf-baseline) run pdf-baseline 50 25 5,15 Parent ;;
    pdf) run pdf 51 25 5,15 Parent DraftBuilder ;;
    *) echo "unknown profile $profile" >&2; exit 2 ;;
  esac
done

echo
echo "== results ($SERVICES services, $workers gunicorn workers, $(nproc) cores shared with PostgreSQL and locust)"
$PY -m bench.load.report "${titles[@]}" || echo "Some public pages missed DfE's bar (under 1% failures, p95 under 200 ms)."
server_errors=$(grep '"logger": "send_portal.requests"' "$work/gunicorn.log" | grep -c '"status": 5[0-9][0-9]' || true)
echo "The portal answered $server_errors requests with a 5xx status (its own request log)."
$PY - <<'EOF'
import django
django.setup()
from governance.models import DraftPDF
built = DraftPDF.objects.filter(status="done")
print(f"The background worker built {built.count()} draft PDFs during the runs.")
EOF
