#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, no ZooKeeper) straight from the Maven Central jars,
# because the development and CI machines have Java and Maven but no Docker.
#
# Secured as in production: clients authenticate with SASL/SCRAM-SHA-512 and the broker
# allows only what ACLs grant (allow.everyone.if.no.acl.found=false). The admin and every
# service principal get a random password when the instance is formatted, written to
# .local/kafka/<instance>/credentials.env (mode 600, never committed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: bash deploy/local/kafka.sh fetch|start|stop|status|add-principal NAME|credentials

  fetch               download the Kafka jars with Maven into the cache (skipped when complete)
  start               fetch, format the instance on first run (with the SCRAM credentials of
                      the admin and the service principals), start the broker in the
                      background and wait until it answers metadata requests (60 s at most)
  stop                stop the broker: SIGTERM, then SIGKILL after 30 s
  status              say whether the broker runs (exit status 0 when it does, 3 when not)
  add-principal NAME  give a new principal (e.g. a publisher's service account id) SCRAM
                      credentials on the running broker; its password is added to the
                      credentials file (kept when it is there already). ACLs decide what
                      it may do: ledgerctl kafka add-publisher NAME lets it publish
  credentials         print the path of the instance's credentials file

environment:
  KAFKA_VERSION          Kafka release to run (default 3.9.1)
  KAFKA_PORT             client port on 127.0.0.1 (default 9092)
  KAFKA_CONTROLLER_PORT  KRaft controller port on 127.0.0.1 (default 9093)
  KAFKA_INSTANCE         name of the instance; data and logs in .local/kafka/<instance> (default dev)
  KAFKA_FRESH=1          start: throw the instance's data away first (stops it if running)
  KAFKA_EXTRA_PRINCIPALS more principals to create at format time, space separated (tests use it)
  ALIGNMENT_LEDGER_CACHE jar cache root (default ~/.cache/alignment-ledger)
EOF
}

KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
SLF4J_VERSION="1.7.36"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_INSTANCE="${KAFKA_INSTANCE:-dev}"
READY_TIMEOUT_SECONDS=60

JAR_DIR="$CACHE_ROOT/kafka-$KAFKA_VERSION/libs"
JARS_COMPLETE_MARKER="$JAR_DIR/.complete"
INSTANCE_DIR="$LOCAL_DIR/kafka/$KAFKA_INSTANCE"
DATA_DIR="$INSTANCE_DIR/data"
SERVER_PROPERTIES="$INSTANCE_DIR/server.properties"
BROKER_LOG="$INSTANCE_DIR/kafka.log"
CONSOLE_LOG="$INSTANCE_DIR/console.log"
PID_FILE="$INSTANCE_DIR/kafka.pid"
CREDENTIALS_FILE="$INSTANCE_DIR/credentials.env"
ADMIN_PROPERTIES="$INSTANCE_DIR/admin.properties"
# The principals created at format time: the broker's own admin and one per service.
read -r -a FORMAT_PRINCIPALS <<<"admin ledger outbox-relay ownership-projector reporting-projector audit ${KAFKA_EXTRA_PRINCIPALS:-}"
# What the broker's command line contains, so only our own broker is ever signalled.
PROCESS_PATTERN="$SERVER_PROPERTIES"

KAFKA_JAVA=(java -Xms256m -Xmx512m -Dlog4j.configuration="file:$INSTANCE_DIR/log4j.properties" -cp "$JAR_DIR/*")

write_pom() {
  cat >"$1" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.alignment-ledger.local</groupId>
  <artifactId>kafka-jars</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_VERSION</version></dependency>
  </dependencies>
  <build><pluginManagement><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
  </plugins></pluginManagement></build>
</project>
EOF
}

