#!/usr/bin/env bash
# Two builds side by side in one run: bench/http_load.sh against BASELINE and CANDIDATE, in
# alternation (baseline then candidate, candidate then baseline, ...) on SQLite, then on a throw-away
# PostgreSQL 15 cluster (a new database for each run), so that a drift of the machine hits both
# alike. Prints each run's lines labelled, then the best requests/s of each per route and the
# candidate's change, then issue 10's targets for each build (bench/targets.sh, from its best
# run of each route). The routes are http_load.sh's, so a baseline needs them too (any build
# since the module move, cf208b5, has them).
# Usage: bench/compare.sh BASELINE_BIN CANDIDATE_BIN [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:?path to the baseline ensemble binary}
candidate=${2:?path to the candidate ensemble binary}
seconds=${3:-6}
rounds=${4:-2}
out=$(mktemp -d)
pg_state=$(mktemp -d)
trap 'tests/support/pg_cluster.sh stop "$pg_state" >/dev/null 2>&1 || true; rm -rf "$pg_state" "$out"' EXIT
tests/support/pg_cluster.sh start "$pg_state" >/dev/null
admin_url=$(cat "$pg_state/url")
app_url=$(cat "$pg_state/app_url")
fresh_pg() { # NAME: a new, empty database owned by the app's role; prints its URL
  psql "$admin_url" -qAtX -c "CREATE DATABASE $1 OWNER ensemble" >/dev/null
  echo "${app_url/\/ensemble?//$1?}"
}
# The order changes each round, so that what a run leaves behind (a checkpoint, autovacuum)
# weighs on both builds alike. BACKENDS="postgresql" runs one backend only.
for backend in ${BACKENDS:-sqlite postgresql}; do
  for round in $(seq 1 "$rounds"); do
    order="baseline candidate"
    ((round % 2)) || order="candidate baseline"
    for label in $order; do
      bin=$baseline
      [[ $label == candidate ]] && bin=$candidate
      db=()
      [[ $backend == postgresql ]] && db=("$(fresh_pg "bench_${label}_$round")")
      bench/http_load.sh "$bin" "$seconds" "${db[@]}" | sed "s/^/$label $round /" |
        tee -a "$out/lines"
    done
  done
done
echo
echo "best requests/s of $rounds rounds, ${seconds}s each, 64 connections, $(nproc) cores"
printf '%-11s %-48s %12s %12s %8s\n' backend route baseline candidate change
sed 's/ (errors: see wrk output)$//; s/ *$//' "$out/lines" | awk '$3 == "sqlite" || $3 == "postgresql" {
  if ($4 == "resident") next
  route = ""; for (i = 4; i <= NF - 5; i++) route = route (route == "" ? "" : " ") $i
  key = $3 "|" route; rps = $(NF - 4) + 0
  if (!(key in order)) { order[key] = ++count; keys[count] = key }
  if (rps > best[$1 "|" key]) best[$1 "|" key] = rps
}
END {
  for (i = 1; i <= count; i++) {
    split(keys[i], part, "|"); b = best["baseline|" keys[i]]; c = best["candidate|" keys[i]]
    printf "%-11s %-48s %12.0f %12.0f %+7.1f%%\n", part[1], part[2], b, c, b ? 100 * (c - b) / b : 0
  }
}'
for label in baseline candidate; do
  echo
  echo "issue 10's targets, $label (printed, not asserted):"
  grep "^$label " "$out/lines" | bench/targets.sh
done
