#!/usr/bin/env bash
# One-line benchmark: builds what is missing, starts a private local stack on free ports and a fresh
# database (the Temporal dev server as its own process, the payment sandbox in the stack JVM, the workers
# and the API in one JVM each, so each one's CPU per order is measured apart), runs the load generator
# with the given options, then stops everything and drops the database. MariaDB/MySQL and Redis must answer (COMANDA_TEST_DB_URL style
# settings below). Example:  bench/run.sh --rate 50 --duration 60s
#   BENCH_LAYOUT=single   everything in the one local-stack JVM, as ./comanda-local runs it
#   BENCH_JAVA_OPTS=...   extra JVM options for the three server JVMs; BENCH_WORKERS_JAVA_OPTS and
#                         BENCH_API_JAVA_OPTS for one of them (a JFR recording, say); BENCH_GENERATOR_JAVA_OPTS
#                         for the load generator's JVM (one per step)
#   BENCH_API_JAR, BENCH_WORKERS_JAR, BENCH_STACK_JAR   other builds to compare (before/after)
#   BENCH_KEEP_DB=1       keep the benchmark database for inspection
#   BENCH_RATES="25 50"   a sweep: the generator runs once per rate against the same stack
#   BENCH_NOISY="1 50"    noisy neighbour: one restaurant at 1 order/s alone, then again while another
#                         floods at 50/s; writes noisy-neighbour.md (the quiet one's p50/p99 to CONFIRMED
#                         alone and during, the flood's accepted rate and what was shed)
#   BENCH_SEARCH="10 120" a search on one stack: bisects between the two rates for the highest one sustained,
#                         each probe a measured step (--duration) after its own drained warm-up
#   Every step is judged (docs/benchmarks.md, "How a step is judged"): SUSTAINED when it settled >= 97 % of
#   the offered rate with orders in flight level, OVER CAPACITY (no throughput given) when not, INVALID when
#   its warm-up could not drain. A sweep or search ends with a step at half the highest rate sustained, for
#   its latency, and writes bench/results/<run>/sweep.md and sweep.json; each step is in step-NN-KIND-RATE/.
#   BENCH_TEMPORAL=dev    the real Temporal server (temporal server start-dev, SQLite in the run's logs);
#                         in-memory: the SDK's in-memory service in the stack JVM, for comparison only
#   BENCH_TEMPORAL=external  the Temporal at COMANDA_TEMPORAL_ADDRESS (deploy/temporal-prod/run.sh); its pid in
#                         BENCH_TEMPORAL_PID to measure its CPU per order
#   BENCH_SERVER_FLOOR=1  after the generator's steps, the Temporal server floor (dev.comanda.bench.ServerFloor)
#                         on the run's dev server (BENCH_TEMPORAL=dev only): starts, one-task workflows, and
#                         orders' Temporal work in this build's shape (order-shaped) and in the shape issue 24
#                         measured (order-before), per second with the server's CPU per item, into
#                         bench/results/<run>/server-floor/;
#                         BENCH_SERVER_FLOOR_OPTS="--duration 20s --warmup 5s --concurrency 32" to change its run
#   MariaDB/MySQL and Redis running on this machine (pgrep) are measured too, as mariadb and redis: their CPU per
#   order is in every report (servers shared with anything else that uses them, so it is an upper bound).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"; break
    fi
  done
fi
JAVA="$JAVA_HOME/bin/java"
V=0.1.0-SNAPSHOT
STACK_JAR=${BENCH_STACK_JAR:-local-stack/target/local-stack-$V-exec.jar}
WORKERS_JAR=${BENCH_WORKERS_JAR:-workers/target/workers-$V-exec.jar}
API_JAR=${BENCH_API_JAR:-api-facade/target/api-facade-$V-exec.jar}
GEN_JAR=load-generator/target/load-generator-$V-exec.jar
for jar in "$STACK_JAR" "$WORKERS_JAR" "$API_JAR" "$GEN_JAR"; do
  if [ ! -f "$jar" ] || [ -n "$(find . \( -path ./var -o -path ./bench -o -path '*/target' \) -prune -o \( -name '*.java' -o -name '*.yml' -o -name pom.xml \) -newer "$jar" -print | head -1)" ]; then
    echo "building (first run or sources changed)..."; ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package; break
  fi
