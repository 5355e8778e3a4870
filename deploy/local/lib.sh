# Shared helpers for the local-stack scripts (sourced, never run on its own).
#
# The local stack runs without Docker: Kafka from Maven Central jars, the services as
# plain node processes. Everything the scripts create lives in two places only:
#   .local/ in the repository (gitignored): logs, pid files, Kafka data, test results;
#   the jar cache outside the repository, shared by every clone on the machine.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
LOG_DIR="$LOCAL_DIR/logs"
RUN_DIR="$LOCAL_DIR/run"
CACHE_ROOT="${ALIGNMENT_LEDGER_CACHE:-$HOME/.cache/alignment-ledger}"
SCRIPTS_DIR="$REPO_ROOT/deploy/local"

say() { printf '%s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# One sentence telling a newcomer how to get the missing tool.
missing_tool_advice() {
  case "$1" in
    java) echo "Java 17 or newer is required to run Kafka: install a JDK (e.g. apt-get install openjdk-17-jre-headless) and run again." ;;
    mvn) echo "Maven is required to fetch the Kafka jars from Maven Central: install it (e.g. apt-get install maven) and run again." ;;
    node) echo "Node.js 20.19 or newer is required: install it (e.g. from https://nodejs.org or with nvm) and run again." ;;
    npm) echo "npm is required to install the dependencies: it ships with Node.js, so install Node.js 20.19 or newer and run again." ;;
    *) echo "$1 is required: install it and run again." ;;
  esac
}

# The major version of the java on PATH: "17.0.15" -> 17, and the old "1.8.0_292" -> 8.
java_major_version() {
  local version
  version="$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  version="${version#1.}"
  version="${version%%[.+-]*}"
  echo "${version:-0}"
}

require_tool() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$(missing_tool_advice "$tool")"
  done
  # Present is not enough for these two: an old version fails later, and less clearly.
  if [[ " $* " == *" java "* ]] && (( $(java_major_version) < 17 )); then
    die "$(missing_tool_advice java)"
  fi
  if [[ " $* " == *" node "* ]] && (( $(node -p 'process.versions.node.split(".")[0]') < 20 )); then
    die "$(missing_tool_advice node)"
  fi
}

# npm ci when node_modules is missing or older than package-lock.json, so a fresh clone
# and a pulled lock file both just work; otherwise nothing (fast on every run).
ensure_node_modules() {
  local installed="$REPO_ROOT/node_modules/.package-lock.json"
  if [[ ! -f "$installed" || "$REPO_ROOT/package-lock.json" -nt "$installed" ]]; then
    require_tool node npm
    say "Installing dependencies (npm ci)..."
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund)
  fi
}

port_accepts_connections() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# wait_for_port HOST PORT TIMEOUT_SECONDS [PID]: true once the port accepts connections;
# false on timeout, or as soon as the process PID (when given) has exited.
wait_for_port() {
  local host=$1 port=$2 timeout=$3 pid=${4:-}
  local deadline=$((SECONDS + timeout))
  until port_accepts_connections "$host" "$port"; do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    if ((SECONDS >= deadline)); then return 1; fi
    sleep 0.5
  done
}

# running_pid PIDFILE PATTERN: prints the pid when the process in PIDFILE is alive AND
# its command line contains PATTERN (a recycled pid must never be mistaken for ours).
running_pid() {
  local pidfile=$1 pattern=$2 pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  local command_line
  command_line="$(ps -ww -o args= -p "$pid" 2>/dev/null)" || return 1
  [[ "$command_line" == *"$pattern"* ]] || return 1
  echo "$pid"
}

# stop_process PIDFILE PATTERN NAME: SIGTERM, wait up to STOP_GRACE_SECONDS (30) for a
# clean shutdown, then SIGKILL; removes the pid file.
stop_process() {
  local pidfile=$1 pattern=$2 name=$3 pid
  if ! pid="$(running_pid "$pidfile" "$pattern")"; then
    rm -f "$pidfile"
    say "$name is not running."
    return 0
  fi
  say "Stopping $name (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + ${STOP_GRACE_SECONDS:-30}))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name did not stop within ${STOP_GRACE_SECONDS:-30} s: killing it."
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  say "$name stopped."
}

# The last lines of a log, to show with a failure instead of sending people hunting.
show_log_tail() {
  local log=$1
  [[ -f "$log" ]] || return 0
  printf -- '--- last lines of %s ---\n' "$log" >&2
  tail -n "${2:-30}" "$log" >&2
  printf -- '---\n' >&2
}
