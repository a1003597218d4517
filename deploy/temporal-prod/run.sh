#!/usr/bin/env bash
# A production-shaped Temporal on this machine (issue 26; not part of .ci/run): the full server built from
# source with `go install` (the release compose and the Helm values pin), PostgreSQL from Debian with
# Temporal's own schemas for persistence and SQL visibility, several history shards, the `default`
# namespace with Comanda's search attributes, and the Temporal UI server. Where `temporal server start-dev`
# is one history shard over one SQLite connection, this is the shape docs/deploy.md deploys.
#
#   deploy/temporal-prod/run.sh start     install what is missing, start PostgreSQL, the server and the UI
#   deploy/temporal-prod/run.sh stop      stop the UI and the server (PostgreSQL keeps running; `stop-all` stops it too)
#   deploy/temporal-prod/run.sh server    the server in the foreground (exec: its pid is this one), after the
#                                         same preparation; registers the namespace once it answers. The
#                                         fault runs launch it this way (reliability/README.md)
#   deploy/temporal-prod/run.sh drop      drop this server's two databases (the server must be stopped)
#   deploy/temporal-prod/run.sh status
# Then point Comanda at it:  COMANDA_TEMPORAL_ADDRESS=127.0.0.1:7633 ./comanda-local   (or bench/run.sh,
# reliability/fault-run: docs/benchmarks.md, reliability/README.md).
#
# Settings (env): TEMPORAL_PROD_PORT frontend gRPC [7633] (history +1, matching +2, worker +6, membership
# -1000 each, frontend HTTP +10), TEMPORAL_PROD_METRICS_PORT [frontend +1100: 8733],
# TEMPORAL_PROD_UI_PORT [8633, 0: no UI], TEMPORAL_PROD_SHARDS
# [4; fixed once the database exists], TEMPORAL_PROD_DB database name [temporal; visibility <name>_visibility],
# TEMPORAL_PROD_PG_PORT [5433]: a PostgreSQL cluster of its own (pg_createcluster), user temporal.
# First run: apt-get install postgresql when missing, ~5 min of `go install` for the server (~1 min the UI);
# binaries and module cache under var/tools/, the server's config and logs under var/temporal-prod/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

SERVER_VERSION=v1.32.0
UI_VERSION=v2.54.1
PORT=${TEMPORAL_PROD_PORT:-7633}
UI_PORT=${TEMPORAL_PROD_UI_PORT:-8633}
METRICS_PORT=${TEMPORAL_PROD_METRICS_PORT:-$((PORT + 1100))}
SHARDS=${TEMPORAL_PROD_SHARDS:-4}
DB=${TEMPORAL_PROD_DB:-temporal}
PG_PORT=${TEMPORAL_PROD_PG_PORT:-5433}
PG_CLUSTER=comanda-temporal
PG_USER=temporal
PG_PASSWORD=temporal # a local development cluster listening on 127.0.0.1 only
TOOLS=$ROOT/var/tools/temporal-prod
STATE=$ROOT/var/temporal-prod/$PORT
SEARCH_ATTRIBUTES="ComandaTenant=Keyword ComandaOrderStatus=Keyword ComandaPaymentMethod=Keyword ComandaFulfilment=Keyword"
mkdir -p "$TOOLS" "$STATE"

log() { echo "[temporal-prod $(date -u +%H:%M:%S)] $*" >&2; }

go_install() { # folder binary-name module@version
  local dir=$TOOLS/$1 name=$2 module=$3
  if [ ! -x "$dir/$name" ] || [ "$(cat "$dir/$name.version" 2>/dev/null)" != "$module" ]; then
    command -v go >/dev/null || { log "needs Go for go install $module"; exit 1; }
    log "go install $module (first time: minutes)"
    mkdir -p "$dir/gobin"
    GOPATH=$ROOT/var/tools/go GOBIN=$dir/gobin GOFLAGS=-buildvcs=false go install "$module"
    mv "$dir/gobin/$(basename "${module%@*}")" "$dir/$name"
    echo "$module" >"$dir/$name.version"
  fi
}

