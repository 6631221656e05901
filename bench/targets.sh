#!/usr/bin/env bash
# The issue-10 targets, checked against bench/http_load.sh lines (from files or standard input;
# a line may carry bench/compare.sh's "LABEL ROUND " prefix, and where a route was run more than
# once, its best requests/s counts, with that run's p99). Prints one line per target saying met
# or not met; never fails the run (the machine, shared with wrk, decides too much of it):
#   - SQLite: the directory page and the audited read reach at least 30 % of /healthz's
#     requests/s, with p99 under 10 ms;
#   - PostgreSQL: the reads (directory page, structure, audited staff list) reach at least 50 %
#     of SQLite's requests/s on the same route.
# Beside them, for information: PostgreSQL's writes to two structures against its writes to one
# (the proof that they proceed in parallel is the storage test that holds two open at once).
# Usage: bench/targets.sh [FILE...]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# backend|route|requests/s|p99 in ms|errors, one line per measured route and run.
parsed=$(sed -E 's/^[a-z]+ [0-9]+ (sqlite|postgresql) /\1 /' "$@" |
  while read -r backend rest; do
    [[ $backend == sqlite || $backend == postgresql ]] || continue
    [[ $rest == resident* ]] && continue
    errors=0
    [[ $rest == *"(errors: see wrk output)" ]] && errors=1
    rest=${rest% (errors: see wrk output)}
    read -r -a field <<<"$rest"
    n=${#field[@]}
    ((n >= 6)) || continue
    route="${field[*]:0:n-5}"
    echo "$backend|$route|${field[n-5]}|$(to_ms "${field[n-3]}")|$errors"
  done)

awk -F'|' '
  { key = $1 "|" $2; if (!(key in rps) || $3 + 0 > rps[key]) { rps[key] = $3 + 0; p99[key] = $4 + 0; errors[key] = $5 } }
  function verdict(ok, key) { return errors[key] ? "not met (errors: see wrk output)" : ok ? "met" : "not met" }
  function of_healthz(route,   key, base, ratio) {
    key = "sqlite|" route; base = rps["sqlite|GET /healthz (baseline)"]
    if (!(key in rps) || !base) { printf "target %-10s %-48s not measured\n", "SQLite", route; return }
    ratio = rps[key] / base
    printf "target %-10s %-48s %5.1f %% of /healthz (>= 30 %%), p99 %.2f ms (< 10 ms): %s\n",
      "SQLite", route, 100 * ratio, p99[key], verdict(ratio >= 0.30 && p99[key] < 10, key)
  }
  function of_sqlite(route,   pg, lite, ratio) {
    pg = "postgresql|" route; lite = "sqlite|" route
    if (!(pg in rps) || !rps[lite]) { printf "target %-10s %-48s not measured\n", "PostgreSQL", route; return }
    ratio = rps[pg] / rps[lite]
    printf "target %-10s %-48s %5.1f %% of the SQLite requests/s (>= 50 %%): %s\n", "PostgreSQL",
      route, 100 * ratio, verdict(ratio >= 0.50, pg)
  }
  END {
    directory = "GET /api/v1/structures?page_size=20 (directory)"
    audited = "GET /api/v1/structures/{id}/staff (audited)"
    of_healthz(directory); of_healthz(audited)
    of_sqlite(directory); of_sqlite("GET /api/v1/structures/{id} (read)"); of_sqlite(audited)
    one = rps["postgresql|PATCH /api/v1/structures/{id} (write)"]
    two = rps["postgresql|PATCH two structures, alternating (write)"]
    if (one && two)
      printf "info   %-10s %-48s %.2fx the writes to one structure (%.0f against %.0f requests/s)\n",
        "PostgreSQL", "PATCH two structures, alternating (write)", two / one, two, one
  }' <<<"$parsed"
