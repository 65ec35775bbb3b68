#!/usr/bin/env bash
# A throwaway PostgreSQL server for the integration tests, in a temp dir, on a free port of
# 127.0.0.1, trust auth. Run as root it runs the server as the `postgres` user (Debian's package
# creates it); otherwise as the current user.
#
#   tests/support/postgres-server.sh npm run test:integration   # start, run, stop
#   source tests/support/postgres-server.sh; start_test_postgres  # sets TEST_DATABASE_URL
#                                                                 # (then stop_test_postgres)

find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    echo "$PG_BIN"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$dir" ]]; then
    echo "PostgreSQL server binaries not found: apt-get install -y postgresql (or set PG_BIN)" >&2
    return 1
  fi
  echo "$dir"
}

as_pg_user() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

free_port() {
  local node=node
  [[ -x node_modules/.bin/node ]] && node=node_modules/.bin/node
  "$node" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start_test_postgres() {
  local bin port
  bin=$(find_pg_bin) || return 1
  port=$(free_port)
  TEST_PG_DATA=$(mktemp -d -t ambit-pg-XXXXXX)
  TEST_PG_BIN=$bin
  [[ $(id -u) -eq 0 ]] && chown postgres: "$TEST_PG_DATA"
  as_pg_user "$bin/initdb" -D "$TEST_PG_DATA/data" -U postgres -A trust -E UTF8 --no-sync \
    >"$TEST_PG_DATA/initdb.log" 2>&1 || {
    cat "$TEST_PG_DATA/initdb.log" >&2
    return 1
  }
  as_pg_user "$bin/pg_ctl" -D "$TEST_PG_DATA/data" -l "$TEST_PG_DATA/server.log" -w -s \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $TEST_PG_DATA -c fsync=off" start || {
    cat "$TEST_PG_DATA/server.log" >&2
    return 1
  }
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($TEST_PG_DATA)"
}

stop_test_postgres() {
  [[ -n "${TEST_PG_DATA:-}" && -d "$TEST_PG_DATA" ]] || return 0
  as_pg_user "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DATA/data" -m fast -w -s stop || true
  rm -rf "$TEST_PG_DATA"
  TEST_PG_DATA=
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  if [[ $# -eq 0 ]]; then
    echo "usage: $0 command [args...]   (runs the command with TEST_DATABASE_URL set)" >&2
    exit 2
  fi
  trap stop_test_postgres EXIT
  start_test_postgres
  "$@"
fi
