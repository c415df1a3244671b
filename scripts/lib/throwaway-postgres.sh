# Sourced, not run: starts a throw-away PostgreSQL server on 127.0.0.1 (free port, temp data dir, removed on exit)
# and leaves PG_PORT, PG_TMP set (PG_DURABLE=1: commits flushed to disk, as in production; else fsync off). Needs
# log() and die() defined by the caller. Installs the distribution's 'postgresql' package when run as root and the
# server binaries are missing. Used by scripts/test and bench/web.sh.

PG_USER_SYSTEM="castellan-pg"
IS_ROOT=0
[[ "$(id -u)" == "0" ]] && IS_ROOT=1

# --- locate PostgreSQL server binaries -------------------------------------
PG_BIN=""
find_pg_bin() {
  PG_BIN=""
  local d
  # Highest version under /usr/lib/postgresql/*/bin first.
  while IFS= read -r d; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
      PG_BIN="$d"
    fi
  done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V)
  if [[ -z "$PG_BIN" ]]; then
    local initdb_path pg_ctl_path
    initdb_path="$(command -v initdb 2>/dev/null || true)"
    pg_ctl_path="$(command -v pg_ctl 2>/dev/null || true)"
    if [[ -n "$initdb_path" && -n "$pg_ctl_path" ]]; then
      PG_BIN="$(dirname "$initdb_path")"
      [[ -x "$PG_BIN/pg_ctl" ]] || PG_BIN="$(dirname "$pg_ctl_path")"
    fi
  fi
  [[ -n "$PG_BIN" ]]
}

if ! find_pg_bin; then
  if [[ "$IS_ROOT" == "1" ]]; then
    log "PostgreSQL server binaries not found; installing the 'postgresql' package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    find_pg_bin || die "PostgreSQL server binaries (initdb, pg_ctl) still not found after installing 'postgresql'"
  else
    printf '%s: ' "$LOG_NAME" >&2; printf 'PostgreSQL server binaries (initdb, pg_ctl) not found.\n' >&2
    printf '%s: ' "$LOG_NAME" >&2; printf 'Install them with:  sudo apt-get install postgresql\n' >&2
    exit 1
  fi
fi

pg_tool() {  # path of a PostgreSQL client/server tool
  if [[ -x "$PG_BIN/$1" ]]; then
    printf '%s\n' "$PG_BIN/$1"
  else
    command -v "$1" 2>/dev/null || die "PostgreSQL tool '$1' not found"
  fi
}
INITDB="$(pg_tool initdb)"
PG_CTL="$(pg_tool pg_ctl)"
PG_ISREADY="$(pg_tool pg_isready)"
PG_VERSION="$("$PG_CTL" --version 2>/dev/null || echo 'pg_ctl (unknown version)')"

# --- PostgreSQL refuses to run as root: use a dedicated system user ---------
if [[ "$IS_ROOT" == "1" ]]; then
  if ! id -u "$PG_USER_SYSTEM" >/dev/null 2>&1; then
    log "creating system user $PG_USER_SYSTEM (PostgreSQL does not run as root)"
    useradd -r -M -s /usr/sbin/nologin "$PG_USER_SYSTEM"
  fi
fi

# --- temp dir, cleanup ---------------------------------------------------------
PG_TMP=""
PG_DATA=""
PG_STARTED=0
CLEANED_UP=0

as_pg() {  # run a command as the PostgreSQL user, from inside the temp dir
  if [[ "$IS_ROOT" == "1" ]]; then
    if command -v runuser >/dev/null 2>&1; then
      ( cd "$PG_TMP" && runuser -u "$PG_USER_SYSTEM" -- "$@" )
    else
      local cmd
      cmd="$(printf '%q ' "$@")"
      ( cd "$PG_TMP" && su -s /bin/sh "$PG_USER_SYSTEM" -c "$cmd" )
    fi
  else
    ( cd "$PG_TMP" && "$@" )
  fi
}

cleanup() {
  [[ "$CLEANED_UP" == "1" ]] && return 0
  CLEANED_UP=1
  if [[ "$PG_STARTED" == "1" && -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
    log "stopping PostgreSQL"
    as_pg "$PG_CTL" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 \
      || { pid="$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
           [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true; }
  fi
  if [[ -n "$PG_TMP" && -d "$PG_TMP" ]]; then
    rm -rf -- "$PG_TMP"
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/castellan-test-pg.XXXXXX")"
if [[ "$IS_ROOT" == "1" ]]; then
  # The postgres user must be able to traverse to the temp dir.
  if ! runuser -u "$PG_USER_SYSTEM" -- test -x "$(dirname "$PG_TMP")" 2>/dev/null; then
    rm -rf -- "$PG_TMP"
    PG_TMP="$(mktemp -d /tmp/castellan-test-pg.XXXXXX)"
  fi
  chmod 755 "$PG_TMP"
  chown "$PG_USER_SYSTEM:" "$PG_TMP"
fi
PG_DATA="$PG_TMP/data"
PG_SOCK="$PG_TMP/sock"
PG_LOG="$PG_TMP/postgres.log"
as_pg mkdir -p "$PG_SOCK"

# --- free port ---------------------------------------------------------------
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' && return 0
  fi
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      printf '%s\n' "$p"
      return 0
    fi
  done
  return 1
}
PG_PORT="$(free_port)" || die "could not find a free TCP port"

# --- start PostgreSQL ------------------------------------------------------------
log "$PG_VERSION (from $PG_BIN), port $PG_PORT, data dir $PG_DATA"
if ! as_pg "$INITDB" -D "$PG_DATA" -A trust -U castellan --no-sync -E UTF8 --no-locale >"$PG_TMP/initdb.log" 2>&1; then
  cat "$PG_TMP/initdb.log" >&2
  die "initdb failed"
fi

# Tests trade durability for speed (fsync off: the data is thrown away anyway). PG_DURABLE=1 (bench/web.sh) keeps the
# defaults a production server has — every commit flushed to disk — so that figures compare with SQLite, which flushes too.
PG_OPTS="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCK -c max_connections=400"
[[ "${PG_DURABLE:-0}" == "1" ]] || PG_OPTS+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
PG_STARTED=1
if ! as_pg "$PG_CTL" -D "$PG_DATA" -l "$PG_LOG" -o "$PG_OPTS" -W start >/dev/null; then
  cat "$PG_LOG" >&2 2>/dev/null || true
  die "pg_ctl start failed"
fi

ready=0
for _ in $(seq 1 60); do
  if "$PG_ISREADY" -q -h 127.0.0.1 -p "$PG_PORT" -t 1 >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.5
done
if [[ "$ready" != "1" ]]; then
  printf '%s: ' "$LOG_NAME" >&2; printf 'PostgreSQL did not become ready within 30 s; server log:\n' >&2
  cat "$PG_LOG" >&2 2>/dev/null || true
  exit 1
fi
log "PostgreSQL ready on 127.0.0.1:$PG_PORT"