done

DB_HOST=${BENCH_DB_HOST:-127.0.0.1}; DB_PORT=${BENCH_DB_PORT:-3306}
DB_USER=${BENCH_DB_USER:-root}; DB_PASSWORD=${BENCH_DB_PASSWORD:-}
REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379}
RUN=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
DB=comanda_bench_$RUN
DB_URL="jdbc:mysql://$DB_HOST:$DB_PORT/$DB?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true&connectionTimeZone=UTC&createDatabaseIfNotExist=true"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TEMPORAL_PORT=$(free_port); SANDBOX_PORT=$(free_port); STACK_API_PORT=$(free_port); STACK_WORKER_PORT=$(free_port)
API_PORT=$(free_port); WORKER_PORT=$(free_port)
# The API's actuator has a port of its own (COMANDA_MANAGEMENT_PORT); free ones, so no run clashes with another.
STACK_MANAGEMENT_PORT=$(free_port); MANAGEMENT_PORT=$(free_port)
OPERATOR_KEY=bench-$RUN
LOGS=bench/results/logs-$RUN; mkdir -p "$LOGS"
JVM_OPTS="-XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-}"
LAYOUT=${BENCH_LAYOUT:-split}
TEMPORAL_KIND=${BENCH_TEMPORAL:-dev}
case "$TEMPORAL_KIND" in
  dev) TEMPORAL_IN_MEMORY=never; COMANDA_TEMPORAL_CLI=$(dev-services/temporal-cli); export COMANDA_TEMPORAL_CLI ;;
  in-memory) TEMPORAL_IN_MEMORY=always ;;
  # A Temporal already running at COMANDA_TEMPORAL_ADDRESS (deploy/temporal-prod/run.sh, a cluster): nothing
  # is started; BENCH_TEMPORAL_PID, when it runs here, has its CPU per order measured as "temporal".
  external) TEMPORAL_IN_MEMORY=never
    [ -n "${COMANDA_TEMPORAL_ADDRESS:-}" ] || { echo "BENCH_TEMPORAL=external needs COMANDA_TEMPORAL_ADDRESS" >&2; exit 64; } ;;
  *) echo "BENCH_TEMPORAL must be dev, in-memory or external" >&2; exit 64 ;;
esac

export COMANDA_DB_URL="$DB_URL" COMANDA_DB_USER="$DB_USER" COMANDA_DB_PASSWORD="$DB_PASSWORD" COMANDA_REDIS_URL="$REDIS_URL"
export COMANDA_OPERATOR_KEY="$OPERATOR_KEY" COMANDA_API_REDISPREFIX="bench-$RUN:" COMANDA_CATALOG_KEYPREFIX="bench-$RUN:catalog:"
# The benchmark's one customer token places every order: the per-token limit would be the bottleneck.
# Orders left CONFIRMED (--kitchen false) would time out unaccepted 10 min later and be compensated in the
# middle of a later step of a sweep: the deadline is pushed past any run.
export COMANDA_ACCEPT_DEADLINE=${COMANDA_ACCEPT_DEADLINE:-12h}
export COMANDA_RATE_LIMIT_REQUESTS=${COMANDA_RATE_LIMIT_REQUESTS:-100000000}
# Each step of a sweep or search is a restaurant of its own, placing right after the last step's: held to the
# rate share while that one still counts as placing (docs/architecture.md, "Admission control"), a step would
# measure the share, not the engine. The noisy neighbour measures the share itself and keeps the default.
if [ -z "${BENCH_NOISY:-}" ]; then
  export COMANDA_API_ADMISSION_MAX_RATE_PER_TENANT=${COMANDA_API_ADMISSION_MAX_RATE_PER_TENANT:-0}
fi
# Payloads are encrypted as in production (docs/personal-data.md), under a master key of this run unless one is
# given; COMANDA_PAYLOAD_ENCRYPTION=false measures the same run without the codec.
export COMANDA_PAYLOAD_MASTER_KEYS=${COMANDA_PAYLOAD_MASTER_KEYS:-bench-1:$(head -c 32 /dev/urandom | base64)}

