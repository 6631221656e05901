#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `pg_cluster.sh start DIR` makes a new cluster in
# a temporary folder, starts it listening only on a Unix socket inside that folder, and writes the
# connection URL to DIR/url (the `postgres` superuser, for making databases) and DIR/app_url (an
# empty database `ensemble` owned by the role `ensemble`, which is neither a superuser nor
# BYPASSRLS, as `ensemble serve` requires); `pg_cluster.sh stop DIR` stops it and removes the
# folder.
#
# The shared cluster of the test run trades durability for speed (fsync, synchronous_commit and
# full_page_writes off). `start DIR --durable` keeps PostgreSQL's defaults instead, for the crash
# test: `kill DIR` then kills the postmaster and every process it started with SIGKILL, as a
# crash would, and `restart DIR` starts it again on the same data, through crash recovery.
#
# The server refuses to run as root, and CI runs as root: there the cluster belongs to the
# `postgres` system user (created by the postgresql package). As any other user it runs as that
# user. A cluster left behind by a killed run is stopped and removed by the next start.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [--durable] | stop DIR | kill DIR | restart DIR" >&2
  exit 2
}

[[ $# -eq 2 || ($# -eq 3 && $1 == start && $3 == --durable) ]] || usage
action=$1
state_dir=$2
durable=${3:-}

pg_bin=${ENSEMBLE_PG_BIN:-}
if [[ -z "$pg_bin" ]]; then
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [[ -x "$candidate/initdb" ]]; then
      pg_bin=$candidate
      break
    fi
  done
fi
[[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || {
  echo "pg_cluster: initdb not found; run ./scripts/setup (Debian package postgresql-15)" >&2
  exit 1
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  local data_file="$state_dir/cluster_dir"
  [[ -f "$data_file" ]] || return 0
  local cluster_dir
  cluster_dir=$(cat "$data_file")
  if [[ -d "$cluster_dir/data" ]]; then
    # Immediate: the data is thrown away, so there is nothing to flush.
    as_owner "$pg_bin/pg_ctl" -D "$cluster_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  # Only ever remove a folder this script made (its name says so).
  if [[ "$cluster_dir" == */ensemble-pg.* ]]; then
    rm -rf -- "$cluster_dir"
  fi
  rm -f -- "$data_file" "$state_dir/url" "$state_dir/app_url"
}

# The folder of the cluster that DIR records; fails when there is none.
recorded_cluster() {
  [[ -f "$state_dir/cluster_dir" ]] || {
    echo "pg_cluster: no cluster recorded in $state_dir" >&2
    exit 1
  }
  cat "$state_dir/cluster_dir"
}

# Starts the postmaster on its data folder and waits until it accepts connections; after a crash
# this runs recovery from the write-ahead log first. The settings are in its postgresql.conf.
run_postmaster() {
  local cluster_dir=$1
  as_owner "$pg_bin/pg_ctl" -D "$cluster_dir/data" -l "$cluster_dir/server.log" -w -t 60 \
    start >/dev/null || {
    cat "$cluster_dir/server.log" >&2
    exit 1
  }
}

start_cluster() {
  mkdir -p "$state_dir"
  stop_cluster  # a cluster left behind by a killed run
  # A short path under /tmp: the socket path must fit in 107 bytes, and the postgres user must be
  # able to reach it (the build tree may sit in a folder only root can enter).
  local cluster_dir
  cluster_dir=$(mktemp -d /tmp/ensemble-pg.XXXXXX)
  echo "$cluster_dir" >"$state_dir/cluster_dir"
  chmod 755 "$cluster_dir"
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$cluster_dir"; fi
  # A durable cluster is also flushed to disk once made, as a real one is.
  local initdb_options=(--no-sync)
  [[ -n "$durable" ]] && initdb_options=()
  # C.UTF-8 sorts and compares bytewise, as SQLite does, so both backends order rows alike.
  as_owner "$pg_bin/initdb" -D "$cluster_dir/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 "${initdb_options[@]}" >"$cluster_dir/initdb.log" 2>&1 || {
    cat "$cluster_dir/initdb.log" >&2
    exit 1
  }
  # Only the Unix socket in our own folder: no port is taken, so parallel runs never collide.
  # Appended to the file the postgres user owns, so that a restart after a crash keeps them.
  {
    echo "listen_addresses = ''"
    echo "unix_socket_directories = '$cluster_dir'"
    echo "port = 5432"
    echo "max_connections = 200"
    if [[ -n "$durable" ]]; then
      echo "fsync = on"
      echo "synchronous_commit = on"
      echo "full_page_writes = on"
    else
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } >>"$cluster_dir/data/postgresql.conf"
  run_postmaster "$cluster_dir"
  as_owner "$pg_bin/psql" -h "$cluster_dir" -p 5432 -U postgres -d postgres -qAtX \
    -c "CREATE ROLE ensemble LOGIN NOSUPERUSER NOBYPASSRLS" \
    -c "CREATE DATABASE ensemble OWNER ensemble" >/dev/null
  echo "postgresql:///postgres?host=$cluster_dir&port=5432&user=postgres" >"$state_dir/url"
  echo "postgresql:///ensemble?host=$cluster_dir&port=5432&user=ensemble" >"$state_dir/app_url"
  echo "pg_cluster: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at $cluster_dir"
}

# SIGKILL to the postmaster of this cluster and to every process it started, nothing else: the
# postmaster's pid comes from its own lock file and is checked to be a postgres of this data
# folder. Each child leads a session of its own, so no process group holds them all; the
# postmaster is stopped first so that it starts no new one while they are listed.
kill_cluster() {
  local cluster_dir postmaster
  cluster_dir=$(recorded_cluster)
  postmaster=$(head -n1 "$cluster_dir/data/postmaster.pid" 2>/dev/null) || {
    echo "pg_cluster: no postmaster.pid in $cluster_dir/data: not running" >&2
    exit 1
  }
  if ! tr '\0' ' ' <"/proc/$postmaster/cmdline" 2>/dev/null | grep -qF -- "$cluster_dir/data"; then
    echo "pg_cluster: process $postmaster is not the postmaster of $cluster_dir/data" >&2
    exit 1
  fi
  kill -STOP "$postmaster"
  local processes children
  mapfile -t children < <(pgrep -P "$postmaster" || true)
  processes=("$postmaster" "${children[@]}")
  kill -KILL "${processes[@]}"
  # Gone once reaped by whoever adopted them (init): PostgreSQL takes a zombie postmaster for a
  # live one and would refuse to start on its data folder.
  local pid i alive
  for ((i = 0; i < 200; i++)); do
    alive=0
    for pid in "${processes[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    ((alive)) || break
    sleep 0.05
  done
  ((alive == 0)) || {
    echo "pg_cluster: processes of $cluster_dir still there 10 s after SIGKILL" >&2
    exit 1
  }
  echo "pg_cluster: killed ${#processes[@]} processes of $cluster_dir (postmaster $postmaster)"
}

restart_cluster() {
  run_postmaster "$(recorded_cluster)"
}

case "$action" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  kill) kill_cluster ;;
  restart) restart_cluster ;;
  *) usage ;;
esac
