#!/usr/bin/env bash
# Shared by the deployment drills of this folder (sourced, never run): a work folder removed at
# exit, throw-away PostgreSQL clusters, `ensemble` processes, and a small HTTP client over curl.
#
# Everything a drill starts is recorded here and stopped at exit, by its own process id, whatever
# the way the drill ends (success, a failed check, Ctrl-C). On a failure the tail of every log of
# the work folder is printed before the folder is removed; ENSEMBLE_DEPLOY_KEEP=1 keeps it.
#
# Needs: bash, curl, openssl, PostgreSQL 15 server and client programs (Debian postgresql-15,
# postgresql-client-15), and for the proxy drill nginx. Runs as root (CI) or as any user: as root
# the clusters belong to the `postgres` system user, as pg_cluster.sh does.
#
# Its variables are used by the drills that source it; NAME_pid is set through printf -v:
# shellcheck disable=SC2034,SC2154

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# CTest passes the binary it built; by hand, the dev build's.
ENSEMBLE_BIN=${ENSEMBLE_BIN:-$REPO_ROOT/build/dev/src/cli/ensemble}
WEB_ROOT=${ENSEMBLE_WEB_ROOT:-$REPO_ROOT/web/dist}
DEMO_PASSWORD=ensemble-demo-2026
DIRECTOR=claire.dumont@alma.example.org  # director of Centre social Alma in the demo network
APP_ROLE=ensemble

# ---------------------------------------------------------------------------------------------
# Messages

