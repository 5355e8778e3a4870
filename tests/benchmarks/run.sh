#!/usr/bin/env bash
# The ingest benchmark in one command (npm run bench): builds, starts a throw-away Kafka
# broker (instance "bench", formatted afresh with its own SCRAM credentials and ACLs, as
# npm test does), runs the benchmark against it and a fresh database on the machine's
# PostgreSQL, prints the table and writes tests/benchmarks/results/<timestamp>.json,
# then stops the broker. Arguments go to the benchmark (e.g. --smoke).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/local/lib.sh"

usage() {
  cat <<EOF
usage: npm run bench [-- --smoke] [-- --repetitions N] [-- --events N] [-- --history-events N] [-- --only PREFIX,...] [-- --out FILE]

environment:
  BENCH_KAFKA_PORT            bench broker port (default 19292); BENCH_KAFKA_CONTROLLER_PORT (default 19293)
  TEST_DATABASE_ADMIN_URL     where the benchmark creates its database (default postgres://postgres@127.0.0.1:5432/postgres)
  LOG_LEVEL                   of the ledger and relay under test (default warn: a log line per request is a cost of its own)
  RELAY_BATCH_SIZE, DATABASE_POOL_SIZE   passed to the services under test
  SERVICE_NODE_OPTIONS        node options of the services and commands under test only, e.g.
                              "--max-old-space-size=256" to cap their heaps (default none); given
                              after those each service is deployed with (deploy/service-node-options.json)
EOF
}

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  usage
  exit 0
fi

export KAFKA_INSTANCE=bench
export KAFKA_EXTRA_PRINCIPALS=test-publisher
export KAFKA_PORT="${BENCH_KAFKA_PORT:-19292}"
export KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-19293}"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
export TEST_DATABASE_ADMIN_URL="${TEST_DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"

stop_bench_broker() {
  trap - EXIT
  bash "$SCRIPTS_DIR/kafka.sh" stop
}

require_tool node npm java
ensure_node_modules
bash "$SCRIPTS_DIR/kafka.sh" fetch
DATABASE_URL="$TEST_DATABASE_ADMIN_URL" bash "$SCRIPTS_DIR/postgres.sh" check
(cd "$REPO_ROOT" && npm run build)
trap stop_bench_broker EXIT
trap 'exit 130' INT TERM
KAFKA_FRESH=1 bash "$SCRIPTS_DIR/kafka.sh" start
set -a
# shellcheck disable=SC1090 # written by kafka.sh
source "$(bash "$SCRIPTS_DIR/kafka.sh" credentials)"
set +a
export KAFKA_SASL_MECHANISM=scram-sha-512 KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$KAFKA_ADMIN_PASSWORD"
(cd "$REPO_ROOT" && node dist/apps/cli/src/main.js kafka grant-service-acls)
(cd "$REPO_ROOT" && node dist/tests/benchmarks/ingest.bench.js "$@")
