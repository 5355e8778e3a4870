#!/usr/bin/env bash
# PostgreSQL is not started by the project (it runs as a system service on the machine):
# this script only checks it answers and creates the databases the stack needs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: bash deploy/local/postgres.sh check | create-db [name...]

  check              check that PostgreSQL answers at DATABASE_URL's host
  create-db [name]   create each named database if missing
                     (no name: the database DATABASE_URL names)

environment:
  DATABASE_URL  server and database (default postgres://postgres@127.0.0.1:5432/alignment_ledger)
EOF
}

case "${1:-}" in
  check | create-db)
    require_tool node
    ensure_node_modules
    node "$SCRIPTS_DIR/pg-admin.js" "$@"
    ;;
  -h | --help | help) usage ;;
  *) usage >&2 && exit 2 ;;
esac