PIDS=()
stop() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -z "${BENCH_KEEP_DB:-}" ]; then
    "$JAVA" -cp "$GEN_JAR" -Dloader.main=dev.comanda.bench.DropDatabase org.springframework.boot.loader.launch.PropertiesLauncher \
      "jdbc:mysql://$DB_HOST:$DB_PORT/?useSSL=false&allowPublicKeyRetrieval=true" "$DB_USER" "$DB_PASSWORD" "$DB" >/dev/null 2>&1 || true
  fi
}
trap stop EXIT

wait_ready() { # url, name, pid
  for _ in $(seq 1 240); do
    if curl -fs "$1" >/dev/null 2>&1; then return 0; fi
    kill -0 "$3" 2>/dev/null || { echo "$2 died; see $LOGS/$2.log" >&2; tail -40 "$LOGS/$2.log" >&2; exit 1; }
    sleep 1
  done
  echo "$2 not ready after 240 s; see $LOGS/$2.log" >&2; exit 1
}

echo "benchmark run $RUN: database $DB, Temporal ($TEMPORAL_KIND) $([ "$TEMPORAL_KIND" = external ] && echo "$COMANDA_TEMPORAL_ADDRESS" || echo "127.0.0.1:$TEMPORAL_PORT"), layout $LAYOUT, logs in $LOGS"
# In the split layout the stack JVM's own workers poll nothing: the separate workers JVM does the work.
STACK_QUEUES=""; [ "$LAYOUT" = single ] && STACK_QUEUES="orders,payments,notifications,external-sync,reconciliation"
# Connection pools kept small: the database server is shared (151 connections by default).
STACK_POOL=3; [ "$LAYOUT" = single ] && STACK_POOL=${BENCH_DB_POOL:-16}
COMANDA_DB_POOL=$STACK_POOL COMANDA_DB_MODE=existing COMANDA_REDIS_MODE=existing COMANDA_TEMPORAL_PORT=$TEMPORAL_PORT \
  COMANDA_LOCAL_DIR="$LOGS/local" COMANDA_TEMPORAL_IN_MEMORY=$TEMPORAL_IN_MEMORY COMANDA_TEMPORAL_UI_PORT=-1 \
  COMANDA_TEMPORAL_METRICS_PORT=$(free_port) \
  COMANDA_API_PORT=$STACK_API_PORT COMANDA_MANAGEMENT_PORT=$STACK_MANAGEMENT_PORT \
  COMANDA_WORKER_PORT=$STACK_WORKER_PORT COMANDA_WORKER_QUEUES="$STACK_QUEUES" \
  SANDBOX_PORT=$SANDBOX_PORT SANDBOX_PIX_CONFIRM_DELAY_MS=${SANDBOX_PIX_CONFIRM_DELAY_MS:-200} \
  "$JAVA" $JVM_OPTS -jar "$STACK_JAR" >"$LOGS/stack.log" 2>&1 &
STACK_PID=$!; PIDS+=("$STACK_PID")
wait_ready "http://127.0.0.1:$STACK_MANAGEMENT_PORT/actuator/health/readiness" stack "$STACK_PID"
GEN_ARGS=(--api "http://127.0.0.1:$STACK_API_PORT" --pid "stack=$STACK_PID")
SERVICE_LABEL=service+sandbox; TEMPORAL_PID_ARGS=()
if [ "$TEMPORAL_KIND" = dev ]; then # the dev server is a process of its own: measured apart
  SERVICE_LABEL=sandbox; TEMPORAL_PID_ARGS=(--pid "temporal=$(cat "$LOGS/local/temporal/server.pid")")
  GEN_ARGS+=("${TEMPORAL_PID_ARGS[@]}")
elif [ "$TEMPORAL_KIND" = external ] && [ -n "${BENCH_TEMPORAL_PID:-}" ]; then
  SERVICE_LABEL=sandbox; TEMPORAL_PID_ARGS=(--pid "temporal=$BENCH_TEMPORAL_PID")
  GEN_ARGS+=("${TEMPORAL_PID_ARGS[@]}")
