# Starting and stopping the processes of a fault run; sourced by reliability/fault-run, which sets
# run_dir. Every process started here is recorded in $run_dir/<name>.pid and stopped by its pid.

REL_DB_PORT=${REL_DB_PORT:-3307}
REL_REDIS_PORT=${REL_REDIS_PORT:-6380}
REL_TEMPORAL_PORT=${REL_TEMPORAL_PORT:-7243}
REL_TEMPORAL_METRICS_PORT=${REL_TEMPORAL_METRICS_PORT:-7244}
REL_API_PORT=${REL_API_PORT:-8180}
REL_MANAGEMENT_PORT=${REL_MANAGEMENT_PORT:-8183} # the API's actuator, apart from its port
REL_SANDBOX_PORT=${REL_SANDBOX_PORT:-8190}
REL_WORKER_PORTS=${REL_WORKER_PORTS:-"8181 8182"}
# Reconciliation: a run every REL_RECONCILIATION_INTERVAL, orders quiet for REL_RECONCILIATION_GRACE are suspects.
REL_RECONCILIATION_INTERVAL=${REL_RECONCILIATION_INTERVAL:-30s}
REL_RECONCILIATION_GRACE=${REL_RECONCILIATION_GRACE:-20s}
OPERATOR_KEY=rel-operator-key
DB_NAME=comanda_rel
APP_DB_URL="jdbc:mysql://127.0.0.1:$REL_DB_PORT/$DB_NAME?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true&connectionTimeZone=UTC&createDatabaseIfNotExist=true"
CHECK_DB_URL="jdbc:mysql://127.0.0.1:$REL_DB_PORT/$DB_NAME?useSSL=false&connectionTimeZone=UTC"
JVM_FLAGS=(-Xmx512m -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED)
WORKERS_JAR=workers/target/workers-0.1.0-SNAPSHOT-exec.jar
API_JAR=api-facade/target/api-facade-0.1.0-SNAPSHOT-exec.jar
SANDBOX_JAR=payment-sandbox/target/payment-sandbox-0.1.0-SNAPSHOT-exec.jar
LOCAL_JAR=local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar
RELIABILITY_JAR=reliability/target/reliability-0.1.0-SNAPSHOT-exec.jar

log() { echo "[$(date -u +%H:%M:%S)] $*"; }

find_java() {
  if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
}

build_jars() {
  for jar in "$WORKERS_JAR" "$API_JAR" "$SANDBOX_JAR" "$LOCAL_JAR" "$RELIABILITY_JAR"; do
    if [ ! -f "$jar" ]; then
      log "building the jars"
      ./mvnw -q -B -DskipTests package
      return
    fi
  done
}

# Runs "$@" in the background as <name>, output in $run_dir/<name>.log.
launch() {
  local name=$1; shift
  "$@" >>"$run_dir/$name.log" 2>&1 &
  echo $! >"$run_dir/$name.pid"
}

wait_for_port() {
  local port=$1 limit=${2:-120} start=$SECONDS
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    [ $((SECONDS - start)) -lt "$limit" ] || { log "nothing listens on $port after ${limit}s"; return 1; }
    sleep 0.5
  done
}

wait_for_line() {
  local file=$1 text=$2 limit=$3 start=$SECONDS
  until grep -q "$text" "$file" 2>/dev/null; do
    [ $((SECONDS - start)) -lt "$limit" ] || { log "no '$text' in $file after ${limit}s"; return 1; }
    sleep 0.5
  done
}

