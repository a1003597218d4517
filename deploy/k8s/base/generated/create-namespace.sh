#!/bin/sh
# The temporal-namespace job of docker-compose.yml (temporalio/admin-tools image, so POSIX sh only).
# Once the temporal service answers, it creates the namespace Comanda runs in and registers Comanda's
# custom search attributes on it; the dev server of the local run has the default namespace built in
# and gets the attributes as --search-attribute flags. workers and api-facade start only after this
# job exits 0.
#
#   TEMPORAL_ADDRESS     frontend, host:port
#   NAMESPACE            namespace to create when missing (an existing one is left as it is)
#   NAMESPACE_RETENTION  its workflow retention, e.g. 72h
#   SEARCH_ATTRIBUTES    NAME=Type words, the --search-attribute form (OrderSearchAttributes in the
#                        workflows module; observability/check.sh fails when the two lists differ)
#   WAIT_ATTEMPTS        tries, 2 s apart, of the health check and of each step [90]
#
# Safe to re-run: a namespace or attribute that exists already counts as done; an attribute that
# exists with another type fails the job, since the workflows would then be rejected.
set -eu
set -f # SEARCH_ATTRIBUTES is split into words, never globbed

address=${TEMPORAL_ADDRESS:?}
namespace=${NAMESPACE:?}
retention=${NAMESPACE_RETENTION:?}
attributes=${SEARCH_ATTRIBUTES:?}
attempts=${WAIT_ATTEMPTS:-90}

# Runs a temporal command until it succeeds, an "already exists" answer counting as success. Other
# failures are retried, 2 s apart, WAIT_ATTEMPTS times: the search-attribute API answers "Namespace
# ... is not found" for a namespace created seconds before, until the frontend's namespace cache
# refreshes. A type conflict fails at once.
temporal_until_done() {
  tries=0
  while :; do
    if out=$(temporal "$@" --address "$address" 2>&1); then
      echo "$out"
      return 0
    fi
    case $out in
      *"different type"*) echo "$out" >&2; return 1 ;;
      *"already exists"* | *AlreadyExists*) echo "$out (already done)"; return 0 ;;
    esac
    tries=$((tries + 1))
    if [ "$tries" -ge "$attempts" ]; then
      echo "$out" >&2
      return 1
    fi
    echo "retrying in 2 s: $out" >&2
    sleep 2
  done
}

echo "== waiting for the Temporal frontend at $address"
tries=0
until temporal operator cluster health --address "$address" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge "$attempts" ]; then
    echo "Temporal at $address is not serving after $attempts checks" >&2
    exit 1
  fi
  sleep 2
done

echo "== namespace $namespace (retention $retention)"
if temporal operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1; then
  echo "namespace $namespace exists"
else
  temporal_until_done operator namespace create --namespace "$namespace" --retention "$retention"
fi

echo "== search attributes on $namespace"
for spec in $attributes; do
  name=${spec%%=*}
  type=${spec#*=}
  if [ -z "$name" ] || [ "$name" = "$spec" ] || [ -z "$type" ]; then
    echo "SEARCH_ATTRIBUTES: '$spec' is not NAME=Type" >&2
    exit 1
  fi
  temporal_until_done operator search-attribute create --namespace "$namespace" --name "$name" --type "$type"
done

# Read back what the server now holds, so the log proves each attribute is there.
listed=$(temporal_until_done operator search-attribute list --namespace "$namespace")
for spec in $attributes; do
  case $listed in
    *"${spec%%=*}"*) ;;
    *) echo "search attribute ${spec%%=*} is missing from namespace $namespace after registration" >&2; exit 1 ;;
  esac
done
echo "namespace $namespace is ready with: $attributes"
