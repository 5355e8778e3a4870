#!/usr/bin/env bash
# The README's second command: every test against a real, throw-away Kafka broker and
# the machine's PostgreSQL, from a fresh clone with nothing prepared.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: npm test [-- <jest arguments>]   (or: bash deploy/local/test.sh [<jest arguments>])

Installs dependencies if needed, builds and type-checks (some e2e tests start the built services),
starts a fresh Kafka broker (instance test, formatted with new SCRAM credentials each time, ACLs
enforced), grants the service ACLs, runs jest with the given arguments as the broker's admin
(each service process the tests start connects as its own principal), stops the broker and
ends with one line "N passed, N failed". Exits with jest's exit code.
Examples: npm test -- --selectProjects unit     npm test -- libs/messaging

environment:
  TEST_KAFKA_PORT             test broker port (default 19192); TEST_KAFKA_CONTROLLER_PORT (default 19193)
  TEST_KAFKA_INSTANCE         name of the test broker's instance (default test), to run two test runs side by side
  TEST_DATABASE_ADMIN_URL     where tests create their databases (default postgres://postgres@127.0.0.1:5432/postgres)
EOF
}

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  usage
  exit 0
fi

RESULTS="$LOCAL_DIR/jest-results${TEST_KAFKA_INSTANCE:+-$TEST_KAFKA_INSTANCE}.json"
export KAFKA_INSTANCE="${TEST_KAFKA_INSTANCE:-test}"
# The publisher principal the end-to-end tests publish as (tests/support/ledger-stack.ts).
export KAFKA_EXTRA_PRINCIPALS=test-publisher
export KAFKA_PORT="${TEST_KAFKA_PORT:-19192}"
export KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19193}"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
export TEST_DATABASE_ADMIN_URL="${TEST_DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

stop_test_broker() {
  trap - EXIT
  bash "$SCRIPTS_DIR/kafka.sh" stop
}

# The tests connect as the broker's admin; each principal's password is there too, as
# KAFKA_<NAME>_PASSWORD, for the service processes the tests start (libs/testing/src/kafka.ts).
export_test_kafka_credentials() {
  set -a
  # shellcheck disable=SC1090 # written by kafka.sh
  source "$(bash "$SCRIPTS_DIR/kafka.sh" credentials)"
  set +a
  export KAFKA_SASL_MECHANISM=scram-sha-512 KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$KAFKA_ADMIN_PASSWORD"
}

# Failed test files (e.g. one that does not compile) count as failures too, so the line
# never says "0 failed" while jest reports a failure.
print_summary() {
  node -e 'const r = require(process.argv[1]);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);' "$RESULTS"
}

# Maven is checked by the fetch, and only when the jars are not cached yet.
require_tool node npm java
mkdir -p "$LOCAL_DIR"
rm -f "$RESULTS"
ensure_node_modules
bash "$SCRIPTS_DIR/kafka.sh" fetch
DATABASE_URL="$TEST_DATABASE_ADMIN_URL" bash "$SCRIPTS_DIR/postgres.sh" check
(cd "$REPO_ROOT" && npm run build && npm run typecheck)
trap stop_test_broker EXIT
trap 'exit 130' INT TERM
KAFKA_FRESH=1 bash "$SCRIPTS_DIR/kafka.sh" start
export_test_kafka_credentials
# The bootstrap step of npm start, checked here too (the tests grant their own names' ACLs).
(cd "$REPO_ROOT" && node dist/apps/cli/src/main.js kafka grant-service-acls)

jest_status=0
(cd "$REPO_ROOT" && npx jest --ci --json --outputFile="$RESULTS" "$@") || jest_status=$?
stop_test_broker
if [[ -f "$RESULTS" ]]; then print_summary; fi
exit "$jest_status"