install_binaries() {
  go_install bin temporal-server "go.temporal.io/server/cmd/server@$SERVER_VERSION"
  go_install bin temporal-sql-tool "go.temporal.io/server/cmd/tools/sql@$SERVER_VERSION"
  [ "$UI_PORT" = 0 ] || go_install ui-bin temporal-ui-server "github.com/temporalio/ui-server/v2/cmd/server@$UI_VERSION"
  SCHEMA_DIR=$(GOPATH=$ROOT/var/tools/go GOFLAGS=-mod=mod go mod download -json "go.temporal.io/server@$SERVER_VERSION" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')/schema/postgresql/v12
}

pg_version() { ls /usr/lib/postgresql | sort -n | tail -1; }

start_postgres() {
  if ! command -v pg_createcluster >/dev/null; then
    log "installing PostgreSQL from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local version; version=$(pg_version)
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $PG_CLUSTER"; then
    log "creating PostgreSQL $version cluster $PG_CLUSTER on 127.0.0.1:$PG_PORT"
    pg_createcluster --port "$PG_PORT" "$version" "$PG_CLUSTER" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    printf "listen_addresses = '127.0.0.1'\nmax_connections = 200\n" >"/etc/postgresql/$version/$PG_CLUSTER/conf.d/comanda.conf"
  fi
  if ! pg_lsclusters -h | awk '$2=="'"$PG_CLUSTER"'" {print $4}' | grep -q online; then
    pg_ctlcluster "$version" "$PG_CLUSTER" start
  fi
  su postgres -c "psql -q -p $PG_PORT -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'\"" | grep -q 1 ||
    su postgres -c "psql -q -p $PG_PORT -c \"CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'\""
}

sql_tool() { # database, args...
  local db=$1; shift
  "$TOOLS/bin/temporal-sql-tool" --plugin postgres12 --ep 127.0.0.1 -p "$PG_PORT" -u "$PG_USER" --pw "$PG_PASSWORD" --db "$db" "$@"
}

psql_temporal() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$@"; }

# Temporal's schemas at the server's version: created on the first run, brought up to date on every run
# (update-schema applies the versioned steps not yet applied, as the Helm chart's schema Job does).
setup_schemas() {
  local db part
  for part in temporal visibility; do
    db=$DB; [ "$part" = visibility ] && db=${DB}_visibility
    if ! psql_temporal -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
      log "database $db: create, schema $part"
      sql_tool "$db" create-database >>"$STATE/schema.log" 2>&1
      sql_tool "$db" setup-schema -v 0.0 >>"$STATE/schema.log" 2>&1
    fi
    sql_tool "$db" update-schema -d "$SCHEMA_DIR/$part/versioned" >>"$STATE/schema.log" 2>&1 ||
      { log "schema $part of $db failed: $STATE/schema.log"; tail -5 "$STATE/schema.log" >&2; exit 1; }
  done
  # The shard count is fixed by the first start; a different one would be refused by the server anyway.
  local recorded; recorded=$(cat "$STATE/shards-$DB" 2>/dev/null || true)
  if [ -n "$recorded" ] && [ "$recorded" != "$SHARDS" ]; then
    log "database $DB was started with $recorded history shards, not $SHARDS: keep it or run drop first"; exit 1
  fi
  echo "$SHARDS" >"$STATE/shards-$DB"
}

write_config() {
  cat >"$STATE/config.yaml" <<YAML
# Written by deploy/temporal-prod/run.sh (the shape of the server's config/development-postgres12.yaml).
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: $SHARDS
  datastores:
    default:
      sql:
        pluginName: postgres12
        databaseName: $DB
        connectAddr: 127.0.0.1:$PG_PORT
        connectProtocol: tcp
        user: $PG_USER
        password: $PG_PASSWORD
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
    visibility:
      sql:
        pluginName: postgres12
        databaseName: ${DB}_visibility
        connectAddr: 127.0.0.1:$PG_PORT
        connectProtocol: tcp
        user: $PG_USER
        password: $PG_PASSWORD
        maxConns: 10
        maxIdleConns: 10
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: 127.0.0.1:$METRICS_PORT
services:
  frontend:
    rpc: {grpcPort: $PORT, membershipPort: $((PORT - 1000)), bindOnLocalHost: true, httpPort: $((PORT + 10))}
  history:
    rpc: {grpcPort: $((PORT + 1)), membershipPort: $((PORT - 999)), bindOnLocalHost: true}
  matching:
    rpc: {grpcPort: $((PORT + 2)), membershipPort: $((PORT - 998)), bindOnLocalHost: true}
  worker:
    rpc: {grpcPort: $((PORT + 6)), membershipPort: $((PORT - 994)), bindOnLocalHost: true}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:$PORT
dcRedirectionPolicy:
  policy: noop
# compose's dynamic config: search attributes usable as soon as they are registered.
dynamicConfigClient:
  filepath: $ROOT/observability/temporal/dynamicconfig.yaml
  pollInterval: 60s
YAML
}

# The namespace and search attributes, by the script compose's temporal-namespace job and the Kubernetes
# Job run (observability/temporal/create-namespace.sh), with the Temporal CLI the local run uses.
register_namespace() {
  local cli; cli=$(dev-services/temporal-cli)
  PATH="$(dirname "$cli"):$PATH" TEMPORAL_ADDRESS=127.0.0.1:$PORT NAMESPACE=default NAMESPACE_RETENTION=72h \
    SEARCH_ATTRIBUTES="$SEARCH_ATTRIBUTES" sh observability/temporal/create-namespace.sh >"$STATE/namespace.log" 2>&1 ||
    { log "namespace setup failed: $STATE/namespace.log"; tail -5 "$STATE/namespace.log" >&2; return 1; }
  log "namespace default with $SEARCH_ATTRIBUTES"
}

prepare() { install_binaries; start_postgres; setup_schemas; write_config; }

running() { [ -f "$STATE/$1.pid" ] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }

wait_port() {
  local start=$SECONDS
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    [ $((SECONDS - start)) -lt 60 ] || { log "nothing listens on $1 after 60 s"; return 1; }
    sleep 0.5
  done
}

start_ui() {
  [ "$UI_PORT" != 0 ] || return 0
  running ui && return 0
  mkdir -p "$STATE/ui/config"
  cat >"$STATE/ui/config/development.yaml" <<YAML
temporalGrpcAddress: 127.0.0.1:$PORT
port: $UI_PORT
enableUi: true
defaultNamespace: default
cors:
  allowOrigins:
    - http://127.0.0.1:$UI_PORT
YAML
  nohup "$TOOLS/ui-bin/temporal-ui-server" --root "$STATE/ui" --config config --env development start \
    >>"$STATE/ui.log" 2>&1 &
  echo $! >"$STATE/ui.pid"
  wait_port "$UI_PORT"
  log "Temporal UI $UI_VERSION on http://127.0.0.1:$UI_PORT"
}

stop_pid() {
  running "$1" || { rm -f "$STATE/$1.pid"; return 0; }
  local pid; pid=$(cat "$STATE/$1.pid")
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$STATE/$1.pid"
}

case "${1:-}" in
  start)
    prepare
    if ! running server; then
      nohup "$TOOLS/bin/temporal-server" --config-file "$STATE/config.yaml" --allow-no-auth start >>"$STATE/server.log" 2>&1 &
      echo $! >"$STATE/server.pid"
    fi
    wait_port "$PORT"
    register_namespace
    start_ui
    log "Temporal server $SERVER_VERSION ($SHARDS history shards, PostgreSQL $(pg_version) on :$PG_PORT, databases $DB and ${DB}_visibility) on 127.0.0.1:$PORT, pid $(cat "$STATE/server.pid"), metrics :$METRICS_PORT; log $STATE/server.log"
    echo "COMANDA_TEMPORAL_ADDRESS=127.0.0.1:$PORT" ;;
  server)
    prepare
    # Registers the namespace once the server answers (idempotent), while this process becomes the server.
    ( wait_port "$PORT" && register_namespace ) &
    exec "$TOOLS/bin/temporal-server" --config-file "$STATE/config.yaml" --allow-no-auth start ;;
  stop) stop_pid ui; stop_pid server ;;
  stop-all) stop_pid ui; stop_pid server; pg_ctlcluster "$(pg_version)" "$PG_CLUSTER" stop 2>/dev/null || true ;;
  drop)
    running server && { log "stop the server first"; exit 1; }
    start_postgres
    for db in "$DB" "${DB}_visibility"; do psql_temporal -d postgres -qc "DROP DATABASE IF EXISTS $db" ; done
    rm -f "$STATE/shards-$DB"; log "dropped $DB and ${DB}_visibility" ;;
  status)
    for p in server ui; do running "$p" && echo "$p: running, pid $(cat "$STATE/$p.pid")" || echo "$p: stopped"; done
    pg_lsclusters | grep -E "^Ver|$PG_CLUSTER" || true ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 64 ;;
esac