fetch() {
  if [[ -f "$JARS_COMPLETE_MARKER" ]]; then
    say "Kafka $KAFKA_VERSION jars are in $JAR_DIR."
    return 0
  fi
  require_tool java mvn
  say "Fetching Kafka $KAFKA_VERSION jars from Maven Central (about 46 MB, once)..."
  local work_dir="$CACHE_ROOT/kafka-$KAFKA_VERSION"
  local partial_dir="$JAR_DIR.partial"
  mkdir -p "$work_dir"
  rm -rf "$partial_dir"
  write_pom "$work_dir/pom.xml"
  # Maven's output is shown only when it fails: on success it is noise (even with -q).
  local maven_output
  if ! maven_output="$(mvn -B -q -f "$work_dir/pom.xml" dependency:copy-dependencies -DoutputDirectory="$partial_dir" 2>&1)"; then
    printf '%s\n' "$maven_output" >&2
    die "Maven could not fetch the Kafka $KAFKA_VERSION jars (see its output above; behind a proxy, configure ~/.m2/settings.xml)."
  fi
  # Swap the directory in whole, then mark it: an interrupted fetch never looks complete.
  rm -rf "$JAR_DIR"
  mv "$partial_dir" "$JAR_DIR"
  echo "kafka_2.13:$KAFKA_VERSION, $(ls "$JAR_DIR" | wc -l) jars, fetched $(date -u +%FT%TZ)" >"$JARS_COMPLETE_MARKER"
  say "Kafka $KAFKA_VERSION jars are in $JAR_DIR."
}

# KAFKA_<NAME>_PASSWORD: the variable holding a principal's password in the credentials file.
password_variable() {
  local name=${1^^}
  echo "KAFKA_${name//-/_}_PASSWORD"
}

# The password of principal $1, created (and added to the credentials file) when missing.
principal_password() {
  local variable password
  variable="$(password_variable "$1")"
  if [[ -f "$CREDENTIALS_FILE" ]] && grep -q "^$variable=" "$CREDENTIALS_FILE"; then
    sed -n "s/^$variable=//p" "$CREDENTIALS_FILE" | head -n 1
    return 0
  fi
  mkdir -p "$INSTANCE_DIR"
  # Hex, so the password needs no quoting in properties, JAAS or shell.
  password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  (umask 077 && echo "$variable=$password" >>"$CREDENTIALS_FILE")
  echo "$password"
}

write_configuration() {
  mkdir -p "$DATA_DIR"
  local jaas controller_jaas controller_password
  jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(principal_password admin)\";"
  # The broker authenticates to its own controller too. PLAIN, not SCRAM: SCRAM credentials
  # live in the metadata the controller serves, so the controller cannot need them first.
  controller_password="$(principal_password controller)"
  controller_jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"controller\" password=\"$controller_password\" user_controller=\"$controller_password\";"
  # Both files hold the admin password (the broker authenticates to itself as admin): owner only.
  (
    umask 077
    cat >"$SERVER_PROPERTIES" <<EOF
# Written by deploy/local/kafka.sh for instance "$KAFKA_INSTANCE"; rewritten on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$jaas
# Nobody is anonymous on the controller listener either: a local process reaching
# 127.0.0.1:$KAFKA_CONTROLLER_PORT must log in as the controller principal.
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$controller_jaas
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
# User:controller is the broker to its own controller (registration, metadata).
super.users=User:admin;User:controller
log.dirs=$DATA_DIR
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
num.partitions=3
EOF
    cat >"$ADMIN_PROPERTIES" <<EOF
# The admin's client settings, for Kafka's own tools (kafka.admin.ConfigCommand).
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$jaas
EOF
  )
  cat >"$INSTANCE_DIR/log4j.properties" <<EOF
# The broker logs to a file in its instance folder, not to the terminal.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$BROKER_LOG
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
EOF
}

format_storage_once() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    grep -q "^$(password_variable ledger)=" "$CREDENTIALS_FILE" 2>/dev/null ||
      die "Kafka ($KAFKA_INSTANCE) was formatted before it had SCRAM credentials: start it afresh with KAFKA_FRESH=1 (its data is lost)."
    return 0
  fi
  local cluster_id principal scram=()
  cluster_id="$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid)"
  # SCRAM credentials live in the cluster metadata: written with the storage, they exist before the broker starts.
  for principal in "${FORMAT_PRINCIPALS[@]}"; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$(principal_password "$principal")]")
  done
  "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$SERVER_PROPERTIES" "${scram[@]}" >>"$CONSOLE_LOG" 2>&1 ||
    { show_log_tail "$CONSOLE_LOG"; die "Formatting the Kafka storage in $DATA_DIR failed (see $CONSOLE_LOG)."; }
}

