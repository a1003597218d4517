#!/usr/bin/env bash
# The OpenAPI document against the running API: schemathesis (a pinned release from PyPI, in its own venv
# under var/tools) starts a real local stack (./comanda-local on free ports, embedded MariaDB and Redis,
# its data in a temporary folder), mints a token for every role through the API itself, then runs all its
# checks with the examples, coverage, fuzzing and stateful phases, bounded in time. Any failure is red.
# Needs the runnable jar (./mvnw package), Python 3 and network access to PyPI on the first run.
# Usage: contract/schemathesis.sh [extra schemathesis options]   (docs/contract.md)
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.32.5
venv=var/tools/schemathesis-$version
max_examples=${SCHEMATHESIS_MAX_EXAMPLES:-10}
budget=${SCHEMATHESIS_TIMEOUT:-240}

if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "installing schemathesis $version into $venv"
  rm -rf "$venv"
  # Debian's python3 lacks venv until python3-venv is installed; CI runs as root and may install it.
  if ! python3 -m venv "$venv" 2>/dev/null; then
    [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null || { echo "python3 -m venv failed (install python3-venv)" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install -q "schemathesis==$version"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/comanda-contract.XXXXXX")
log="$dir/run.log"
touch "$log"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
fail() {
  echo "CONTRACT CHECK FAILED: $1" >&2
  echo "--- last lines of $log ---" >&2
  tail -n 40 "$log" >&2 || true
  exit 1
}

api_port=$(free_port)
operator_key=contract-$RANDOM$RANDOM
cli=${COMANDA_TEMPORAL_CLI:-}
[ -n "$cli" ] || { [ -x var/tools/temporal/bin/temporal ] && cli=$PWD/var/tools/temporal/bin/temporal; } || true
# The rate limit is the one thing raised: a few thousand requests a minute from one token are the point here.
env COMANDA_LOCAL_DIR="$dir/var" ${cli:+COMANDA_TEMPORAL_CLI="$cli"} \
  COMANDA_DB_MODE=embedded COMANDA_DB_EMBEDDED_PORT=0 \
  COMANDA_REDIS_MODE=embedded COMANDA_REDIS_EMBEDDED_PORT=0 \
  COMANDA_API_PORT="$api_port" COMANDA_WORKER_PORT="$(free_port)" COMANDA_MANAGEMENT_PORT="$(free_port)" \
  COMANDA_TEMPORAL_PORT="$(free_port)" COMANDA_TEMPORAL_UI_PORT="$(free_port)" \
  COMANDA_TEMPORAL_METRICS_PORT="$(free_port)" SANDBOX_PORT="$(free_port)" \
  COMANDA_OPERATOR_KEY="$operator_key" COMANDA_RATE_LIMIT_REQUESTS=100000 \
  ./comanda-local >"$log" 2>&1 &
run=$!
# The stack's log and schemathesis' JUnit report stay in var/contract/ (ignored by git) for a failure's cause.
keep=var/contract
rm -rf "$keep" && mkdir -p "$keep"
trap 'kill "$run" 2>/dev/null || true; wait "$run" 2>/dev/null || true; cp "$log" "$keep/stack.log" 2>/dev/null || true; rm -rf "$dir"' EXIT

base=http://127.0.0.1:$api_port
for _ in $(seq 1 300); do
  grep -q 'Temporal UI  ' "$log" && break
  kill -0 "$run" 2>/dev/null || fail "./comanda-local exited before printing its banner"
  sleep 1
done
curl -fsS -o /dev/null --max-time 10 "$base/v3/api-docs" || fail "the API at $base does not answer"

# A tenant of its own, its tokens by role, a device token and a product, all through the API.
tenant=contract-$(date +%s)
tokens=$(curl -fsS -X POST "$base/api/v1/ops/tenants" -H "X-Operator-Key: $operator_key" \
  -H 'Content-Type: application/json' -d "{\"id\":\"$tenant\",\"name\":\"Contract check\",\"currency\":\"BRL\"}") \
  || fail "could not create the tenant"
token() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])["tokens"][sys.argv[2]])' "$tokens" "$1"; }
export CONTRACT_CUSTOMER=$(token customer) CONTRACT_KITCHEN=$(token kitchen) \
  CONTRACT_ADMIN=$(token admin) CONTRACT_OPS=$(token ops) CONTRACT_OPERATOR_KEY=$operator_key
device=$(curl -fsS -X POST "$base/api/v1/devices" -H "Authorization: Bearer $CONTRACT_ADMIN" \
  -H 'Content-Type: application/json' -d '{"name":"contract till"}') || fail "could not register a device"
export CONTRACT_DEVICE=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"])' "$device")
spare=$(curl -fsS -X POST "$base/api/v1/ops/tenants" -H "X-Operator-Key: $operator_key" \
  -H 'Content-Type: application/json' -d "{\"id\":\"$tenant-spare\",\"name\":\"Contract spare\",\"currency\":\"BRL\"}") \
  || fail "could not create the spare tenant"
export CONTRACT_SPARE_ADMIN=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["tokens"]["admin"])' "$spare")
curl -fsS -o /dev/null -X POST "$base/api/v1/products" -H "Authorization: Bearer $CONTRACT_ADMIN" \
  -H 'Content-Type: application/json' \
  -d '{"sku":"PIZZA","name":"Pizza","priceCents":3000,"initialStock":100000}' || fail "could not create a product"

echo "schemathesis $version against $base (tenant $tenant), at most ${budget}s"
set +e
timeout $((budget + 60)) "$venv/bin/schemathesis" --config-file contract/schemathesis.toml run "$base/v3/api-docs" \
  --max-time "$budget" \
  --checks all --phases examples,coverage,fuzzing,stateful \
  --max-examples "$max_examples" --seed "${SCHEMATHESIS_SEED:-1}" \
  --report junit --report-dir "${SCHEMATHESIS_REPORT_DIR:-$keep/report}" "$@"
status=$?
set -e
[ "$status" -ne 124 ] || fail "schemathesis did not finish within ${budget}s"
[ "$status" -eq 0 ] || { echo "CONTRACT CHECK FAILED: schemathesis found failures (exit $status)" >&2; exit "$status"; }
echo "contract check passed"