fi
if [ "$LAYOUT" = split ]; then
  [ "$TEMPORAL_KIND" = external ] || export COMANDA_TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT
  COMANDA_DB_POOL=${BENCH_DB_POOL:-16} COMANDA_WORKER_PORT=$WORKER_PORT COMANDA_PAYMENTS_BASE_URL=http://127.0.0.1:$SANDBOX_PORT \
    "$JAVA" $JVM_OPTS ${BENCH_WORKERS_JAVA_OPTS:-} -jar "$WORKERS_JAR" >"$LOGS/workers.log" 2>&1 &
  WORKERS_PID=$!; PIDS+=("$WORKERS_PID")
  COMANDA_DB_POOL=${BENCH_API_DB_POOL:-10} COMANDA_API_PORT=$API_PORT COMANDA_MANAGEMENT_PORT=$MANAGEMENT_PORT COMANDA_API_MIGRATE=false "$JAVA" $JVM_OPTS ${BENCH_API_JAVA_OPTS:-} -jar "$API_JAR" >"$LOGS/api.log" 2>&1 &
  API_PID=$!; PIDS+=("$API_PID")
  wait_ready "http://127.0.0.1:$WORKER_PORT/actuator/health" workers "$WORKERS_PID"
  wait_ready "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" api "$API_PID"
  GEN_ARGS=(--api "http://127.0.0.1:$API_PORT" --pid "$SERVICE_LABEL=$STACK_PID" "${TEMPORAL_PID_ARGS[@]}"
    --pid "workers=$WORKERS_PID" --pid "api=$API_PID")
