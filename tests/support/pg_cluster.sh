#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `pg_cluster.sh start DIR` makes a new cluster in
# a temporary folder, starts it listening only on a Unix socket inside that folder, and writes the
# connection URL to DIR/url (the `postgres` superuser, for making databases) and DIR/app_url (an
# empty database `ensemble` owned by the role `ensemble`, which is neither a superuser nor
# BYPASSRLS, as `ensemble serve` requires); `pg_cluster.sh stop DIR` stops it and removes the
# folder.
#
# The server refuses to run as root, and CI runs as root: there the cluster belongs to the
# `postgres` system user (created by the postgresql package). As any other user it runs as that
# user. A cluster left behind by a killed run is stopped and removed by the next start.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
action=$1
state_dir=$2

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
  # C.UTF-8 sorts and compares bytewise, as SQLite does, so both backends order rows alike.
  as_owner "$pg_bin/initdb" -D "$cluster_dir/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$cluster_dir/initdb.log" 2>&1 || {
    cat "$cluster_dir/initdb.log" >&2
    exit 1
  }
  # Only the Unix socket in our own folder: no port is taken, so parallel runs never collide.
  as_owner "$pg_bin/pg_ctl" -D "$cluster_dir/data" -l "$cluster_dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$cluster_dir' -c port=5432 \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    cat "$cluster_dir/server.log" >&2
    exit 1
  }
  as_owner "$pg_bin/psql" -h "$cluster_dir" -p 5432 -U postgres -d postgres -qAtX \
    -c "CREATE ROLE ensemble LOGIN NOSUPERUSER NOBYPASSRLS" \
    -c "CREATE DATABASE ensemble OWNER ensemble" >/dev/null
  echo "postgresql:///postgres?host=$cluster_dir&port=5432&user=postgres" >"$state_dir/url"
  echo "postgresql:///ensemble?host=$cluster_dir&port=5432&user=ensemble" >"$state_dir/app_url"
  echo "pg_cluster: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at $cluster_dir"
}

case "$action" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *) usage ;;
esac
