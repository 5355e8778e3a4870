#!/usr/bin/env bash
# The README's first command: from a fresh clone to a running ledger with demo data,
# without Docker. Safe to run again: what already runs is left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: npm start   (or: bash deploy/local/up.sh)

Installs dependencies if needed, builds, starts Kafka (instance dev, SASL/SCRAM with ACLs)
and every built service in the background (each connecting to Kafka as its own principal),
waits until each answers /health/ready, provisions the service accounts (keys in
.local/credentials.env, created only when absent), loads the demo data as the demo
publisher and prints where to look. Stop everything with: npm stop

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
CREDENTIALS_FILE="$LOCAL_DIR/credentials.env"
KAFKA_CREDENTIALS_FILE="$(KAFKA_INSTANCE=dev bash "$SCRIPTS_DIR/kafka.sh" credentials)"
STARTED=()

service_entry() { echo "dist/apps/$1/src/main.js"; }
# The node options a service is deployed with (deploy/service-node-options.json), one per line.
service_node_options() {
  node -e 'for (const option of require(process.argv[1])[process.argv[2]] ?? []) console.log(option)' \
    "$REPO_ROOT/deploy/service-node-options.json" "$1"
}

ledgerctl() { (cd "$REPO_ROOT" && node "$(service_entry cli)" "$@"); }

# The password of a Kafka principal in the dev broker's credentials file (empty when it has none).
kafka_password() {
  local name=${1^^}
  sed -n "s/^KAFKA_${name//-/_}_PASSWORD=//p" "$KAFKA_CREDENTIALS_FILE" | head -n 1
}

# Runs a command as the broker's admin (ledgerctl kafka ... reads KAFKA_SASL_*).
as_kafka_admin() {
  KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$(kafka_password admin)" "$@"
}

