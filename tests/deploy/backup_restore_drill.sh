#!/usr/bin/env bash
# NAME_pid and NAME_port are set by lib.sh through printf -v:
# shellcheck disable=SC2154,SC2034 source-path=SCRIPTDIR
# Deployment drill, docs/deployment.md §5 (logical backup) and §7 (the restore drill): the demo
# network in PostgreSQL 15 served by `ensemble serve`, a change made through the API, a
# `pg_dump --format=custom` taken while it serves, then `createdb --owner ensemble` +
# `pg_restore` into a new database, `ensemble migrate` on it, `ensemble serve` on it with a
# sign-in that sees the change, and the row counts of every table (structures, people and
# audit_log among them) equal to the original's.
#
# Usage: ENSEMBLE_BIN=path/to/ensemble tests/deploy/backup_restore_drill.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

begin_drill
cd "$WORK"

step "PostgreSQL 15 cluster, app role, database ensemble, demo network (§1)"
pg_new pg 5432
pg_start pg
make_app_role pg
make_app_database pg ensemble
load_demo_into pg ensemble
PROD_URL=$(app_url pg ensemble)

step "Production server; a change through the API"
start_ensemble prod "$PROD_URL"
PROD="http://127.0.0.1:$prod_port"
http GET "$PROD/healthz"
expect_status 200 "production /healthz"
prod_version=$(json_num schema_version)
audit_before=$(count_rows pg ensemble audit_log)
sign_in "$PROD" "$DIRECTOR"
http PATCH "$PROD/api/v1/structures/$ACTING" '{"territory":"Drill backup – Roubaix"}'
expect_status 200 "PATCH territory"
http POST "$PROD/api/v1/structures/$ACTING/personnel" \
  '{"employee_name":"Drill backup","job_title":"Animatrice","contract":"CDI"}'
expect_status 201 "POST personnel file"
audit_after=$(count_rows pg ensemble audit_log)
((audit_after > audit_before)) || fail "audit_log did not grow ($audit_before → $audit_after)"
ok "territory patched, personnel file created; audit_log $audit_before → $audit_after rows"

step "Logical backup while serving (§5): pg_dump --format=custom"
counts_prod=$(table_counts pg ensemble)
mkdir -p "$WORK/backups"
if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$WORK/backups"; fi
dump="$WORK/backups/ensemble-$(date +%F).dump"
# As the superuser (sudo -u postgres pg_dump …): a role subject to row-level security could not
# dump every row.
as_pg "$PG_BIN/pg_dump" -h "$WORK/pg" -p "$pg_port" -U postgres --format=custom --file="$dump" \
  ensemble 2>"$WORK/pg_dump.err" || fail "pg_dump failed: $(cat "$WORK/pg_dump.err")"
[[ -s $dump ]] || fail "pg_dump wrote nothing"
tables_in_dump=$("$PG_BIN/pg_restore" --list "$dump" | grep -c ' TABLE DATA public ' || true)
ok "pg_dump wrote $(du -h "$dump" | cut -f1) to $(basename "$dump"): $tables_in_dump tables with data"
http GET "$PROD/api/v1/session"
expect_status 200 "production still serving after pg_dump"

step "Restore drill (§7.1): createdb --owner $APP_ROLE ensemble_drill && pg_restore"
make_app_database pg ensemble_drill
as_pg "$PG_BIN/pg_restore" -h "$WORK/pg" -p "$pg_port" -U postgres --exit-on-error \
  -d ensemble_drill "$dump" >"$WORK/pg_restore.log" 2>&1 ||
  fail "pg_restore failed: $(cat "$WORK/pg_restore.log")"
owners=$(psql_as_admin pg ensemble_drill \
  "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'")
[[ $owners == "$APP_ROLE" ]] || fail "restored tables owned by '$owners', expected $APP_ROLE"
can_create=$(psql_as_admin pg ensemble_drill "SELECT has_schema_privilege('$APP_ROLE', 'public', 'CREATE')")
[[ $can_create == t ]] || fail "$APP_ROLE cannot create in schema public of ensemble_drill (next migrations would fail)"
ok "restored; every table owned by $APP_ROLE, who may create in schema public (for later migrations)"

