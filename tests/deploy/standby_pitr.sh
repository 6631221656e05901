#!/usr/bin/env bash
# NAME_pid and NAME_port are set by lib.sh through printf -v:
# shellcheck disable=SC2154,SC2034 source-path=SCRIPTDIR
# Deployment drill, docs/deployment.md §4–6: a PostgreSQL 15 primary with the durability settings
# of §4 (taken from the guide itself, only the archive folder moved), `ensemble serve` on it, a
# standby made with `pg_basebackup -R` (§6) that receives what the app writes and refuses
# writes, the synchronous standby of §4, then point-in-time recovery from a `pg_basebackup -Ft
# -z` base backup (§5) and the WAL archive to a named restore point between two API writes:
# the first is there, the second is not, and `ensemble migrate` and `ensemble serve` work on it.
#
# Usage: ENSEMBLE_BIN=path/to/ensemble tests/deploy/standby_pitr.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

GUIDE=${ENSEMBLE_DEPLOYMENT_GUIDE:-$here/../../docs/deployment.md}
REPLICATION_PASSWORD=$(openssl rand -hex 16)

begin_drill
[[ -f $GUIDE ]] || fail "$GUIDE not found"
cd "$WORK"

# psql_on NAME SQL as the superuser on database ensemble.
psql_on() { psql_as_admin "$1" ensemble "$2"; }

