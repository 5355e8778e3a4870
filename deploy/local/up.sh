#!/usr/bin/env bash
# The README's first command: from a fresh clone to a running ledger with demo data,
# without Docker. Safe to run again: what already runs is left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: npm start   (or: bash deploy/local/up.sh)

Installs dependencies if needed, builds, starts Kafka (instance dev) and every built
service in the background, waits until each answers /health/ready, loads the demo data
and prints where to look. Stop everything with: npm stop

environment:
  DATABASE_URL           (default postgres://postgres@127.0.0.1:5432/alignment_ledger; created if missing)
  KAFKA_PORT             dev broker port (default 9092); KAFKA_CONTROLLER_PORT (default 9093)
  READY_TIMEOUT_SECONDS  how long each service may take to become ready (default 60)
  LOAD_DEMO=0            skip loading the demo data
EOF
}

# Every service the product has, with its HTTP port; only the built ones are started.
SERVICES=(ledger:3000 outbox-relay:3001 ownership-projector:3002 reporting-projector:3003 query-api:3004 audit:3005)

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/alignment_ledger}"
export KAFKA_PORT="${KAFKA_PORT:-9092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
READY_TIMEOUT_SECONDS="${READY_TIMEOUT_SECONDS:-60}"
STARTED=()

service_entry() { echo "dist/apps/$1/src/main.js"; }

start_service() {
  local name=$1 port=$2 pid
  local pidfile="$RUN_DIR/$name.pid" log="$LOG_DIR/$name.log"
  if pid="$(running_pid "$pidfile" "$(service_entry "$name")")"; then
    say "$name is already running (pid $pid)."
  else
    port_accepts_connections 127.0.0.1 "$port" &&
      die "Port $port, needed by $name, is already in use by another program: stop it and run again."
    say "Starting $name on port $port..."
    # Only `nohup node` goes to the background, so the pid file holds node's own pid.
    (
      cd "$REPO_ROOT"
      PORT="$port" nohup node "$(service_entry "$name")" >>"$log" 2>&1 &
      echo $! >"$pidfile"
    )
  fi
  STARTED+=("$name:$port")
}

wait_until_ready() {
  local name=$1 port=$2 pid
  local url="http://127.0.0.1:$port/health/ready" log="$LOG_DIR/$name.log"
  pid="$(cat "$RUN_DIR/$name.pid")"
  if ! wait_for_port 127.0.0.1 "$port" "$READY_TIMEOUT_SECONDS" "$pid" ||
    ! node "$SCRIPTS_DIR/wait-for.js" http "$url" "$((READY_TIMEOUT_SECONDS * 1000))"; then
    show_log_tail "$log" 40
    die "$name did not become ready at $url within $READY_TIMEOUT_SECONDS s: see $log (npm stop stops what started)."
  fi
  say "$name is ready."
}

load_demo() {
  local cli
  cli="$(service_entry cli)"
  [[ "${LOAD_DEMO:-1}" == "1" && -f "$REPO_ROOT/$cli" ]] || return 0
  # Every demo submission carries an idempotency key, so loading twice records it once.
  say "Loading the demo data..."
  (cd "$REPO_ROOT" && node "$cli" demo load --ledger-url http://127.0.0.1:3000)
}

print_where_to_look() {
  local entry name port
  say ""
  say "The Alignment Ledger runs locally:"
  for entry in "${STARTED[@]}"; do
    name=${entry%%:*} port=${entry##*:}
    printf '  %-20s http://127.0.0.1:%s   (OpenAPI: http://127.0.0.1:%s/docs)\n' "$name" "$port" "$port"
  done
  say "  Kafka                127.0.0.1:$KAFKA_PORT"
  say "  PostgreSQL           $DATABASE_URL"
  say "Logs: $LOG_DIR (Kafka: $LOCAL_DIR/kafka/dev/kafka.log)"
  say "Stop everything with: npm stop"
}

main() {
  case "${1:-}" in
    -h | --help | help) usage && return 0 ;;
    "") ;;
    *) usage >&2 && exit 2 ;;
  esac
  require_tool node npm java # and Maven, checked by the Kafka fetch only when the jars are not cached
  ensure_node_modules
  (cd "$REPO_ROOT" && npm run build)
  KAFKA_INSTANCE=dev bash "$SCRIPTS_DIR/kafka.sh" start
  bash "$SCRIPTS_DIR/postgres.sh" create-db
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  local entry
  for entry in "${SERVICES[@]}"; do
    if [[ -f "$REPO_ROOT/$(service_entry "${entry%%:*}")" ]]; then start_service "${entry%%:*}" "${entry##*:}"; fi
  done
  for entry in "${STARTED[@]}"; do wait_until_ready "${entry%%:*}" "${entry##*:}"; done
  load_demo
  print_where_to_look
}

main "$@"