step "Row counts (§7.4), before anyone uses the restored copy"
counts_drill=$(table_counts pg ensemble_drill)
if [[ $counts_prod != "$counts_drill" ]]; then
  diff <(echo "$counts_prod") <(echo "$counts_drill") >&2 || true
  fail "row counts of the restored database differ from the original"
fi
for table in structures people audit_log; do
  line=$(grep "^$table " <<<"$counts_drill") || fail "no table $table in the restored database"
  info "$line (original: $(grep "^$table " <<<"$counts_prod" | cut -d' ' -f2))"
done
ok "all $(wc -l <<<"$counts_drill") tables have the same row counts as the original"

step "ensemble migrate on the restored database (§7.2)"
DRILL_URL=$(app_url pg ensemble_drill)
"$ENSEMBLE_BIN" --database "$DRILL_URL" migrate >"$WORK/migrate.out" 2>"$WORK/migrate.err" ||
  fail "ensemble migrate failed: $(cat "$WORK/migrate.err")"
migrate_line=$(cat "$WORK/migrate.out")
[[ $migrate_line == *"schema version $prod_version (postgresql)"* ]] ||
  fail "ensemble migrate printed '$migrate_line', expected schema version $prod_version"
[[ $migrate_line == *"as user \"$APP_ROLE\""* ]] || fail "migrate does not name the user: $migrate_line"
if grep -q -- "$APP_PASSWORD" "$WORK/migrate.out" "$WORK/migrate.err"; then
  fail "ensemble migrate printed the database password"
fi
ok "$migrate_line"

step "ensemble audit verify on the restored database (§7.3)"
# The lines the servers sealed before the dump verify on the copy; the rest are counted.
"$ENSEMBLE_BIN" --database "$DRILL_URL" audit verify >"$WORK/verify.out" 2>"$WORK/verify.err" ||
  fail "ensemble audit verify failed: $(cat "$WORK/verify.out" "$WORK/verify.err")"
grep -q "audit log intact" "$WORK/verify.out" || fail "audit verify said: $(cat "$WORK/verify.out")"
ok "$(paste -sd ";" "$WORK/verify.out")"

step "ensemble serve on the restored database, sign in (§7.3)"
start_ensemble drill "$DRILL_URL"
DRILL="http://127.0.0.1:$drill_port"
http GET "$DRILL/healthz"
expect_status 200 "drill /healthz"
ok "/healthz: $HTTP_BODY"
sign_in "$DRILL" "$DIRECTOR"
expect_signed_in "$DRILL" "$DIRECTOR"
http GET "$DRILL/api/v1/structures/$ACTING"
expect_status 200 "GET structure on the drill"
[[ $(json_str territory) == "Drill backup – Roubaix" ]] || fail "the change is not in the restore: $HTTP_BODY"
http GET "$DRILL/api/v1/structures/$ACTING/personnel"
expect_status 200 "GET personnel on the drill"
[[ $HTTP_BODY == *'"employee_name":"Drill backup"'* ]] || fail "the personnel file is not in the restore"
ok "signed in as $DIRECTOR on the restored copy; the API change made before the dump is there"
http PATCH "$DRILL/api/v1/structures/$ACTING" '{"territory":"Written on the drill"}'
expect_status 200 "PATCH on the drill"
http POST "$DRILL/api/v1/structures/$ACTING/personnel" \
  '{"employee_name":"Drill new row","job_title":"Animatrice","contract":"CDI"}'
expect_status 201 "POST personnel file on the drill (new ids after the restored ones)"
[[ $(psql_as_admin pg ensemble "SELECT territory FROM structures WHERE id = $ACTING") == "Drill backup – Roubaix" ]] ||
  fail "a write on the drill reached the original database"
ok "the restored copy takes writes (the identity sequences were restored); the original is untouched"

step "Stop"
stop_servers drill prod
ok "both servers exited 0"
printf '\nbackup_restore_drill: PASS\n'