fi
# The database and Redis servers' CPU per order, when they run here: a remote one is not this machine's to read.
local_host() { case "$1" in 127.0.0.1|localhost|::1|"[::1]") return 0 ;; *) return 1 ;; esac; }
REDIS_HOST=${REDIS_URL#*://}; REDIS_HOST=${REDIS_HOST##*@}; REDIS_HOST=${REDIS_HOST%%[:/]*}
DB_SERVER_PID=""; REDIS_SERVER_PID=""
local_host "$DB_HOST" && DB_SERVER_PID=$(pgrep -o -x mariadbd || pgrep -o -x mysqld || true)
local_host "$REDIS_HOST" && REDIS_SERVER_PID=$(pgrep -o -x redis-server || true)
if [ -n "$DB_SERVER_PID" ]; then GEN_ARGS+=(--pid "mariadb=$DB_SERVER_PID")
else echo "note: no local mariadbd/mysqld for $DB_HOST: the database's CPU per order is not measured"; fi
if [ -n "$REDIS_SERVER_PID" ]; then GEN_ARGS+=(--pid "redis=$REDIS_SERVER_PID")
else echo "note: no local redis-server for $REDIS_URL: Redis's CPU per order is not measured"; fi
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
generate() { # out-dir, extra options
  local out=$1; shift
  "$JAVA" ${BENCH_GENERATOR_JAVA_OPTS:-} -jar "$GEN_JAR" "${GEN_ARGS[@]}" --operator-key "$OPERATOR_KEY" --db-url "$DB_URL" \
    --db-user "$DB_USER" --db-password "$DB_PASSWORD" --out "$out" "$@"
}
sweep() { # the sweep's bookkeeping (dev.comanda.bench.Sweep): next, half, summary
  "$JAVA" -cp "$GEN_JAR" -Dloader.main=dev.comanda.bench.Sweep org.springframework.boot.loader.launch.PropertiesLauncher "$@"
}
STEP=0
step() { # kind, rate, the run's options: one step of a sweep on this stack, with its own tenant
  local kind=$1 rate=$2; shift 2
  STEP=$((STEP + 1))
  local dir; dir=bench/results/$RUN/$(printf 'step-%02d-%s-%s' "$STEP" "$kind" "$rate")
  echo "step $STEP ($kind) at $rate orders/s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  # A generator that fails leaves no report: the sweep counts the step INVALID and goes on.
  generate "$dir" "$@" --rate "$rate" || echo "step $STEP: the generator failed (exit $?)" >&2
}
if [ -n "${BENCH_NOISY:-}" ]; then
  # Noisy neighbour: a quiet restaurant at QUIET orders/s alone, then again while another floods at FLOOD/s.
  read -r QUIET FLOOD <<<"$BENCH_NOISY"
  [ -n "${FLOOD:-}" ] || { echo "BENCH_NOISY wants two rates, quiet and flood: \"1 50\"" >&2; exit 64; }
  dir=bench/results/$RUN
  echo "noisy neighbour: the quiet restaurant alone at $QUIET/s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  generate "$dir/quiet-alone" "$@" --rate "$QUIET" --floor-orders 0
  echo "noisy neighbour: the quiet restaurant at $QUIET/s while another floods at $FLOOD/s"
  generate "$dir/flood" "$@" --rate "$FLOOD" --floor-orders 0 >"$LOGS/flood.log" 2>&1 &
  FLOOD_PID=$!
  sleep 2 # the flood's tenant and warm-up first, so the quiet one is measured inside the flood
  generate "$dir/quiet-during" "$@" --rate "$QUIET" --floor-orders 0
  wait "$FLOOD_PID" || echo "the flood's generator failed (exit $?); see $LOGS/flood.log" >&2
  python3 - "$dir" <<'PY' | tee "$dir/noisy-neighbour.md"
import json, sys, os
d = sys.argv[1]
r = {n: json.load(open(os.path.join(d, n, "report.json"))) for n in ("quiet-alone", "quiet-during", "flood")}
def ms(n, k):
    return r[n]["latency"]["to_confirmed"].get(k)
print("| | quiet restaurant alone | quiet restaurant during the flood | flooding restaurant |")
print("|---|---|---|---|")
print("| offered, orders/s | %s | %s | %s |" % tuple(r[n]["verdict"]["offered_per_s"] for n in r))
print("| placed (201) | %s | %s | %s |" % tuple(r[n]["orders"]["placed"] for n in r))
print("| verdict | %s | %s | %s |" % tuple(r[n]["verdict"]["verdict"] for n in r))
print("| shed (429/503) | %s | %s | %s |" % tuple(r[n]["orders"]["shed_by_reason"] or 0 for n in r))
print("| to CONFIRMED p50 / p99, ms | %s / %s | %s / %s | %s / %s |" % (ms("quiet-alone", "p50_ms"), ms("quiet-alone", "p99_ms"),
      ms("quiet-during", "p50_ms"), ms("quiet-during", "p99_ms"), ms("flood", "p50_ms"), ms("flood", "p99_ms")))
print("| errors | %s | %s | %s |" % tuple(r[n]["orders"]["errors"] or 0 for n in r))
PY
elif [ -n "${BENCH_SEARCH:-}" ]; then
  read -r LOW HIGH <<<"$BENCH_SEARCH"
  [ -n "${HIGH:-}" ] || { echo "BENCH_SEARCH wants two rates, low and high: \"10 120\"" >&2; exit 64; }
  while NEXT=$(sweep next "bench/results/$RUN" "$LOW" "$HIGH") && [ -n "$NEXT" ]; do
    step probe "$NEXT" "$@"
  done
elif [ -n "${BENCH_RATES:-}" ]; then
  for rate in $BENCH_RATES; do step rate "$rate" "$@"; done
else
  generate "bench/results/$RUN" "$@"
fi
if [ -n "${BENCH_SEARCH:-}${BENCH_RATES:-}" ]; then
  HALF=$(sweep half "bench/results/$RUN")
  if [ -n "$HALF" ]; then step half "$HALF" "$@"; else echo "no rate was sustained: no step at half of it"; fi
  sweep summary "bench/results/$RUN"
  echo "wrote bench/results/$RUN/sweep.md and sweep.json"
fi
if [ -n "${BENCH_SERVER_FLOOR:-}" ]; then
  if [ "$TEMPORAL_KIND" = dev ]; then
    # After the generator's steps, so it disturbs none of them; on task queues of its own. The stack's idle
    # pollers and the reconciliation schedule still run against the same server.
    echo "Temporal server floor on the run's dev server; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    # shellcheck disable=SC2086 # BENCH_SERVER_FLOOR_OPTS is a list of options
    "$JAVA" -cp "$GEN_JAR" -Dloader.main=dev.comanda.bench.ServerFloor org.springframework.boot.loader.launch.PropertiesLauncher \
      --temporal "127.0.0.1:$TEMPORAL_PORT" --namespace default --server-pid "$(cat "$LOGS/local/temporal/server.pid")" \
      --out "bench/results/$RUN/server-floor" ${BENCH_SERVER_FLOOR_OPTS:-} || echo "the server floor failed (exit $?)" >&2
  else
    echo "BENCH_SERVER_FLOOR needs BENCH_TEMPORAL=dev (the server as a process of its own): no server floor" >&2
  fi
fi
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
