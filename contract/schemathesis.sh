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

# A venv copied from another checkout keeps that checkout's path in its scripts: installed afresh then.
if ! "$venv/bin/schemathesis" --version >/dev/null 2>&1; then
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
# Raised for the run, and nothing else: the rate limit, the codes and failed logins one source may have (a
# few thousand requests a minute from one address are the point here), and a staff access token's life, which must
# outlast the run's budget (the token is minted once, before it). And the API's patience with Temporal
# (COMANDA_TEMPORAL_TIMEOUT, 2 s by default): the whole stack shares CI's two cores with schemathesis, and a
# placement that meets a stall answers 503 "did not answer; try again" — right for a client, but a capacity
# figure, which this check of the document is not (benchmarks and fault runs measure that). The request's budget,
# which caps those waits (COMANDA_REQUEST_BUDGET, 12 s), is raised with it, still under schemathesis.toml's 20 s.
env COMANDA_LOCAL_DIR="$dir/var" ${cli:+COMANDA_TEMPORAL_CLI="$cli"} COMANDA_TEMPORAL_TIMEOUT=15s COMANDA_REQUEST_BUDGET=18s \
  COMANDA_IDENTITY_ACCESS_TOKEN_TTL="$((budget + 900))s" COMANDA_IDENTITY_MAX_CODES_PER_SOURCE=100000 \
  COMANDA_IDENTITY_MAX_FAILURES_PER_SOURCE=100000 \
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
# The device list's first entry is what the stateful phase revokes (its link from GET /api/v1/devices): a
# spare device registered first takes that, so the run's own device keeps uploading.
curl -fsS -o /dev/null -X POST "$base/api/v1/devices" -H "Authorization: Bearer $CONTRACT_ADMIN" \
  -H 'Content-Type: application/json' -d '{"name":"contract spare till"}' || fail "could not register a device"
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

# People: the API e-mails one-time codes, and ./comanda-local's e-mails are in log mode, so a code is read
# where a person would read it: the e-mail as the workers wrote it to the stack's log (the newest one to
# the address; the relay sends every second or so).
json_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
post() { curl -fsS -X POST "$base$1" -H 'Content-Type: application/json' "${@:3}" -d "$2"; }
emailed_code() {  # address, the code's pattern, a code already read (to wait for the next e-mail)
  for _ in $(seq 1 60); do
    code=$(python3 - "$log" "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
mails = text.split("email (log mode) to " + sys.argv[2] + ":")
found = re.search(r"(?m)^    (" + sys.argv[3] + r")$", mails[-1]) if len(mails) > 1 else None
print(found.group(1) if found else "")
PY
)
    [ -n "$code" ] && [ "$code" != "${3:-}" ] && { echo "$code"; return 0; }
    sleep 1
  done
  return 1
}
admin=(-H "Authorization: Bearer $CONTRACT_ADMIN")
staff_code='[A-Z0-9]{5}-[A-Z0-9]{5}'
# A signed-in owner (STAFF): the script sets the password, as the staff endpoint lets scripts do. Three
# sessions: one whose access token the run uses, one whose refresh token it refreshes, one it logs out.
owner=owner@$tenant.example
owner_password=contract-$RANDOM$RANDOM$RANDOM
post /api/v1/staff "{\"email\":\"$owner\",\"name\":\"Contract owner\",\"role\":\"OWNER\",\"password\":\"$owner_password\"}" \
  "${admin[@]}" -o /dev/null || fail "could not create a staff account"