stop() {
  local name=$1 pid
  [ -f "$run_dir/$name.pid" ] || return 0
  pid=$(cat "$run_dir/$name.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$run_dir/$name.pid"
}

# A MariaDB of this run alone, on its own port, data directory and socket; "keep" restarts it on its data.
start_mariadb() {
  local data="$run_dir/mariadb"
  if [ "${1:-}" != keep ]; then
    mariadb-install-db --no-defaults --datadir="$data" --user=root --auth-root-authentication-method=normal \
      >"$run_dir/mariadb-install.log" 2>&1
  fi
  launch mariadb /usr/sbin/mariadbd --no-defaults --datadir="$data" --port="$REL_DB_PORT" \
    --bind-address=127.0.0.1 --socket="$run_dir/mariadb.sock" --pid-file="$run_dir/mariadbd.pid" --user=root \
    --skip-grant-tables --innodb-buffer-pool-size=256M --max-connections=500
  wait_for_port "$REL_DB_PORT" 60
}

stop_mariadb() { stop mariadb; }

start_redis() {
  launch redis redis-server --port "$REL_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$run_dir"
  wait_for_port "$REL_REDIS_PORT" 30
}

stop_redis() { stop redis; }

# The apps' environment, as an env(1) prefix: the launched pid is then the JVM's own.
# The apps encrypt Temporal payloads (docs/personal-data.md): one master key for every process of the run.
REL_PAYLOAD_MASTER_KEYS=${COMANDA_PAYLOAD_MASTER_KEYS:-rel-1:$(head -c 32 /dev/urandom | base64)}
APP_ENV=(env COMANDA_DB_URL="$APP_DB_URL" COMANDA_REDIS_URL="redis://127.0.0.1:$REL_REDIS_PORT"
  COMANDA_PAYLOAD_MASTER_KEYS="$REL_PAYLOAD_MASTER_KEYS"
  COMANDA_TEMPORAL_ADDRESS="127.0.0.1:$REL_TEMPORAL_PORT" COMANDA_PAYMENTS_BASE_URL="http://127.0.0.1:$REL_SANDBOX_PORT")

# The real Temporal server of the run: the CLI's dev server with SQLite in the run's folder, the settings
# of the local run (dev.comanda.devservices.DevTemporal), Comanda's search attributes registered.
# "keep" starts it again on the data it had (the temporal-restart fault).
# REL_TEMPORAL=prod runs the production-shaped server instead (deploy/temporal-prod/run.sh: PostgreSQL, 4 history
# shards, SQL visibility) on REL_TEMPORAL_PORT, with databases temporal_rel* emptied when the run starts; in the
# foreground, so its pid is the server's and the temporal-restart fault kills it the same way.
start_temporal() {
  local cli
  cli=$(dev-services/temporal-cli)
  if [ "${REL_TEMPORAL:-dev}" = prod ]; then
    [ -f "$run_dir/temporal.started" ] || TEMPORAL_PROD_DB=temporal_rel TEMPORAL_PROD_PORT="$REL_TEMPORAL_PORT" \
      deploy/temporal-prod/run.sh drop >>"$run_dir/temporal.log" 2>&1
    touch "$run_dir/temporal.started"
    launch temporal env TEMPORAL_PROD_DB=temporal_rel TEMPORAL_PROD_PORT="$REL_TEMPORAL_PORT" TEMPORAL_PROD_UI_PORT=0 \
      deploy/temporal-prod/run.sh server
  else
    launch temporal "$cli" server start-dev --ip 127.0.0.1 --port "$REL_TEMPORAL_PORT" --headless \
      --metrics-port "$REL_TEMPORAL_METRICS_PORT" --log-level warn --db-filename "$run_dir/temporal.db" \
      --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
      --dynamic-config-value matching.enableFairness=true \
      --search-attribute ComandaTenant=Keyword --search-attribute ComandaOrderStatus=Keyword \
      --search-attribute ComandaPaymentMethod=Keyword --search-attribute ComandaFulfilment=Keyword
  fi
  wait_for_port "$REL_TEMPORAL_PORT" 60
  # The frontend listens a moment before the default namespace exists.
  local start=$SECONDS
  until "$cli" operator namespace describe --address "127.0.0.1:$REL_TEMPORAL_PORT" --namespace default >/dev/null 2>&1; do
    [ $((SECONDS - start)) -lt 60 ] || { log "namespace default never answered"; return 1; }
    sleep 0.5
  done
  # The production-shaped server registers the search attributes just after the namespace.
  until "$cli" operator search-attribute list --address "127.0.0.1:$REL_TEMPORAL_PORT" --namespace default 2>/dev/null |
    grep -q ComandaFulfilment; do
    [ $((SECONDS - start)) -lt 90 ] || { log "Comanda's search attributes never appeared"; return 1; }
    sleep 0.5
  done
}

stop_temporal() { stop temporal; }

start_sandbox() {
  launch sandbox env SANDBOX_PORT="$REL_SANDBOX_PORT" SANDBOX_PIX_CONFIRM_DELAY_MS=3000 \
    SANDBOX_WEBHOOK_URL="http://127.0.0.1:$REL_API_PORT/api/v1/payments/webhook" \
    "$JAVA_HOME/bin/java" -Xmx256m -jar "$SANDBOX_JAR"
  wait_for_port "$REL_SANDBOX_PORT" 60
}

sandbox_config() {
  curl -sf -X POST "http://127.0.0.1:$REL_SANDBOX_PORT/v1/sandbox/config" -H 'Authorization: Bearer sk_test_comanda' \
    -H 'Content-Type: application/json' -d "$1" >/dev/null
}

# A worker process polling every task queue; "nowait" returns before it is up (a restart under load).
# Sticky execution stays on: the server times out a killed worker's sticky queue and hands its tasks on.
start_worker() {
  local port=$1
  launch "worker-$port" "${APP_ENV[@]}" COMANDA_WORKER_PORT="$port" \
    COMANDA_RECONCILIATION_INTERVAL="$REL_RECONCILIATION_INTERVAL" COMANDA_RECONCILIATION_GRACE="$REL_RECONCILIATION_GRACE" \
    "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -jar "$WORKERS_JAR"
  [ "${2:-}" = nowait ] || wait_for_port "$port" 180
}

start_api() {
  # Tomcat's access log, with each request's time in the server (%D ms), lands in the run's directory: a call
  # the driver got no answer to (it prints when it sent it) is found there with how long it really took.
  launch api "${APP_ENV[@]}" COMANDA_API_PORT="$REL_API_PORT" COMANDA_MANAGEMENT_PORT="$REL_MANAGEMENT_PORT" \
    COMANDA_OPERATOR_KEY="$OPERATOR_KEY" \
    COMANDA_ACCEPT_DEADLINE=60s COMANDA_RATE_LIMIT_REQUESTS=100000 \
    SERVER_TOMCAT_ACCESSLOG_ENABLED=true SERVER_TOMCAT_ACCESSLOG_DIRECTORY="$run_dir" \
    SERVER_TOMCAT_ACCESSLOG_PREFIX=api-access SERVER_TOMCAT_ACCESSLOG_SUFFIX=.log \
    SERVER_TOMCAT_ACCESSLOG_PATTERN='%{yyyy-MM-dd HH:mm:ss.SSS}t "%r" %s %{ms}T ms' \
    "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -jar "$API_JAR"
  wait_for_port "$REL_API_PORT" 180
}

stop_all() {
  set +e
  [ -n "${driver:-}" ] && kill "$driver" 2>/dev/null
  stop api
  for port in $REL_WORKER_PORTS; do stop "worker-$port"; done
  stop sandbox
  stop temporal
  stop redis
  stop mariadb
}
