#!/usr/bin/env bash
# Prints random Kafka passwords for docker-compose.yml, one variable a line:
#   bash deploy/docker/generate-secrets.sh > .env && chmod 600 .env
# (.env is read by docker compose and must never be committed.) The names are those of
# the local stack's .local/kafka/<instance>/credentials.env.
set -euo pipefail
for principal in admin ledger outbox-relay ownership-projector reporting-projector audit; do
  name="${principal^^}"
  printf 'KAFKA_%s_PASSWORD=%s\n' "${name//-/_}" "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
done