login() { post /api/v1/auth/login "{\"tenant\":\"$tenant\",\"email\":\"$owner\",\"password\":\"$owner_password\"}"; }
session=$(login) || fail "could not log in as staff"
CONTRACT_STAFF=$(json_field "$session" accessToken) || fail "no accessToken in the login's answer"
export CONTRACT_STAFF
session=$(login) || fail "could not log in as staff"
CONTRACT_REFRESH=$(json_field "$session" refreshToken) || fail "no refreshToken in the login's answer"
export CONTRACT_REFRESH
session=$(login) || fail "could not log in as staff"
CONTRACT_LOGOUT=$(json_field "$session" refreshToken) || fail "no refreshToken in the login's answer"
export CONTRACT_LOGOUT
# A fourth session, which the run ends by its ID: the one the owner's list holds after this login and not before.
sessions() { curl -fsS "$base/api/v1/auth/sessions" -H "Authorization: Bearer $CONTRACT_STAFF"; }
before=$(sessions) || fail "could not list the owner's sessions"
login >/dev/null || fail "could not log in as staff"
after=$(sessions) || fail "could not list the owner's sessions"
CONTRACT_SESSION=$(python3 -c 'import json,sys
ids = lambda text: {s["familyId"] for s in json.loads(text)}
[new] = ids(sys.argv[2]) - ids(sys.argv[1])
print(new)' "$before" "$after") || fail "no new session in $after"
export CONTRACT_SESSION CONTRACT_OWNER=$owner
# A person whose password the run changes (with the right current one: the first change ends their sessions).
changer=changer@$tenant.example
post /api/v1/staff "{\"email\":\"$changer\",\"name\":\"Contract manager\",\"role\":\"MANAGER\",\"password\":\"$owner_password\"}" \
  "${admin[@]}" -o /dev/null || fail "could not create a staff account"
session=$(post /api/v1/auth/login "{\"tenant\":\"$tenant\",\"email\":\"$changer\",\"password\":\"$owner_password\"}") \
  || fail "could not log in as staff"
CONTRACT_CHANGER=$(json_field "$session" accessToken) || fail "no accessToken in the login's answer"
export CONTRACT_CHANGER CONTRACT_PASSWORD=$owner_password
# A customer signed in with the code of its e-mail (CUSTOMER_ACCOUNT), and a second code for the sign-in
# operation itself: each code works once.
customer=customer@$tenant.example
export CONTRACT_TENANT=$tenant CONTRACT_CUSTOMER_EMAIL=$customer
post /api/v1/auth/customers/code "{\"tenant\":\"$tenant\",\"email\":\"$customer\"}" -o /dev/null \
  || fail "could not ask for a customer's code"
code=$(emailed_code "$customer" '[0-9]{6}') || fail "no sign-in e-mail to $customer in the stack's log"
signed_in=$(post /api/v1/auth/customers/token "{\"tenant\":\"$tenant\",\"email\":\"$customer\",\"code\":\"$code\"}") \
  || fail "could not sign the customer in"
CONTRACT_CUSTOMER_TOKEN=$(json_field "$signed_in" accessToken) || fail "no accessToken in the sign-in's answer"
export CONTRACT_CUSTOMER_TOKEN
post /api/v1/auth/customers/code "{\"tenant\":\"$tenant\",\"email\":\"$customer\"}" -o /dev/null \
  || fail "could not ask for a customer's code"
CONTRACT_CUSTOMER_CODE=$(emailed_code "$customer" '[0-9]{6}' "$code") || fail "no second sign-in e-mail"
# A person invited by e-mail (the invitation's code), and one who forgot the password (a reset code).
export CONTRACT_INVITED=invited@$tenant.example
post /api/v1/staff "{\"email\":\"$CONTRACT_INVITED\",\"name\":\"Contract cook\",\"role\":\"KITCHEN\"}" \
  "${admin[@]}" -o /dev/null || fail "could not invite a person"
CONTRACT_INVITATION_CODE=$(emailed_code "$CONTRACT_INVITED" "$staff_code") || fail "no invitation e-mail"
export CONTRACT_FORGETFUL=forgetful@$tenant.example
post /api/v1/staff "{\"email\":\"$CONTRACT_FORGETFUL\",\"name\":\"Contract waiter\",\"role\":\"WAITER\",\"password\":\"$owner_password\"}" \
  "${admin[@]}" -o /dev/null || fail "could not create a staff account"
post /api/v1/auth/password-reset "{\"tenant\":\"$tenant\",\"email\":\"$CONTRACT_FORGETFUL\"}" -o /dev/null \
  || fail "could not ask for a password reset"
CONTRACT_RESET_CODE=$(emailed_code "$CONTRACT_FORGETFUL" "$staff_code") || fail "no password reset e-mail"
export CONTRACT_CUSTOMER_CODE CONTRACT_INVITATION_CODE CONTRACT_RESET_CODE
# The people the run's staff administration acts on, one to re-role and disable, one to invite again:
# guessed small IDs would disable the run's own people.
invite() {
  local person
  person=$(post /api/v1/staff "{\"email\":\"$1@$tenant.example\",\"name\":\"Contract $1\",\"role\":\"WAITER\"}" \
    "${admin[@]}") || fail "could not invite $1"
  json_field "$person" id || fail "no id in $person"
}
CONTRACT_SPARE_STAFF=$(invite spare) || exit 1
CONTRACT_INVITEE=$(invite invitee) || exit 1
export CONTRACT_SPARE_STAFF CONTRACT_INVITEE

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
