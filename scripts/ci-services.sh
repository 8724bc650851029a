#!/usr/bin/env bash
# Services the tests need, for .ci/run and fresh machines: makes sure redis-server and chromium are
# installed (from Debian's packages; chromium drives the web page's browser tests through playwright-core). The Redis tests spawn their own redis-server on a free loopback port, so nothing
# has to run beforehand; `--start` additionally starts one on 127.0.0.1 and prints its REDIS_URL (for
# trying `certstatus serve` by hand).
#
# Idempotent and never fatal: without network, apt or root it prints a loud warning and exits 0, and the
# Redis tests (or the browser tests) then say loudly that they were skipped.
set -u

PORT="${CERTSTATUS_REDIS_PORT:-6390}"

warn() {
  printf '\n!!! WARNING: %s\n!!! The Redis store tests will be SKIPPED.\n\n' "$1" >&2
}

install_redis() {
  if command -v redis-server >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    warn "redis-server is missing and apt-get is not available to install it."
    return 1
  fi
  local sudo=''
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo='sudo -n'; else
      warn "redis-server is missing and installing it needs root."
      return 1
    fi
  fi
  local apt_opts=(-qq -y -o Acquire::Retries=1 -o Acquire::http::Timeout=20 -o Dpkg::Use-Pty=0)
  local log
  log="$(mktemp)"
  echo "ci-services: installing redis-server from Debian's packages..."
  # Try with the package lists already on the machine first; refresh them only if that fails.
  if ! DEBIAN_FRONTEND=noninteractive timeout 300 $sudo apt-get install "${apt_opts[@]}" --no-install-recommends redis-server >"$log" 2>&1; then
    if ! { timeout 300 $sudo apt-get update "${apt_opts[@]}" &&
      DEBIAN_FRONTEND=noninteractive timeout 300 $sudo apt-get install "${apt_opts[@]}" --no-install-recommends redis-server; } >>"$log" 2>&1; then
      tail -n 5 "$log" >&2
      rm -f "$log"
      warn "apt-get could not install redis-server (no network or no package?)."
      return 1
    fi
  fi
  rm -f "$log"
  if ! command -v redis-server >/dev/null 2>&1; then
    warn "redis-server was installed but is not on PATH."
    return 1
  fi
}

start_redis() {
  local dir="${TMPDIR:-/tmp}/certstatus-redis-$PORT"
  mkdir -p "$dir"
  if redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
    echo "REDIS_URL=redis://127.0.0.1:$PORT (already running)"
    return 0
  fi
  redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 1 50); do
    if redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
      echo "REDIS_URL=redis://127.0.0.1:$PORT (pid $(cat "$dir/redis.pid"), stop with: kill \$(cat $dir/redis.pid))"
      return 0
    fi
    sleep 0.1
  done
  warn "redis-server did not answer on 127.0.0.1:$PORT (see $dir/redis.log)."
  return 1
}

warn_chromium() {
  printf '\n!!! WARNING: %s\n!!! The browser tests (web page, dashboard, flow graph images) will be SKIPPED.\n\n' "$1" >&2
}

# Debian's chromium at /usr/bin/chromium: playwright-core drives it (it never downloads a browser of its own).
install_chromium() {
  if command -v chromium >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    warn_chromium "chromium is missing and apt-get is not available to install it."
    return 1
  fi
  local sudo=''
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo='sudo -n'; else
      warn_chromium "chromium is missing and installing it needs root."
      return 1
    fi
  fi
  local apt_opts=(-qq -y -o Acquire::Retries=1 -o Acquire::http::Timeout=20 -o Dpkg::Use-Pty=0)
  local log
  log="$(mktemp)"
  echo "ci-services: installing chromium from Debian's packages..."
  if ! DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install "${apt_opts[@]}" --no-install-recommends chromium >"$log" 2>&1; then
    if ! { timeout 300 $sudo apt-get update "${apt_opts[@]}" &&
      DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install "${apt_opts[@]}" --no-install-recommends chromium; } >>"$log" 2>&1; then
      tail -n 5 "$log" >&2
      rm -f "$log"
      warn_chromium "apt-get could not install chromium (no network or no package?)."
      return 1
    fi
  fi
  rm -f "$log"
  if ! command -v chromium >/dev/null 2>&1; then
    warn_chromium "chromium was installed but is not on PATH."
    return 1
  fi
}

# dig (Debian's dnsutils) for `npm run bench`'s cold-start comparison only: no test needs it, so a failure
# is one line and the bench prints that it skipped the comparison.
install_dig() {
  command -v dig >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || return 1
  [ "$(id -u)" = 0 ] || return 1
  DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -qq -y -o Acquire::Retries=1 -o Dpkg::Use-Pty=0 --no-install-recommends dnsutils >/dev/null 2>&1
}
if install_dig; then echo "ci-services: dig $(dig -v 2>&1 | head -n 1)"; else echo "ci-services: dig not installed (only the cold-start bench compares against it)"; fi

if install_chromium; then
  echo "ci-services: $(chromium --version 2>/dev/null | head -n 1)"
fi

if install_redis; then
  echo "ci-services: $(redis-server --version | cut -d' ' -f1-3)"
  if [ "${1:-}" = "--start" ]; then start_redis || true; fi
fi
exit 0