step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok: %s\n' "$*"; }
info() { printf '   %s\n' "$*"; }
fail() {
  printf '\nFAIL: %s\n' "$*" >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Clean-up: commands run in reverse order at exit.

_cleanups=()
at_exit() { _cleanups+=("$*"); }

_run_cleanups() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  if ((status != 0)) && [[ -n ${WORK:-} && -d $WORK ]]; then
    local log
    while IFS= read -r log; do
      printf '\n--- last lines of %s\n' "$log" >&2
      tail -n 25 "$log" >&2
    done < <(find "$WORK" -name '*.log' -type f 2>/dev/null | sort)
  fi
  local i
  for ((i = ${#_cleanups[@]} - 1; i >= 0; i--)); do
    eval "${_cleanups[i]}" >/dev/null 2>&1
  done
  if [[ -n ${WORK:-} && -d $WORK ]]; then
    if ((status != 0)) && [[ ${ENSEMBLE_DEPLOY_KEEP:-0} == 1 ]]; then
      printf 'work folder kept: %s\n' "$WORK" >&2
    elif [[ $WORK == /tmp/ensemble-deploy.* ]]; then
      rm -rf -- "$WORK"
    fi
  fi
  exit "$status"
}

# Makes the work folder (a short path: Unix socket paths must fit in 107 bytes) and installs
# the exit trap. Call once, first.
begin_drill() {
  trap _run_cleanups EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  [[ -x $ENSEMBLE_BIN ]] || fail "ENSEMBLE_BIN=$ENSEMBLE_BIN is not an executable"
  ENSEMBLE_BIN=$(realpath "$ENSEMBLE_BIN")  # the drills change directory
  local tool
  for tool in curl openssl; do
    command -v "$tool" >/dev/null || fail "$tool not found (Debian package $tool)"
  done
  find_pg_bin
  WORK=$(mktemp -d /tmp/ensemble-deploy.XXXXXX)
  # The postgres user must reach the clusters inside.
  chmod 755 "$WORK"
  info "binary: $ENSEMBLE_BIN"
  info "work folder: $WORK"
}

# ---------------------------------------------------------------------------------------------
# Processes

# start_bg NAME COMMAND...: runs COMMAND in the background, its output in $WORK/NAME.log; its
# process id in the variable NAME_pid. Stopped at exit (SIGTERM, then SIGKILL after 10 s).
start_bg() {
  local name=$1
  shift
  "$@" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  printf -v "${name}_pid" '%s' "$pid"
  at_exit "stop_pid $pid"
}

# stop_pid PID [TIMEOUT_S]: SIGTERM, wait until gone, SIGKILL if it outlives the timeout.
# Returns the exit status of the process when it is a child of this shell.
stop_pid() {
  local pid=$1 timeout=${2:-10} i
  kill -0 "$pid" 2>/dev/null || {
    wait "$pid" 2>/dev/null
    return
  }
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    # A zombie child counts as gone once reaped by wait below.
    [[ $(ps -o stat= -p "$pid" 2>/dev/null) == Z* ]] && break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null && [[ $(ps -o stat= -p "$pid" 2>/dev/null) != Z* ]]; then
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
}

# stop_servers NAME...: SIGTERM to each process NAME_pid, failing unless each exits 0 (a clean
# shutdown: requests in flight finished, the job worker stopped).
stop_servers() {
  local name pid_var status
  for name in "$@"; do
    pid_var="${name}_pid"
    status=0
    stop_pid "${!pid_var}" || status=$?
    ((status == 0)) || fail "$name exited $status on SIGTERM"
  done
}

# wait_for_line NAME PATTERN [TIMEOUT_S]: waits until $WORK/NAME.log has a line matching the
# extended regular expression PATTERN; fails if the process NAME_pid exits first.
wait_for_line() {
  local name=$1 pattern=$2 timeout=${3:-30} i pid_var="${1}_pid"
  for ((i = 0; i < timeout * 10; i++)); do
    grep -Eq -- "$pattern" "$WORK/$name.log" 2>/dev/null && return 0
    kill -0 "${!pid_var}" 2>/dev/null || fail "$name exited before printing /$pattern/"
    sleep 0.1
  done
  fail "$name did not print /$pattern/ within ${timeout}s"
}

# A loopback TCP port nothing listens on now (for nginx; ensemble takes port 0 and says which).
free_port() {
  local port attempt
  for ((attempt = 0; attempt < 100; attempt++)); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free loopback port found"
}

# ---------------------------------------------------------------------------------------------
# Ensemble

# start_ensemble NAME DATABASE_URL [SERVE OPTIONS...]: `ensemble serve` on a free loopback port;
# sets NAME_pid and NAME_port.
start_ensemble() {
  local name=$1 url=$2
  shift 2
  start_bg "$name" "$ENSEMBLE_BIN" --database "$url" serve --listen 127.0.0.1:0 \
    --web-root "$WEB_ROOT" --password-cost min "$@"
  wait_for_line "$name" 'Ensemble listening on http://127\.0\.0\.1:[0-9]+' 60
  local port
  port=$(grep -Eo 'Ensemble listening on http://127\.0\.0\.1:[0-9]+' "$WORK/$name.log" |
    head -n1 | sed 's/.*://')
  printf -v "${name}_port" '%s' "$port"
}

# make_demo_sqlite FILE: the demo network in a SQLite file (`ensemble demo` creates it, then
# serves it: it is stopped with SIGTERM once /healthz answers).
make_demo_sqlite() {
  local file=$1
  start_bg demo "$ENSEMBLE_BIN" --database "$file" demo --listen 127.0.0.1:0 \
    --web-root "$WEB_ROOT" --password-cost min
  wait_for_line demo 'Ensemble listening on http://127\.0\.0\.1:[0-9]+' 60
  local port
  port=$(grep -Eo 'Ensemble listening on http://127\.0\.0\.1:[0-9]+' "$WORK/demo.log" |
    head -n1 | sed 's/.*://')
  http GET "http://127.0.0.1:$port/healthz"
  expect_status 200 "demo /healthz"
  local status=0
  stop_pid "$demo_pid" || status=$?
  ((status == 0)) || fail "ensemble demo exited $status on SIGTERM (expected 0)"
}

# ---------------------------------------------------------------------------------------------
# HTTP over curl. http METHOD URL [JSON BODY, or @FILE] sets HTTP_STATUS, HTTP_BODY and HTTP_HEADERS (the
# response header lines, lower-cased names; HTTP_STATUS 000 when no answer came within
# HTTP_MAX_TIME seconds, 15 by default). Sends the session of sign_in (SESSION_COOKIE, and
# CSRF_TOKEN on writes) when set; CURL_EXTRA (an array) adds curl options, e.g. --cacert.

CURL_EXTRA=()
SESSION_COOKIE=
CSRF_TOKEN=

http() {
  local method=$1 url=$2 body=${3-}
  local args=(--silent --show-error --max-time "${HTTP_MAX_TIME:-15}" --request "$method"
    --output "$WORK/http.body" --dump-header "$WORK/http.headers" --write-out '%{http_code}')
  args+=("${CURL_EXTRA[@]}")
  [[ -n $SESSION_COOKIE ]] && args+=(--header "Cookie: $SESSION_COOKIE")
  [[ -n $CSRF_TOKEN && $method != GET ]] && args+=(--header "X-CSRF-Token: $CSRF_TOKEN")
  # The Origin a browser sends with every write: scheme, host and port of the URL.
  [[ $method != GET && $url =~ ^(https?://[^/]+) ]] && args+=(--header "Origin: ${BASH_REMATCH[1]}")
  [[ -n $body ]] && args+=(--header 'Content-Type: application/json' --data-binary "$body")
  rm -f "$WORK/http.body" "$WORK/http.headers"
  HTTP_STATUS=$(curl "${args[@]}" "$url" 2>"$WORK/http.err") || HTTP_STATUS=000
  HTTP_BODY=$(cat "$WORK/http.body" 2>/dev/null || true)
  HTTP_HEADERS=$(tr -d '\r' <"$WORK/http.headers" 2>/dev/null |
    awk -F': ' 'NF > 1 { printf "%s: %s\n", tolower($1), substr($0, length($1) + 3) }' || true)
}

expect_status() {
  local want=$1 what=$2
  [[ $HTTP_STATUS == "$want" ]] ||
    fail "$what: HTTP $HTTP_STATUS, expected $want; body: ${HTTP_BODY:0:300} $(cat "$WORK/http.err" 2>/dev/null)"
}

header() { printf '%s\n' "$HTTP_HEADERS" | awk -v n="$1" -F': ' 'tolower($1) == n { print substr($0, length($1) + 3); exit }'; }

# json_str FIELD / json_num FIELD: the first such field of HTTP_BODY (our own flat answers).
json_str() { printf '%s' "$HTTP_BODY" | grep -Eo "\"$1\":\"[^\"]*\"" | head -n1 | sed -E "s/^\"$1\":\"(.*)\"$/\1/"; }
json_num() { printf '%s' "$HTTP_BODY" | grep -Eo "\"$1\":-?[0-9]+" | head -n1 | sed -E "s/^\"$1\"://"; }

# sign_in BASE_URL EMAIL: POST /api/v1/session; sets SESSION_COOKIE, CSRF_TOKEN, ACTING.
sign_in() {
  local base=$1 email=$2
  SESSION_COOKIE=
  CSRF_TOKEN=
  http POST "$base/api/v1/session" "{\"email\":\"$email\",\"password\":\"$DEMO_PASSWORD\"}"
  expect_status 200 "sign-in of $email at $base"
  SET_COOKIE=$(header set-cookie)
  # Behind TLS (--secure-cookies) the cookie carries the __Host- prefix.
  [[ $SET_COOKIE == ensemble_session=* || $SET_COOKIE == __Host-ensemble_session=* ]] ||
    fail "sign-in gave no ensemble_session cookie: $SET_COOKIE"
  SESSION_COOKIE=${SET_COOKIE%%;*}
  CSRF_TOKEN=$(json_str csrf_token)
  ACTING=$(json_num acting_structure_id)
  [[ -n $CSRF_TOKEN ]] || fail "sign-in answer has no csrf_token: ${HTTP_BODY:0:300}"
  [[ -n $ACTING ]] || fail "sign-in answer has no acting_structure_id: ${HTTP_BODY:0:300}"
}

# expect_signed_in BASE_URL EMAIL: GET /api/v1/session answers that EMAIL is signed in.
expect_signed_in() {
  local base=$1 email=$2
  http GET "$base/api/v1/session"
  expect_status 200 "GET $base/api/v1/session"
  [[ $HTTP_BODY == *"\"email\":\"$email\""* ]] ||
    fail "GET /api/v1/session does not name $email: ${HTTP_BODY:0:300}"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

find_pg_bin() {
  PG_BIN=${ENSEMBLE_PG_BIN:-}
  if [[ -z $PG_BIN ]]; then
    local candidate
    for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
      if [[ -x $candidate/initdb ]]; then
        PG_BIN=$candidate
        break
      fi
    done
  fi
  [[ -n $PG_BIN && -x $PG_BIN/initdb ]] ||
    fail "initdb not found; install the Debian package postgresql-15 (./scripts/setup)"
}

# as_pg COMMAND...: as the owner of the clusters (the `postgres` user when we are root).
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_new NAME PORT: initdb a cluster in $WORK/NAME (data in $WORK/NAME/data, its Unix socket in
# $WORK/NAME, no TCP). Authentication: the superuser `postgres` by peer (as root) or trust (as
# another user, who owns the cluster), every other role by SCRAM password. Not started.
pg_new() {
  local name=$1 port=$2 dir="$WORK/$1"
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$dir"; fi
  as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
    --auth-local=trust >"$dir/initdb.log" 2>&1 || fail "initdb of $name failed"
  local superuser_auth=trust
  [[ $(id -u) -eq 0 ]] && superuser_auth=peer
  cat >"$dir/data/pg_hba.conf" <<EOF
# TYPE  DATABASE     USER      METHOD
local   all          postgres  $superuser_auth
local   replication  all       scram-sha-256
local   all          all       scram-sha-256
EOF
  printf -v "${name}_dir" '%s' "$dir"
  printf -v "${name}_port" '%s' "$port"
}

# pg_start NAME [EXTRA -c SETTINGS]: starts cluster NAME on its socket; stopped at exit.
pg_start() {
  local name=$1 dir="$WORK/$1" port_var="${1}_port"
  shift
  local port=${!port_var}
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c port=$port -c unix_socket_permissions=0700 $*" \
    start >/dev/null || fail "PostgreSQL cluster $name did not start"
  at_exit "pg_stop_quietly '$dir/data'"
}

# At exit: a fast stop (ends its processes cleanly), immediate if that hangs.
pg_stop_quietly() {
  as_pg "$PG_BIN/pg_ctl" -D "$1" -m fast -w -t 20 stop ||
    as_pg "$PG_BIN/pg_ctl" -D "$1" -m immediate -w -t 20 stop
}

pg_stop() {
  local name=$1 mode=${2:-fast}
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/$name/data" -m "$mode" -w -t 60 stop >/dev/null ||
    fail "PostgreSQL cluster $name did not stop"
}

# psql_as_admin NAME DATABASE SQL: one query as the superuser, unaligned, tuples only.
psql_as_admin() {
  local name=$1 db=$2 sql=$3 port_var="${1}_port"
  as_pg "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$WORK/$name" -p "${!port_var}" \
    -U postgres -d "$db" -c "$sql"
}

# The app's password (hex: safe in a URL), one per drill.
APP_PASSWORD=$(openssl rand -hex 16)

# make_app_role NAME: the app's role, as docs/deployment.md §1 says, not a superuser and not
# allowed to bypass row-level security; checked.
make_app_role() {
  local name=$1
  psql_as_admin "$name" postgres \
    "CREATE ROLE $APP_ROLE LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '$APP_PASSWORD'"
  local attributes
  attributes=$(psql_as_admin "$name" postgres \
    "SELECT rolsuper::text || ' ' || rolbypassrls::text FROM pg_roles WHERE rolname = '$APP_ROLE'")
  [[ $attributes == "false false" ]] ||
    fail "role $APP_ROLE: rolsuper rolbypassrls = '$attributes', expected 'false false'"
}

# make_app_database NAME DATABASE: `createdb --owner ensemble DATABASE` as the superuser.
make_app_database() {
  local name=$1 db=$2 port_var="${1}_port"
  as_pg "$PG_BIN/createdb" -h "$WORK/$name" -p "${!port_var}" -U postgres --owner "$APP_ROLE" "$db" ||
    fail "createdb $db failed"
}

# app_url NAME DATABASE: the URL the app uses (user ensemble, password, Unix socket).
app_url() {
  local port_var="${1}_port"
  printf 'postgresql://%s:%s@/%s?host=%s&port=%s' "$APP_ROLE" "$APP_PASSWORD" "$2" \
    "$WORK/$1" "${!port_var}"
}

# count_rows NAME DATABASE TABLE
count_rows() { psql_as_admin "$1" "$2" "SELECT count(*) FROM $3"; }

# table_counts NAME DATABASE: "table rows" lines for every table of schema public, sorted.
table_counts() {
  local name=$1 db=$2 table
  for table in $(psql_as_admin "$name" "$db" \
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"); do
    printf '%s %s\n' "$table" "$(count_rows "$name" "$db" "$table")"
  done
}

# load_demo_into NAME DATABASE: the demo network made in SQLite, then `ensemble copy` into the
# (empty) PostgreSQL database, as docs/deployment.md §1.
load_demo_into() {
  local name=$1 db=$2
  make_demo_sqlite "$WORK/demo.db"
  ok "demo network created in SQLite ($WORK/demo.db)"
  "$ENSEMBLE_BIN" --database "$WORK/demo.db" migrate >"$WORK/migrate-sqlite.out" 2>&1 ||
    fail "ensemble migrate on the SQLite file failed: $(cat "$WORK/migrate-sqlite.out")"
  "$ENSEMBLE_BIN" copy --from "$WORK/demo.db" --to "$(app_url "$name" "$db")" \
    >"$WORK/copy.out" 2>"$WORK/copy.err" || fail "ensemble copy failed: $(cat "$WORK/copy.err")"
  grep -q 'counts and checksums match' "$WORK/copy.out" ||
    fail "ensemble copy did not confirm the checksums: $(tail -n3 "$WORK/copy.out")"
  ok "ensemble copy: $(tail -n1 "$WORK/copy.out")"
  if grep -q -- "$APP_PASSWORD" "$WORK/copy.out" "$WORK/copy.err"; then
    fail "ensemble copy printed the database password"
  fi
}