start_service() {
  local name=$1 port=$2 pid
  local pidfile="$RUN_DIR/$name.pid" log="$LOG_DIR/$name.log"
  if pid="$(running_pid "$pidfile" "$(service_entry "$name")")"; then
    say "$name is already running (pid $pid)."
  else
    port_accepts_connections 127.0.0.1 "$port" &&
      die "Port $port, needed by $name, is already in use by another program: stop it and run again."
    say "Starting $name on port $port..."
    # Each service is its own Kafka principal (a service without one connects as none, and is refused).
    local password options
    password="$(kafka_password "$name")"
    mapfile -t options < <(service_node_options "$name")
    # Only `nohup node` goes to the background, so the pid file holds node's own pid.
    (
      cd "$REPO_ROOT"
      PORT="$port" KAFKA_SASL_USERNAME="${password:+$name}" KAFKA_SASL_PASSWORD="$password" \
        nohup node "${options[@]}" "$(service_entry "$name")" >>"$log" 2>&1 &
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

# The value of a variable in the credentials file (empty when it is not there).
credential() {
  [[ -f "$CREDENTIALS_FILE" ]] || return 0
  sed -n "s/^$1=//p" "$CREDENTIALS_FILE" | head -n 1
}

# Sets VARIABLE=KEY in the credentials file (replacing a stale one), readable by its owner only.
remember_key() {
  if [[ -f "$CREDENTIALS_FILE" ]]; then sed -i "/^$1=/d" "$CREDENTIALS_FILE"; fi
  (umask 077 && echo "$1=$2" >>"$CREDENTIALS_FILE")
}

# True when the ledger accepts the key (a key kept from a database since reset is not).
key_works() {
  LEDGER_PROBE_KEY="$1" node -e '
    fetch("http://127.0.0.1:3000/openapi.json", { headers: { authorization: `Bearer ${process.env.LEDGER_PROBE_KEY}` } })
      .then((response) => process.exit(response.status === 200 ? 0 : 1), () => process.exit(1));'
}

# A key for the account: a new account, or a new key for an account whose key was lost with the file.
issue_key() {
  local account=$1 admin_key=$2
  shift 2
  if LEDGER_API_KEY="$admin_key" ledgerctl auth list-accounts | grep -q "^$account "; then
    LEDGER_API_KEY="$admin_key" ledgerctl auth rotate-key "$account" | tail -n 1
  else
    LEDGER_API_KEY="$admin_key" ledgerctl auth create-account "$account" "$@" | tail -n 1
  fi
}

# Service accounts of the local stack; a key is created only when the file lacks a working one.
provision_accounts() {
  [[ -f "$REPO_ROOT/$(service_entry cli)" ]] || return 0
  local admin_key key entry variable account
  admin_key="$(credential LEDGER_ADMIN_KEY)"
  if [[ -z "$admin_key" ]] || ! key_works "$admin_key"; then
    say "Creating the admin service account..."
    admin_key="$(ledgerctl auth bootstrap-admin --database-url "$DATABASE_URL" | tail -n 1)"
    remember_key LEDGER_ADMIN_KEY "$admin_key"
  fi
  # The demo publisher may write for the demo's partnerships only.
  local demo_partnerships
  demo_partnerships="$(ledgerctl demo partnerships | paste -sd, -)"
  for entry in "LEDGER_DEMO_PUBLISHER_KEY demo-publisher --roles publisher --partnership-scope $demo_partnerships" \
    "LEDGER_AUDITOR_KEY auditor --roles auditor" "LEDGER_ANALYST_KEY analyst --roles analyst"; do
    read -r variable account args <<<"$entry"
    key="$(credential "$variable")"
    [[ -n "$key" ]] && key_works "$key" && continue
    say "Creating the $account service account..."
    # shellcheck disable=SC2086 # the options are words on purpose
    key="$(issue_key "$account" "$admin_key" $args)"
    remember_key "$variable" "$key"
  done
}

# The demo publisher may publish over Kafka too, on its own ingest topic.
provision_demo_kafka_publisher() {
  [[ -n "$(kafka_password demo-publisher)" ]] && return 0
  KAFKA_INSTANCE=dev bash "$SCRIPTS_DIR/kafka.sh" add-principal demo-publisher
  as_kafka_admin ledgerctl kafka add-publisher demo-publisher
}

load_demo() {
  [[ "${LOAD_DEMO:-1}" == "1" && -f "$REPO_ROOT/$(service_entry cli)" ]] || return 0
  # Every demo submission carries an idempotency key, so loading twice records it once.
  say "Loading the demo data as demo-publisher..."
  LEDGER_API_KEY="$(credential LEDGER_DEMO_PUBLISHER_KEY)" LEDGER_AUDITOR_KEY="$(credential LEDGER_AUDITOR_KEY)" \
    ledgerctl demo load --ledger-url http://127.0.0.1:3000
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
  say ""
  say "Every endpoint but /health needs an API key. The keys of the local accounts (admin, demo-publisher,"
  say "auditor, analyst) are in $CREDENTIALS_FILE (Kafka passwords: $KAFKA_CREDENTIALS_FILE):"
  say "  source $CREDENTIALS_FILE"
  say "  curl -H \"Authorization: Bearer \$LEDGER_ADMIN_KEY\" http://127.0.0.1:3000/admin/service-accounts"
  say "  LEDGER_API_KEY=\$LEDGER_ADMIN_KEY npm run ledgerctl -- auth list-accounts"
  say "In a browser, /docs asks for a login: any user name, a key as the password."
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
  as_kafka_admin ledgerctl kafka grant-service-acls
  bash "$SCRIPTS_DIR/postgres.sh" create-db
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  local entry
  for entry in "${SERVICES[@]}"; do
    if [[ -f "$REPO_ROOT/$(service_entry "${entry%%:*}")" ]]; then start_service "${entry%%:*}" "${entry##*:}"; fi
  done
  for entry in "${STARTED[@]}"; do wait_until_ready "${entry%%:*}" "${entry##*:}"; done
  provision_accounts
  provision_demo_kafka_publisher
  load_demo
  print_where_to_look
}

main "$@"
