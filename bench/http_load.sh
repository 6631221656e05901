#!/usr/bin/env bash
# HTTP load run on loopback: the server with the demo network, then, side by side in one run,
#   - GET /healthz: the baseline (no session, one tiny query);
#   - GET /api/v1/structures?page_size=20: the directory's first page, 20 rows (the run tops the
#     demo's structures up to 30 first, so that the page is full);
#   - GET /api/v1/structures/{id}: an authenticated read (session lookup, profile, collectives);
#   - GET /api/v1/structures/{id}/staff: an audited read of personal data (a read and its line);
#   - PATCH /api/v1/structures/{id}: an authenticated write (CSRF check, update, audit line), all
#     connections on one structure;
#   - the same write on two structures, each request the other's (Alma's director, then ECHO's):
#     writes that no row lock orders may proceed in parallel.
# Prints requests/s and p50/p99 latency at 64 connections, and the server's resident memory idle
# and under load, one line per route (bench/targets.sh and bench/compare.sh read these lines).
# Usage: bench/http_load.sh BINARY [SECONDS] [DATABASE]
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

sign_in() { # EMAIL: signs in, sets cookie, structure (the acting one) and csrf
  local jar="$work/jar-$1"
  curl -s -c "$jar" -H 'Content-Type: application/json' -H "Origin: $url" \
    -d "{\"email\":\"$1\",\"password\":\"ensemble-demo-2026\"}" "$url/api/v1/session" \
    >"$work/session.json"
  cookie=$(awk '$6 == "ensemble_session" {print $7}' "$jar")
  structure=$(grep -o '"acting_structure_id":[0-9]*' "$work/session.json" | cut -d: -f2 || true)
  csrf=$(grep -o '"csrf_token":"[^"]*"' "$work/session.json" | cut -d'"' -f4)
  [[ -n $cookie && -n $csrf ]] || { echo "sign-in of $1 failed" >&2; exit 1; }
}

# The directory holds 13 structures in the demo: the platform administrator adds some, so that
# its first page is 20 rows and the count runs over more.
sign_in admin@ensemble.example.org
listed=$(curl -s -b "ensemble_session=$cookie" "$url/api/v1/structures?page_size=1")
total=$(grep -o '"total":[0-9]*' <<<"$listed" | cut -d: -f2)
for n in $(seq $((total + 1)) 30); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "ensemble_session=$cookie" \
    -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d "{\"kind\":\"social_centre\",\"name\":\"Centre social du banc d'essai $n\",\"territory\":\"Banc d'essai\"}" \
    "$url/api/v1/structures")
  [[ $status == 201 ]] || { echo "creating structure $n answered $status" >&2; exit 1; }
done

sign_in claire.dumont@alma.example.org
alma=$structure alma_cookie=$cookie alma_csrf=$csrf
sign_in marc.lefebvre@echo.example.org
echo_id=$structure echo_cookie=$cookie echo_csrf=$csrf
[[ -n $alma && -n $echo_id ]] || { echo "no acting structure after sign-in" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -b "ensemble_session=$alma_cookie" "$url/api/v1/structures/$alma")
[[ $status == 200 ]] || { echo "authenticated route answered $status" >&2; exit 1; }
rows=$(curl -s -b "ensemble_session=$alma_cookie" "$url/api/v1/structures?page_size=20" |
  grep -o '"siret":' | wc -l)
[[ $rows == 20 ]] || { echo "the directory page has $rows rows, not 20" >&2; exit 1; }

# wrk sends the writes through scripts: method, JSON body and CSRF header.
cat >"$work/patch.lua" <<LUA
wrk.method = "PATCH"
wrk.body = '{"territory":"Alma-Gare"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-Token"] = "$alma_csrf"
wrk.headers["Cookie"] = "ensemble_session=$alma_cookie"
LUA
# The requests are made in init, once wrk has set the Host header that wrk.format copies.
cat >"$work/patch_two.lua" <<LUA
local writes
init = function(args)
  writes = {
    wrk.format("PATCH", "/api/v1/structures/$alma", {
      ["Content-Type"] = "application/json", ["X-CSRF-Token"] = "$alma_csrf",
      ["Cookie"] = "ensemble_session=$alma_cookie"}, '{"territory":"Alma-Gare"}'),
    wrk.format("PATCH", "/api/v1/structures/$echo_id", {
      ["Content-Type"] = "application/json", ["X-CSRF-Token"] = "$echo_csrf",
      ["Cookie"] = "ensemble_session=$echo_cookie"}, '{"territory":"Epeule"}'),
  }
end
local next = 0
request = function()
  next = next % 2 + 1
  return writes[next]
end
LUA

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
idle=$(rss_kib)

run() { # name path [wrk options...]
  local name=$1 path=$2 out
  shift 2
  # When wrk stops, the requests it leaves in flight still run: let them finish first, so that
  # they weigh on no route's figures.
  sleep 1
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
  printf '%-11s %-46s %12s %10s %10s %12s %s\n' "$backend" "$name" "$rps" "$p50" "$p99" \
    "${peak} KiB" "$([[ $errors == 0 ]] || echo "(errors: see wrk output)")"
  [[ $errors == 0 ]] || cat "$out" >&2
}

session=(-H "Cookie: ensemble_session=$alma_cookie")
run "GET /healthz (baseline)" /healthz
run "GET /api/v1/structures?page_size=20 (directory)" "/api/v1/structures?page_size=20" "${session[@]}"
run "GET /api/v1/structures/{id} (read)" "/api/v1/structures/$alma" "${session[@]}"
run "GET /api/v1/structures/{id}/staff (audited)" "/api/v1/structures/$alma/staff" "${session[@]}"
run "PATCH /api/v1/structures/{id} (write)" "/api/v1/structures/$alma" -s "$work/patch.lua"
run "PATCH two structures, alternating (write)" "/api/v1/structures/$alma" -s "$work/patch_two.lua"
printf '%-11s resident memory idle: %s KiB\n' "$backend" "$idle"