# poll SECONDS COMMAND...: until COMMAND succeeds, or fail after SECONDS.
poll() {
  local seconds=$1 i
  shift
  for ((i = 0; i < seconds * 10; i++)); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

step "Primary with the durability settings of §4"
pg_new primary 5432
mkdir -p "$WORK/wal-archive"
if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$WORK/wal-archive"; fi
# The postgresql.conf lines of §4, read from the guide; only the archive folder is moved.
awk '/^## 4\./ { in4 = 1; next } /^## / { in4 = 0 } in4 && /^```/ { code = !code; next }
     in4 && code && /^[a-z_]+ *=/' "$GUIDE" >"$WORK/durability.conf"
for setting in synchronous_commit wal_level archive_mode archive_command max_wal_senders; do
  grep -q "^$setting *=" "$WORK/durability.conf" || fail "§4 of the guide no longer sets $setting"
done
sed -i "s|/var/lib/postgresql/wal-archive|$WORK/wal-archive|g" "$WORK/durability.conf"
{
  echo "# docs/deployment.md §4, as read by tests/deploy/standby_pitr.sh"
  cat "$WORK/durability.conf"
} | as_pg tee -a "$WORK/primary/data/postgresql.conf" >/dev/null
pg_start primary
for setting in synchronous_commit wal_level archive_mode max_wal_senders archive_command; do
  info "$setting = $(psql_as_admin primary postgres "SHOW $setting")"
done
[[ $(psql_as_admin primary postgres "SHOW wal_level") == replica ]] || fail "wal_level is not replica"
[[ $(psql_as_admin primary postgres "SHOW archive_mode") == on ]] || fail "archive_mode is not on"
psql_as_admin primary postgres \
  "CREATE ROLE replicator REPLICATION LOGIN PASSWORD '$REPLICATION_PASSWORD'"
make_app_role primary
make_app_database primary ensemble
ok "primary up; roles replicator (REPLICATION) and $APP_ROLE (NOSUPERUSER NOBYPASSRLS)"

step "Demo network and the app server on the primary"
load_demo_into primary ensemble
start_ensemble app "$(app_url primary ensemble)"
APP="http://127.0.0.1:$app_port"
sign_in "$APP" "$DIRECTOR"
ok "ensemble serve on the primary, signed in as $DIRECTOR (structure $ACTING)"

step "WAL archiving"
segment=$(psql_as_admin primary postgres "SELECT pg_walfile_name(pg_switch_wal())")
poll 30 test -f "$WORK/wal-archive/$segment" || fail "segment $segment did not reach the archive"
[[ $(psql_as_admin primary postgres "SELECT failed_count FROM pg_stat_archiver") == 0 ]] ||
  fail "archive_command failed: $(psql_as_admin primary postgres "SELECT last_failed_wal FROM pg_stat_archiver")"
ok "pg_switch_wal(): $segment archived by the archive_command of §4"

step "Standby: pg_basebackup -R, then start it (§6)"
mkdir -p "$WORK/standby"
if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$WORK/standby"; fi
as_pg env PGPASSWORD="$REPLICATION_PASSWORD" "$PG_BIN/pg_basebackup" -h "$WORK/primary" \
  -p "$primary_port" -U replicator -D "$WORK/standby/data" -R -c fast \
  >"$WORK/basebackup-standby.log" 2>&1 || fail "pg_basebackup -R failed"
[[ -f $WORK/standby/data/standby.signal ]] || fail "pg_basebackup -R wrote no standby.signal"
grep -q "^primary_conninfo" "$WORK/standby/data/postgresql.auto.conf" ||
  fail "pg_basebackup -R wrote no primary_conninfo"
ok "standby.signal and primary_conninfo written"
standby_port=5433
pg_start standby
[[ $(psql_on standby "SELECT pg_is_in_recovery()") == t ]] || fail "the standby is not in recovery"
streaming() { [[ $(psql_as_admin primary postgres "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") == 1 ]]; }
poll 30 streaming || fail "the standby does not stream from the primary"
replication=$(psql_as_admin primary postgres \
  "SELECT application_name || ' ' || state || ' ' || sync_state FROM pg_stat_replication")
ok "standby streaming; pg_stat_replication on the primary: $replication"

step "A write through ensemble on the primary reaches the standby"
marker="Standby check $(openssl rand -hex 4)"
http PATCH "$APP/api/v1/structures/$ACTING" "{\"territory\":\"$marker\"}"
expect_status 200 "PATCH on the primary"
on_standby() { [[ $(psql_on standby "SELECT territory FROM structures WHERE id = $ACTING") == "$marker" ]]; }
poll 20 on_standby || fail "the write did not reach the standby within 20 s"
ok "territory '$marker' read on the standby"
if psql_on standby "CREATE TABLE drill_probe (id int)" >"$WORK/standby-write.out" 2>&1; then
  fail "the standby accepted a CREATE TABLE"
fi
grep -q "read-only transaction" "$WORK/standby-write.out" || fail "unexpected: $(cat "$WORK/standby-write.out")"
ok "the standby refuses writes: $(head -n1 "$WORK/standby-write.out")"
if "$ENSEMBLE_BIN" --database "$(app_url standby ensemble)" migrate >"$WORK/migrate-standby.out" 2>&1; then
  fail "ensemble migrate succeeded on the standby"
fi
grep -q "read-only transaction" "$WORK/migrate-standby.out" ||
  fail "ensemble migrate on the standby failed otherwise: $(cat "$WORK/migrate-standby.out")"
ok "ensemble migrate on the standby fails:$(grep -m1 'read-only' "$WORK/migrate-standby.out" | sed 's/^ *while//')"

step "Synchronous standby (§4: synchronous_standby_names = 'standby1')"
psql_as_admin primary postgres "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" >/dev/null
psql_as_admin primary postgres "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
# pg_basebackup -R names no application_name: the standby connects as 'walreceiver', so no
# standby matches 'standby1' and every commit on the primary waits.
HTTP_MAX_TIME=3 http PATCH "$APP/api/v1/structures/$ACTING" '{"territory":"Waits for standby1"}'
[[ $HTTP_STATUS == 000 ]] || fail "a write was acknowledged with no standby named standby1 (HTTP $HTTP_STATUS)"
ok "with the standby of §6 as written (application_name '${replication%% *}'), a write waits: no answer in 3 s"
conninfo=$(psql_as_admin standby postgres "SHOW primary_conninfo")
psql_as_admin standby postgres \
  "ALTER SYSTEM SET primary_conninfo = '${conninfo//\'/\'\'} application_name=standby1'" >/dev/null
psql_as_admin standby postgres "SELECT pg_reload_conf()" >/dev/null
sync_named() { [[ $(psql_as_admin primary postgres "SELECT application_name || ' ' || sync_state FROM pg_stat_replication") == "standby1 sync" ]]; }
poll 30 sync_named || fail "the standby is not 'standby1 sync': $(psql_as_admin primary postgres "SELECT application_name || ' ' || sync_state FROM pg_stat_replication")"
waited() { [[ $(psql_on primary "SELECT territory FROM structures WHERE id = $ACTING") == "Waits for standby1" ]]; }
poll 20 waited || fail "the waiting write was not committed once standby1 was there"
ok "application_name=standby1 in the standby's primary_conninfo: sync_state 'sync'; the waiting write committed"
marker="Synchronous $(openssl rand -hex 4)"
http PATCH "$APP/api/v1/structures/$ACTING" "{\"territory\":\"$marker\"}"
expect_status 200 "PATCH with a synchronous standby"
poll 10 on_standby || fail "the acknowledged write is not on the synchronous standby"
ok "a write acknowledged with the synchronous standby is on the standby"

step "Physical base backup (§5): pg_basebackup -Ft -z -P -U replicator"
mkdir -p "$WORK/backups"
if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$WORK/backups"; fi
started=$SECONDS
as_pg env PGPASSWORD="$REPLICATION_PASSWORD" "$PG_BIN/pg_basebackup" -h "$WORK/primary" \
  -p "$primary_port" -D "$WORK/backups/base" -Ft -z -P -U replicator -c fast \
  >"$WORK/basebackup-pitr.log" 2>&1 || fail "pg_basebackup -Ft -z failed"
ls "$WORK/backups/base/base.tar.gz" "$WORK/backups/base/pg_wal.tar.gz" >/dev/null ||
  fail "the base backup has no base.tar.gz and pg_wal.tar.gz"
ok "base backup in $((SECONDS - started)) s: $(find "$WORK/backups/base" -type f -printf '%f ')"

step "Row A, restore point 'drill', row B, WAL switch"
http POST "$APP/api/v1/structures/$ACTING/personnel" \
  '{"employee_name":"Drill PITR A","job_title":"Animatrice","contract":"CDI"}'
expect_status 201 "POST row A"
psql_as_admin primary postgres "SELECT pg_create_restore_point('drill')" >/dev/null
http POST "$APP/api/v1/structures/$ACTING/personnel" \
  '{"employee_name":"Drill PITR B","job_title":"Animateur","contract":"CDD"}'
expect_status 201 "POST row B"
segment=$(psql_as_admin primary postgres "SELECT pg_walfile_name(pg_switch_wal())")
poll 30 test -f "$WORK/wal-archive/$segment" || fail "segment $segment did not reach the archive"
[[ $(psql_on primary "SELECT count(*) FROM personnel_files WHERE employee_name LIKE 'Drill PITR _'") == 2 ]] ||
  fail "rows A and B are not both on the primary"
ok "rows A and B written through the API; WAL up to $segment archived"

step "Point-in-time recovery into a new cluster, to restore point 'drill'"
mkdir -p "$WORK/pitr/data"
chmod 700 "$WORK/pitr/data"
tar -xzf "$WORK/backups/base/base.tar.gz" -C "$WORK/pitr/data"
tar -xzf "$WORK/backups/base/pg_wal.tar.gz" -C "$WORK/pitr/data/pg_wal"
cat >>"$WORK/pitr/data/postgresql.auto.conf" <<EOF
# Point-in-time recovery (tests/deploy/standby_pitr.sh)
restore_command = 'cp $WORK/wal-archive/%f %p'
recovery_target_name = 'drill'
recovery_target_action = 'promote'
EOF
touch "$WORK/pitr/data/recovery.signal"
if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$WORK/pitr"; fi
pitr_port=5434
# The copy must not archive into production's archive, nor wait for production's standby (the
# base backup carries the primary's postgresql.conf and postgresql.auto.conf).
pg_start pitr "-c archive_mode=off -c synchronous_standby_names=''"
promoted() { [[ $(psql_as_admin pitr postgres "SELECT pg_is_in_recovery()") == f ]]; }
poll 60 promoted || fail "the recovered cluster did not finish recovery"
grep -q 'recovery stopping at restore point "drill"' "$WORK/pitr/server.log" ||
  fail "the server log does not say it stopped at restore point drill"
ok "recovered: $(grep -o 'recovery stopping at restore point "drill".*' "$WORK/pitr/server.log" | head -n1)"
rows=$(psql_on pitr "SELECT string_agg(employee_name, ',' ORDER BY employee_name) FROM personnel_files WHERE employee_name LIKE 'Drill PITR _'")
[[ $rows == "Drill PITR A" ]] || fail "after recovery the drill rows are '$rows', expected only 'Drill PITR A'"
ok "row A present, row B absent"

step "ensemble migrate and ensemble serve on the recovered cluster"
PITR_URL=$(app_url pitr ensemble)
"$ENSEMBLE_BIN" --database "$PITR_URL" migrate >"$WORK/migrate-pitr.out" 2>"$WORK/migrate-pitr.err" ||
  fail "ensemble migrate on the recovered cluster failed: $(cat "$WORK/migrate-pitr.err")"
grep -Eq 'schema version [0-9]+ \(postgresql\)' "$WORK/migrate-pitr.out" ||
  fail "ensemble migrate printed: $(cat "$WORK/migrate-pitr.out")"
ok "$(cat "$WORK/migrate-pitr.out")"
start_ensemble recovered "$PITR_URL"
sign_in "http://127.0.0.1:$recovered_port" "$DIRECTOR"
http GET "http://127.0.0.1:$recovered_port/api/v1/structures/$ACTING/personnel"
expect_status 200 "GET personnel on the recovered cluster"
[[ $HTTP_BODY == *'"Drill PITR A"'* && $HTTP_BODY != *'"Drill PITR B"'* ]] ||
  fail "the API on the recovered cluster does not show A without B"
http POST "http://127.0.0.1:$recovered_port/api/v1/structures/$ACTING/personnel" \
  '{"employee_name":"After recovery","job_title":"Animatrice","contract":"CDI"}'
expect_status 201 "POST on the recovered cluster"
ok "signed in on the recovered cluster: the API shows A, not B, and takes new writes"

step "Stop"
stop_servers recovered app
pg_stop pitr
pg_stop standby
pg_stop primary
ok "servers exited 0; clusters stopped"
printf '\nstandby_pitr: PASS\n'
