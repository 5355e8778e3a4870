#!/usr/bin/env bash
# Stops what `npm start` started: the services first (so none loses its broker while
# it shuts down cleanly), then the dev Kafka. Data stays for the next start.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: npm stop   (or: bash deploy/local/down.sh)

Stops every service started by npm start (SIGTERM, SIGKILL after 30 s) and then the
dev Kafka broker. Kafka data and the database are kept.
EOF
}

case "${1:-}" in
  -h | --help | help) usage && exit 0 ;;
  "") ;;
  *) usage >&2 && exit 2 ;;
esac

shopt -s nullglob
for pidfile in "$RUN_DIR"/*.pid; do
  name="$(basename "$pidfile" .pid)"
  stop_process "$pidfile" "dist/apps/$name/src/main.js" "$name" &
done
wait
KAFKA_INSTANCE=dev bash "$SCRIPTS_DIR/kafka.sh" stop
