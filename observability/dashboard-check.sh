#!/usr/bin/env bash
# Proves the Grafana dashboards are not decorative: runs the local stack (./comanda-local's jar) on
# free ports, a real Prometheus server (Debian package prometheus) scraping both apps, places a few
# orders (approved, declined, completed through the kitchen, cancelled, a failing marketplace), waits
# for the scrapes, then evaluates every panel's query through Prometheus's HTTP API. It fails on any
# query that errors or returns no series. Grafana's $__rate_interval and $__range become fixed windows.
#
#   observability/dashboard-check.sh          # needs MariaDB/MySQL and Redis as for ./mvnw verify
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"

RATE_INTERVAL=${RATE_INTERVAL:-2m}
RANGE=${RANGE:-15m}
DB_SERVER=${COMANDA_TEST_DB_URL:-jdbc:mysql://127.0.0.1:3306/}
command -v prometheus >/dev/null || { echo "prometheus is missing: apt-get install prometheus" >&2; exit 1; }
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then JAVA_HOME=$candidate; break; fi
done
export JAVA_HOME
jar=local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT=$(free_port); WORKER_PORT=$(free_port); PROM_PORT=$(free_port); SANDBOX_PORT=$(free_port)
MANAGEMENT_PORT=$(free_port) # the API's actuator: Prometheus scrapes it there, not on the API port
DB_NAME="comanda_dash_$(python3 -c 'import secrets; print(secrets.token_hex(4))')"
work=$(mktemp -d)
stack_pid=""; prom_pid=""
cleanup() {
  [ -n "$prom_pid" ] && kill "$prom_pid" 2>/dev/null && wait "$prom_pid" 2>/dev/null || true
  [ -n "$stack_pid" ] && kill "$stack_pid" 2>/dev/null && wait "$stack_pid" 2>/dev/null || true
  mysql -h 127.0.0.1 -u "${COMANDA_TEST_DB_USER:-root}" ${COMANDA_TEST_DB_PASSWORD:+-p"$COMANDA_TEST_DB_PASSWORD"} \
    -e "DROP DATABASE IF EXISTS $DB_NAME" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== starting the local stack (API :$API_PORT, its actuator :$MANAGEMENT_PORT, workers :$WORKER_PORT, database $DB_NAME)"
COMANDA_API_PORT=$API_PORT COMANDA_MANAGEMENT_PORT=$MANAGEMENT_PORT COMANDA_WORKER_PORT=$WORKER_PORT \
  COMANDA_TEMPORAL_PORT=0 SANDBOX_PORT=$SANDBOX_PORT \
  COMANDA_DB_URL="${DB_SERVER}${DB_NAME}" COMANDA_DB_MODE=existing COMANDA_REDIS_MODE=existing \
  "$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED -jar "$jar" \
  > "$work/stack.log" 2>&1 &
stack_pid=$!
for _ in $(seq 1 120); do
  grep -q "CUSTOMER=cmd_" "$work/stack.log" && break
  kill -0 "$stack_pid" 2>/dev/null || { tail -50 "$work/stack.log"; echo "the stack died" >&2; exit 1; }
  sleep 1
done
token() { sed -n "s/.*$1=\(cmd_[A-Za-z0-9_-]*\).*/\1/p" "$work/stack.log" | head -1; }
CUSTOMER=$(token CUSTOMER); KITCHEN=$(token KITCHEN)
[ -n "$CUSTOMER" ] || { tail -50 "$work/stack.log"; echo "no tokens in the banner" >&2; exit 1; }

echo "== starting Prometheus on :$PROM_PORT"
mkdir -p "$work/rules"
cp "$here"/prometheus/rules/*.yml "$work/rules/"
cat > "$work/prometheus.yml" <<YML
global: {scrape_interval: 2s, evaluation_interval: 2s}
rule_files: [rules/*.yml]
scrape_configs:
  - job_name: api-facade
    metrics_path: /actuator/prometheus
    honor_labels: true
    static_configs: [{targets: ['127.0.0.1:$MANAGEMENT_PORT']}]
  - job_name: workers
    metrics_path: /actuator/prometheus
    honor_labels: true
    static_configs: [{targets: ['127.0.0.1:$WORKER_PORT']}]
YML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" > "$work/prometheus.log" 2>&1 &
prom_pid=$!

API="http://127.0.0.1:$API_PORT/api/v1"
req() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
order() { # idempotency key, card token or "cash"
  local payment='"payment":{"method":"CARD","cardToken":"'"$2"'"}'
  [ "$2" = cash ] && payment='"payment":{"method":"CASH"}'
  curl -s -X POST "$API/orders" -H "Authorization: Bearer $CUSTOMER" -H "Idempotency-Key: $1" \
    -H 'Content-Type: application/json' -d '{"customer":{"name":"Ana","email":"ana@example.com"},
    "items":[{"sku":"PIZZA-MARG","quantity":1}],"fulfilment":{"type":"TAKEAWAY"},'"$payment"'}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
status_of() { curl -s "$API/orders/$1" -H "Authorization: Bearer $CUSTOMER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'; }
wait_status() { for _ in $(seq 1 60); do [ "$(status_of "$1")" = "$2" ] && return 0; sleep 0.5; done; echo "order $1 never reached $2" >&2; return 1; }

echo "== load: a failing marketplace, approved, declined, cash, completed and cancelled orders"
echo "  marketplace endpoint: $(req -X PUT "$API/ops/tenants/demo-pizzeria/marketplaces/ifood" \
  -H 'X-Operator-Key: local-operator-key' -H 'Content-Type: application/json' \
  -d '{"url":"http://127.0.0.1:9/orders","enabled":true}')"
run=$(date +%s)
ids=()
for i in 1 2 3 4 5 6; do ids+=("$(order "dash-$run-card-$i" tok_visa)"); done
for i in 1 2; do order "dash-$run-decline-$i" tok_decline >/dev/null; done
order "dash-$run-cash" cash >/dev/null
for id in "${ids[0]}" "${ids[1]}"; do
  wait_status "$id" CONFIRMED
  for s in ACCEPTED PREPARING READY PICKED_UP; do
    req -X POST "$API/orders/$id/transitions" -H "Authorization: Bearer $KITCHEN" \
      -H 'Content-Type: application/json' -d "{\"status\":\"$s\"}" >/dev/null
  done
  wait_status "$id" COMPLETED
done
wait_status "${ids[2]}" CONFIRMED
echo "  cancel: $(req -X POST "$API/orders/${ids[2]}/cancel" -H "Authorization: Bearer $CUSTOMER" \
  -H 'Content-Type: application/json' -d '{"reason":"changed my mind"}')"
echo "  unauthenticated: $(req "$API/orders")  unknown order: $(req "$API/orders/00000000000000000000000000000000" -H "Authorization: Bearer $CUSTOMER")"
for _ in $(seq 1 20); do req "$API/orders?status=CONFIRMED" -H "Authorization: Bearer $CUSTOMER" >/dev/null; done

echo "== waiting 30 s for the SDK's 10 s metric reports and the scrapes"
sleep 30

echo "== evaluating every panel's query through http://127.0.0.1:$PROM_PORT/api/v1/query"
python3 - "$here/grafana/dashboards" "$PROM_PORT" "$RATE_INTERVAL" "$RANGE" <<'PY'
import json, pathlib, sys, urllib.parse, urllib.request
boards, port, rate_interval, window = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
failed = total = 0
for path in sorted(boards.glob("*.json")):
    board = json.loads(path.read_text())
    print(f"{board['title']}")
    for panel in board["panels"]:
        for target in panel["targets"]:
            total += 1
            expr = target["expr"].replace("$__rate_interval", rate_interval).replace("$__range", window)
            url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
            try:
                answer = json.load(urllib.request.urlopen(url, timeout=30))
                series = answer["data"]["result"] if answer.get("status") == "success" else None
                problem = None if series else ("error: " + answer.get("error", "?") if series is None else "no series")
            except Exception as e:  # an HTTP 400 is how Prometheus reports a bad query
                problem, series = f"error: {e}", []
            label = f"{panel['title']} [{target['legendFormat']}]"
            if problem:
                failed += 1
                print(f"  FAIL {label}: {problem}\n       {expr}")
            else:
                print(f"  ok   {label}: {len(series)} series")
print(f"{total - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
