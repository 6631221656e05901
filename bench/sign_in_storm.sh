#!/usr/bin/env bash
# A sign-in storm at the interactive Argon2id cost, with /healthz measured at the same time.
# Usage: bench/sign_in_storm.sh ENSEMBLE_BINARY [SECONDS]
#
# The storm is the worst case for the password hashing: wrong passwords for ever new e-mails
# from ever new addresses (the server runs --behind-proxy and the storm sets X-Forwarded-For),
# so no sign-in limit applies and every attempt needs an Argon2id verification; 20 connections
# each send one every 10 ms. The hasher's slots take what they can and 429 answers the rest
# beyond its waiting room; /healthz must keep its latency: its p99 under the storm is compared
# with its p99 alone (the goal: at most 2x).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bin=${1:?path to the ensemble binary}
seconds=${2:-10}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/web"
"$bin" demo --database "$work/storm.db" --listen 127.0.0.1:0 --web-root "$work/web" \
  --password-cost interactive --behind-proxy --log-level warn >"$work/out" 2>"$work/err" &
server=$!
for _ in $(seq 1 300); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^Ensemble listening on \(http[^ ]*\)$/\1/p' "$work/out")
[[ -n $url ]] || { cat "$work/err"; echo "server did not start" >&2; exit 1; }

# The server checks a sign-in's Origin (a browser always sends one): the storm sends ours.
printf 'origin = "%s"\n' "$url" >"$work/storm.lua"
cat >>"$work/storm.lua" <<'LUA'
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local n = math.random(1, 1000000000)
  local body = string.format('{"email":"storm%d@example.org","password":"wrong-password-%d"}', n, n)
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
                                math.random(1, 254))
  return wrk.format("POST", "/api/v1/session", {
    ["Content-Type"] = "application/json",
    ["Origin"] = origin,
    ["X-Forwarded-For"] = address,
  }, body)
end
-- Each connection sends an attempt every 10 ms: 2,000 a second offered, some 150 times what
-- one hashing thread verifies, without the load generator itself taking a whole core.
delay = function() return 10 end
LUA

# The other requests: a steady 800 a second (4 connections, one every 5 ms), so that their p99
# measures how long a request waits, not how fast a saturated server can go.
printf 'delay = function() return 5 end\n' >"$work/steady.lua"
healthz() { # output file
  wrk -t1 -c4 -d"${seconds}s" --latency -s "$work/steady.lua" -H "X-Forwarded-For: 192.0.2.1" \
    "$url/healthz" >"$1"
}
field() { awk -v key="$2" '$1 == key {print $2}' "$1"; }

healthz "$work/alone"
wrk -t1 -c20 -d"$((seconds + 2))s" --latency -s "$work/storm.lua" "$url/api/v1/session" \
  >"$work/storm" &
storm=$!
# The nice value of each server thread, sampled during the storm: the hashing worker shows
# the niceness it runs the hash at (10 where the process may take its priority back, else 0).
(for _ in $(seq 1 20); do
  awk '{print $19}' /proc/"$server"/task/*/stat 2>/dev/null | sort -n | tail -1
  sleep 0.25
done) >"$work/nice" &
sampler=$!
sleep 1
healthz "$work/under"
wait $storm
wait $sampler || true

alone_p99=$(field "$work/alone" "99%")
under_p99=$(field "$work/under" "99%")
ratio=$(awk -v a="$(to_ms "$alone_p99")" -v b="$(to_ms "$under_p99")" 'BEGIN {printf "%.2f", b / a}')
storm_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/storm")
echo "sign-in storm, interactive cost, 20 connections each sending a wrong password every 10 ms from new addresses, ${seconds}s, $(nproc) cores"
printf '%-34s %12s %10s %10s\n' "measure" "requests/s" "p50" "p99"
printf '%-34s %12s %10s %10s\n' "GET /healthz alone" "$(awk '/^Requests\/sec/ {print $2}' "$work/alone")" \
  "$(field "$work/alone" "50%")" "$alone_p99"
printf '%-34s %12s %10s %10s\n' "GET /healthz during the storm" \
  "$(awk '/^Requests\/sec/ {print $2}' "$work/under")" "$(field "$work/under" "50%")" "$under_p99"
printf '%-34s %12s %10s %10s\n' "POST /api/v1/session (the storm)" "$storm_rps" \
  "$(field "$work/storm" "50%")" "$(field "$work/storm" "99%")"
echo "storm answers that were not 2xx (401 wrong password, 429 pool full): $(grep -o "Non-2xx or 3xx responses: [0-9]*" "$work/storm" | awk '{print $NF}')"
echo "highest nice value among the server's threads during the storm: $(sort -n "$work/nice" | tail -1) (10: the hashes ran at nice 10; 0: at the workers' priority)"
echo "healthz p99 during the storm / alone: ${ratio}x (goal: at most 2x)"
