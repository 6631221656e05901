#!/usr/bin/env bash
# NAME_pid and NAME_port are set by lib.sh through printf -v:
# shellcheck disable=SC2154,SC2034 source-path=SCRIPTDIR
# Deployment drill, docs/deployment.md §2: the PostgreSQL server goes away under a running
# `ensemble serve` (a restart, a failover) and comes back. While it is away every request that
# needs it answers 503 with the JSON error `unavailable` and the server keeps running; once it is
# back, the next request reconnects and the session opened before works on, reads and writes.
#
# Usage: ENSEMBLE_BIN=path/to/ensemble tests/deploy/database_restart.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

begin_drill
cd "$WORK"

step "PostgreSQL 15 cluster, app role, database ensemble, demo network"
pg_new pg 5432
pg_start pg
make_app_role pg
make_app_database pg ensemble
load_demo_into pg ensemble

step "A server, a signed-in director"
start_ensemble app "$(app_url pg ensemble)"
APP="http://127.0.0.1:$app_port"
sign_in "$APP" "$DIRECTOR"
http GET "$APP/api/v1/structures/$ACTING"
expect_status 200 "read before the restart"

step "PostgreSQL stops (fast shutdown: every connection of the server is closed)"
pg_stop pg fast
for route in /api/v1/session "/api/v1/structures/$ACTING" /healthz; do
  http GET "$APP$route"
  expect_status 503 "GET $route while PostgreSQL is away"
  [[ $(json_str code) == unavailable ]] || fail "GET $route: error code is not unavailable: ${HTTP_BODY:0:300}"
done
http PATCH "$APP/api/v1/structures/$ACTING" '{"territory":"Pendant la panne"}'
expect_status 503 "PATCH while PostgreSQL is away"
ok "reads, writes and /healthz answer 503 {\"code\":\"unavailable\"}"
kill -0 "$app_pid" 2>/dev/null || fail "the server died while PostgreSQL was away"
ok "the server is still running"

step "PostgreSQL starts again"
pg_start pg
expect_signed_in "$APP" "$DIRECTOR"
ok "the session opened before the restart still works"
http PATCH "$APP/api/v1/structures/$ACTING" '{"territory":"Après la panne"}'
expect_status 200 "PATCH after the restart"
[[ $(psql_as_admin pg ensemble "SELECT territory FROM structures WHERE id = $ACTING") == "Après la panne" ]] ||
  fail "the write after the restart is not stored"
[[ $(psql_as_admin pg ensemble "SELECT count(*) FROM structures WHERE territory = 'Pendant la panne'") == 0 ]] ||
  fail "the write refused during the outage was stored"
ok "the next requests reconnected; the write refused during the outage left nothing"

echo
echo "database_restart: PASS"
