# Shared by scripts/bench-small and scripts/bench-bulk; source it, do not run it.
#
# Every process a benchmark starts goes through bench_start, which records its pid; bench_cleanup (installed as the
# EXIT trap by bench_init) stops exactly those pids (TERM, then KILL after BENCH_STOP_TIMEOUT_S seconds) and removes
# the temporary directories made by bench_tmpdir. Nothing is stopped by name. Everything listens on 127.0.0.1.

BENCH_PIDS=()
BENCH_TMP_DIRS=()
BENCH_STOP_TIMEOUT_S=${BENCH_STOP_TIMEOUT_S:-15}

bench_log() {
  printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

bench_die() {
  bench_log "FAILED: $*"
  exit 1
}

bench_cleanup() {
  local pid i
  for pid in "${BENCH_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    for ((i = 0; i < BENCH_STOP_TIMEOUT_S * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      bench_log "pid $pid ignored TERM for ${BENCH_STOP_TIMEOUT_S}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
  if [ "${KEEP_TMP:-0}" = 1 ]; then
    [ ${#BENCH_TMP_DIRS[@]} -eq 0 ] || bench_log "kept (KEEP_TMP=1): ${BENCH_TMP_DIRS[*]}"
  else
    for i in "${BENCH_TMP_DIRS[@]}"; do
      rm -rf -- "$i"
    done
  fi
  BENCH_TMP_DIRS=()
}

# Installs the traps. INT and TERM exit through the EXIT trap, so an interrupted run still stops its servers.
bench_init() {
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# bench_tmpdir VAR: makes a temporary directory, removed on exit, and assigns its path to VAR.
bench_tmpdir() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sluice-bench.XXXXXX")
  BENCH_TMP_DIRS+=("$dir")
  printf -v "$1" '%s' "$dir"
}

# bench_start VAR LOG_FILE COMMAND...: starts COMMAND in the background with its output in LOG_FILE and assigns its
# pid to VAR.
bench_start() {
  local var=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  local pid=$!
  BENCH_PIDS+=("$pid")
  printf -v "$var" '%s' "$pid"
}

# bench_stop PID: stops one process started by bench_start, now rather than on exit.
bench_stop() {
  local pid=$1 i rest=()
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < BENCH_STOP_TIMEOUT_S * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for i in "${BENCH_PIDS[@]}"; do
    [ "$i" = "$pid" ] || rest+=("$i")
  done
  BENCH_PIDS=("${rest[@]}")
}

# A free loopback port. Another process could take it before the server binds it; the servers then fail to start
# and bench_wait_http reports it.
bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bench_wait_http URL PID LOG_FILE [TIMEOUT_S]: waits until URL answers 2xx; fails if PID exits first or after
# TIMEOUT_S seconds (default 120: a JVM on a busy 2-core machine can take a while), showing the end of LOG_FILE.
bench_wait_http() {
  local url=$1 pid=$2 log=$3 timeout_s=${4:-120} i
  for ((i = 0; i < timeout_s * 10; i++)); do
    if curl -sf -o /dev/null --max-time 2 "$url"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2
      bench_die "server (pid $pid) exited before $url answered"
    fi
    sleep 0.1
  done
  tail -n 30 "$log" >&2
  bench_die "$url did not answer within ${timeout_s}s"
}

# bench_mvn ARGS...: runs Maven quietly, offline first (the dependencies are usually in ~/.m2), then online; shows
# its output only if both fail. (Debian's Maven 3.8 writes colour codes even with -B -q.)
bench_mvn() {
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/sluice-bench-mvn.XXXXXX")
  if mvn -B -q -o "$@" >"$log" 2>&1 || mvn -B -q "$@" >"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  tail -n 40 "$log" >&2
  rm -f "$log"
  return 1
}

# bench_build MODULE JAR SOURCE_DIRS...: builds MODULE's jar when it is missing or older than a source it is built
# from.
bench_build() {
  local module=$1 jar=$2
  shift 2
  if [ -f "$jar" ] && [ -z "$(find pom.xml "$@" -newer "$jar" \( -name '*.java' -o -name 'pom.xml' -o \
      -path '*/src/main/resources/*' \) -print -quit)" ]; then
    return 0
  fi
  bench_log "building $jar"
  bench_mvn -DskipTests -pl "$module" -am package || bench_die "build of $module failed"
}

bench_ensure_sluice_jar() {
  SLUICE_JAR=ingest-server/target/sluice.jar
  bench_build ingest-server "$SLUICE_JAR" ingest-codec ingest-server
}

bench_ensure_bench_jar() {
  BENCH_JAR=ingest-bench/target/benchmarks.jar
  bench_build ingest-bench "$BENCH_JAR" ingest-codec ingest-bench
}

# bench_start_sluice VAR_URL DATA_DIR LOG_FILE [EXTRA_OPTIONS...]: starts Sluice on a free loopback port, waits for
# /ready, assigns http://127.0.0.1:PORT to VAR_URL and the pid to SLUICE_PID. SLUICE_JAVA_OPTS go to the JVM.
bench_start_sluice() {
  local var=$1 dir=$2 log=$3 port
  shift 3
  port=$(bench_free_port)
  # shellcheck disable=SC2086
  bench_start SLUICE_PID "$log" java ${SLUICE_JAVA_OPTS:-} -jar "$SLUICE_JAR" \
    --listen "127.0.0.1:$port" --data-dir "$dir" "$@"
  bench_wait_http "http://127.0.0.1:$port/ready" "$SLUICE_PID" "$log"
  printf -v "$var" '%s' "http://127.0.0.1:$port"
}

# bench_sluice_sql BASE_URL STATEMENT: runs one statement through /db/query; fails unless it answers 2xx.
bench_sluice_sql() {
  local out
  out=$(curl -sS --fail-with-body --max-time 60 "$1/db/query" --data-urlencode "q=$2") ||
    bench_die "Sluice rejected [$2]: $out"
}

# A one-line description of the machine and its load, for the results.
bench_machine() {
  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
  printf '%s cores (%s), %s, load average %s' "$(nproc)" "${cpu:-unknown CPU}" \
    "$(java -version 2>&1 | head -n 1 | sed 's/"//g')" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