# Runs a client (wait-for.js, ledgerctl) as the instance's admin: they read KAFKA_SASL_*.
as_admin() {
  KAFKA_SASL_MECHANISM=scram-sha-512 KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD="$(principal_password admin)" "$@"
}

wait_until_ready() {
  local pid=$1
  local broker="127.0.0.1:$KAFKA_PORT"
  if ! wait_for_port 127.0.0.1 "$KAFKA_PORT" "$READY_TIMEOUT_SECONDS" "$pid" ||
    ! as_admin node "$SCRIPTS_DIR/wait-for.js" kafka "$broker" "$((READY_TIMEOUT_SECONDS * 1000))"; then
    show_log_tail "$BROKER_LOG"
    show_log_tail "$CONSOLE_LOG" 10
    die "Kafka ($KAFKA_INSTANCE) did not become ready on $broker within $READY_TIMEOUT_SECONDS s: see $BROKER_LOG."
  fi
}

start() {
  if [[ "${KAFKA_FRESH:-0}" == "1" ]]; then
    stop_process "$PID_FILE" "$PROCESS_PATTERN" "Kafka ($KAFKA_INSTANCE)" >/dev/null
    rm -rf "$INSTANCE_DIR"
  fi
  local pid
  if pid="$(running_pid "$PID_FILE" "$PROCESS_PATTERN")"; then
    say "Kafka ($KAFKA_INSTANCE) is already running on 127.0.0.1:$KAFKA_PORT (pid $pid)."
    return 0
  fi
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_accepts_connections 127.0.0.1 "$port" &&
      die "Port $port is already in use by another program: stop it or choose other ports with KAFKA_PORT and KAFKA_CONTROLLER_PORT."
  done
  require_tool java node
  [[ -f "$JARS_COMPLETE_MARKER" ]] || fetch
  ensure_node_modules
  write_configuration
  format_storage_once
  say "Starting Kafka ($KAFKA_INSTANCE) on 127.0.0.1:$KAFKA_PORT..."
  nohup "${KAFKA_JAVA[@]}" kafka.Kafka "$SERVER_PROPERTIES" >>"$CONSOLE_LOG" 2>&1 &
  echo $! >"$PID_FILE"
  wait_until_ready "$!"
  say "Kafka ($KAFKA_INSTANCE) is ready on 127.0.0.1:$KAFKA_PORT (SASL/SCRAM-SHA-512, credentials in $CREDENTIALS_FILE)."
}

add_principal() {
  local name=$1 password
  [[ "$name" =~ ^[a-z][a-z0-9-]{1,62}$ ]] || die "add-principal needs a principal name: a lower-case slug such as crm-publisher."
  running_pid "$PID_FILE" "$PROCESS_PATTERN" >/dev/null || die "Kafka ($KAFKA_INSTANCE) is not running: start it first."
  password="$(principal_password "$name")"
  "${KAFKA_JAVA[@]}" kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --command-config "$ADMIN_PROPERTIES" \
    --alter --add-config "SCRAM-SHA-512=[password=$password]" --entity-type users --entity-name "$name" >>"$CONSOLE_LOG" 2>&1 ||
    { show_log_tail "$CONSOLE_LOG" 10; die "Creating the SCRAM credentials of $name failed (see $CONSOLE_LOG)."; }
  say "Kafka principal $name can authenticate; its password is $(password_variable "$name") in $CREDENTIALS_FILE."
}


stop() {
  stop_process "$PID_FILE" "$PROCESS_PATTERN" "Kafka ($KAFKA_INSTANCE)"
}

status() {
  local pid
  if pid="$(running_pid "$PID_FILE" "$PROCESS_PATTERN")"; then
    say "Kafka ($KAFKA_INSTANCE) is running on 127.0.0.1:$KAFKA_PORT (pid $pid, log: $BROKER_LOG)."
  else
    say "Kafka ($KAFKA_INSTANCE) is not running."
    return 3
  fi
}

case "${1:-}" in
  fetch | start | stop | status) "$1" ;;
  add-principal) add_principal "${2:-}" ;;
  credentials) echo "$CREDENTIALS_FILE" ;;
  -h | --help | help) usage ;;
  *) usage >&2 && exit 2 ;;
esac
