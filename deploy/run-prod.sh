#!/usr/bin/env bash
# Production-style start on one machine: PostgreSQL, Redis, several app workers, migrations
# as their own step, and the nightly scheduler as exactly one separate process.
# Used by `make run-prod`; the same steps apply on real hosts (see docs/deployment.md).
set -euo pipefail

: "${DATABASE_URL:=postgresql+psycopg://postgres@127.0.0.1:5432/successportal}"
: "${REDIS_URL:=redis://127.0.0.1:6379/0}"
: "${PORT:=3000}"
: "${GRANIAN_WORKERS:=2}"
# Production: PUBLIC_BASE_URL must be the portal's https:// address (verifiers fetch keys from it).
: "${PORTAL_ENV:=production}"
export DATABASE_URL REDIS_URL PORT GRANIAN_WORKERS PORTAL_ENV
PY=.venv/bin/python

# 1. Deploy step: database, schema, demo data (only into an empty database).
$PY -m app.cli create-database
$PY -m app.cli migrate
$PY -m app.cli seed-demo --if-empty

# 2. The one scheduler process.
SCHEDULER_ENABLED=1 $PY -m app.cli scheduler > data/scheduler.log 2>&1 &
SCHEDULER_PID=$!
trap 'kill "$SCHEDULER_PID" 2>/dev/null || true' EXIT

# 3. The web workers, without schedulers of their own, sharing state through Redis.
$PY -m app.cli demo-sign-ins
echo "Serving on http://localhost:$PORT with $GRANIAN_WORKERS workers (PostgreSQL + Redis); scheduler log: data/scheduler.log"
SCHEDULER_ENABLED=0 .venv/bin/reflex run --env prod --single-port --frontend-port "$PORT" --backend-port "$PORT"
