# Sourced by test.sh and tools/bench-suite.sh (bash, from the repository root, with `log` defined and `$results` an
# existing folder for apt's log). On Debian it installs what is missing (PostgreSQL, Redis, Chromium, nginx, python3)
# when run as root, starts PostgreSQL and a Redis on loopback, and exports the PLATFORM_TEST_* variables that point the
# tests and the benchmark at them.
need=()
command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if ((${#need[@]})); then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >"$results/apt.log" 2>&1
    apt-get install -y -qq "${need[@]}" >>"$results/apt.log" 2>&1 || { log "apt-get install failed: see $results/apt.log"; }
  else
    log "missing ${need[*]} and cannot install (not root or no apt-get); suites that need them will fail"
  fi
fi

PG_PORT=${PLATFORM_TEST_PG_PORT:-5432}
if command -v pg_lsclusters >/dev/null 2>&1; then
  cluster=$(pg_lsclusters -h 2>/dev/null | head -n1)
  if [ -z "$cluster" ]; then
    ver=$(ls /usr/lib/postgresql | sort -V | tail -n1)
    pg_createcluster "$ver" main >/dev/null 2>&1
    cluster=$(pg_lsclusters -h | head -n1)
  fi
  read -r pg_ver pg_name pg_port pg_status _ <<<"$cluster"
  PG_PORT=$pg_port
  if [ "$pg_status" != "online" ]; then
    pg_ctlcluster "$pg_ver" "$pg_name" start || log "PostgreSQL did not start"
  fi
  for _ in $(seq 1 30); do runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 0.5; done
  runuser -u postgres -- psql -q -p "$PG_PORT" -tc "SELECT 1 FROM pg_roles WHERE rolname='platform_test'" 2>/dev/null | grep -q 1 \
    || runuser -u postgres -- psql -q -p "$PG_PORT" -c "CREATE ROLE platform_test LOGIN SUPERUSER PASSWORD 'platform_test'" >/dev/null
  export PLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=platform_test;Password=platform_test;Database=postgres"
fi

REDIS_PORT=${PLATFORM_TEST_REDIS_PORT:-6379}
if command -v redis-server >/dev/null 2>&1; then
  if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.25; done
  fi
  export PLATFORM_TEST_REDIS="127.0.0.1:$REDIS_PORT"
fi

command -v chromium >/dev/null 2>&1 && export PLATFORM_TEST_CHROMIUM=$(command -v chromium)
command -v nginx >/dev/null 2>&1 && export PLATFORM_TEST_NGINX=$(command -v nginx)
