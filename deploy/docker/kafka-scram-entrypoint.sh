#!/usr/bin/env bash
# Starts the apache/kafka image with SASL/SCRAM users, for docker-compose.yml.
#
# SCRAM credentials live in the KRaft metadata and must exist before the broker starts
# (the broker authenticates to itself as admin), but the image formats its storage
# without any. So this wrapper renders the image's configuration, formats the storage
# once with the admin's and every service principal's credentials, and hands over to
# the image's own start script (which finds the storage formatted and leaves it).
# Passwords come from the environment (SCRAM_*, set from .env by docker-compose.yml);
# later principals are added with kafka-configs.sh --alter --add-config 'SCRAM-SHA-512=[...]'.
set -euo pipefail

: "${SCRAM_ADMIN_PASSWORD:?SCRAM_ADMIN_PASSWORD is not set: create .env with bash deploy/docker/generate-secrets.sh}"
jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$SCRAM_ADMIN_PASSWORD\";"

umask 077
printf 'KafkaServer {\n  %s\n};\n' "$jaas" >/tmp/kafka-server-jaas.conf
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' "$jaas" >/tmp/admin-client.properties

/etc/kafka/docker/configure

credentials=(--add-scram "SCRAM-SHA-512=[name=admin,password=$SCRAM_ADMIN_PASSWORD]")
for principal in ${SCRAM_PRINCIPALS:-}; do
  variable="SCRAM_PASSWORD_${principal^^}"
  variable="${variable//-/_}"
  credentials+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=${!variable:?$variable is not set}]")
done
/opt/kafka/bin/kafka-storage.sh format --cluster-id "$CLUSTER_ID" -c /etc/kafka/kafka.properties --ignore-formatted "${credentials[@]}"

exec /etc/kafka/docker/run
