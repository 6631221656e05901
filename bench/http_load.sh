#!/usr/bin/env bash
# HTTP load run on loopback: the server with the demo network, then, side by side in one run,
#   - GET /healthz: the baseline (no session, one tiny query);
#   - GET /api/v1/structures/{id}: an authenticated read (session lookup, profile, collectives);
#   - GET /api/v1/structures/{id}/staff: an audited read of personal data (a read and its line);
#   - PATCH /api/v1/structures/{id}: an authenticated write (CSRF check, update, audit line).
# Prints requests/s and p50/p99 latency at 64 connections, and the server's resident memory idle
# and under load. Usage: bench/http_load.sh BINARY [SECONDS] [DATABASE]
# DATABASE is a postgresql:// URL (an empty database) or, by default, a new SQLite file.
set -euo pipefail
bin=${1:?path to the ensemble binary}
seconds=${2:-10}
work=$(mktemp -d)
database=${3:-$work/bench.db}
backend=sqlite
[[ $database == postgres* ]] && backend=postgresql
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/web"  # beside the database: the server refuses a web root that holds it
"$bin" demo --database "$database" --listen 127.0.0.1:0 --web-root "$work/web" \
  --password-cost min --log-level warn >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^Ensemble listening on \(http[^ ]*\)$/\1/p' "$work/out")
[[ -n $url ]] || { cat "$work/err"; echo "server did not start" >&2; exit 1; }

curl -s -c "$work/jar" -H 'Content-Type: application/json' \
  -d '{"email":"claire.dumont@alma.example.org","password":"ensemble-demo-2026"}' \
  "$url/api/v1/session" >"$work/session.json"
cookie=$(awk '$6 == "ensemble_session" {print $7}' "$work/jar")
alma=$(grep -o '"acting_structure_id":[0-9]*' "$work/session.json" | cut -d: -f2)
csrf=$(grep -o '"csrf_token":"[^"]*"' "$work/session.json" | cut -d'"' -f4)
[[ -n $cookie && -n $alma && -n $csrf ]] || { echo "sign-in failed" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -b "ensemble_session=$cookie" "$url/api/v1/structures/$alma")
[[ $status == 200 ]] || { echo "authenticated route answered $status" >&2; exit 1; }

# wrk sends the write through a script: method, JSON body and CSRF header.
cat >"$work/patch.lua" <<LUA
wrk.method = "PATCH"
wrk.body = '{"territory":"Alma-Gare"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-Token"] = "$csrf"
wrk.headers["Cookie"] = "ensemble_session=$cookie"
LUA

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
idle=$(rss_kib)

run() { # name path [wrk options...]
  local name=$1 path=$2 out
  shift 2
  out="$work/wrk-$(tr -c 'a-zA-Z0-9' '_' <<<"$name")"
  wrk -t2 -c64 -d"${seconds}s" --latency "$@" "$url$path" >"$out" &
  local wrk_pid=$!
  sleep $((seconds / 2))
  peak=$(rss_kib)
  wait $wrk_pid
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errors=$(grep -c "Non-2xx\|Socket errors" "$out" || true)
  printf '%-11s %-34s %12s %10s %10s %12s %s\n' "$backend" "$name" "$rps" "$p50" "$p99" \
    "${peak} KiB" "$([[ $errors == 0 ]] || echo "(errors: see wrk output)")"
  [[ $errors == 0 ]] || cat "$out"
}

run "GET /healthz (baseline)" /healthz
run "GET /api/v1/structures/{id} (read)" "/api/v1/structures/$alma" -H "Cookie: ensemble_session=$cookie"
run "GET /api/v1/structures/{id}/staff (audited)" "/api/v1/structures/$alma/staff" -H "Cookie: ensemble_session=$cookie"
run "PATCH /api/v1/structures/{id} (write)" "/api/v1/structures/$alma" -s "$work/patch.lua"
printf '%-11s resident memory idle: %s KiB\n' "$backend" "$idle"
