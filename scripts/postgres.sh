# Sourced by scripts/test.sh: starts a throwaway PostgreSQL server on loopback in a
# temporary folder, exports ROTA_TEST_POSTGRES_URL for the store's tests, and stops
# it (removing the folder) when the shell exits. PostgreSQL refuses to run as root,
# so as root it runs as the `postgres` user. Does nothing when no server is
# installed (the tests then fail under CI=true and skip otherwise).

_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && echo "$d"
  done | sort -V | tail -n 1
}

start_postgres() {
  local bin port
  bin=$(_pg_bin)
  if [ -z "$bin" ]; then
    echo "PostgreSQL server not installed: store tests run on SQLite only" >&2
    return 0
  fi
  ROTA_PG_DIR=$(mktemp -d)
  port=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  ROTA_PG_AS=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$ROTA_PG_DIR"
    ROTA_PG_AS=(runuser -u postgres --)
  fi
  # (from /, which the postgres user may enter whatever the checkout's folder)
  (cd / && "${ROTA_PG_AS[@]}" "$bin/initdb" -D "$ROTA_PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync) >"$ROTA_PG_DIR/initdb.log" 2>&1 \
    || { cat "$ROTA_PG_DIR/initdb.log" >&2; return 1; }
  (cd / && "${ROTA_PG_AS[@]}" "$bin/pg_ctl" -D "$ROTA_PG_DIR/data" -l "$ROTA_PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $ROTA_PG_DIR -c fsync=off" start) >/dev/null \
    || { cat "$ROTA_PG_DIR/server.log" >&2; return 1; }
  ROTA_PG_CTL="$bin/pg_ctl"
  export ROTA_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  trap stop_postgres EXIT
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the store's tests"
}

stop_postgres() {
  if [ -n "${ROTA_PG_DIR:-}" ] && [ -d "$ROTA_PG_DIR" ]; then
    (cd / && "${ROTA_PG_AS[@]}" "$ROTA_PG_CTL" -D "$ROTA_PG_DIR/data" -m immediate stop) >/dev/null 2>&1 || true
    rm -rf "$ROTA_PG_DIR"
  fi
}
