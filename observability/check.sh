#!/usr/bin/env bash
# Checks the observability-as-code files without running anything: the Prometheus config and alert
# rules (promtool check), the alerts' unit tests (promtool test rules), the Grafana dashboards' JSON,
# docker-compose.yml against the Compose schema (docker-compose config), and the Temporal part of it
# against the code and the docs (image tags, search attributes, start order). .ci/run calls it.
# Needs promtool (Debian package prometheus) and docker-compose (Debian package docker-compose);
# with INSTALL_MISSING=1 it installs them through apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
here=observability

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    if [ "${INSTALL_MISSING:-0}" = 1 ]; then
      echo "installing Debian package $2 for $1"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
      # The package may start a Prometheus on :9090; the checks never need one running.
      if [ "$2" = prometheus ]; then
        (command -v systemctl >/dev/null && systemctl stop prometheus prometheus-node-exporter) >/dev/null 2>&1 || true
        (command -v service >/dev/null && service prometheus stop) >/dev/null 2>&1 || true
      fi
    else
      echo "$1 is missing: apt-get install $2 (or run with INSTALL_MISSING=1)" >&2
      exit 1
    fi
  fi
}
need promtool prometheus
need docker-compose docker-compose

echo "== promtool check config"
promtool check config "$here/prometheus/prometheus.yml"
echo "== promtool check rules"
promtool check rules "$here"/prometheus/rules/*.yml
echo "== promtool test rules"
promtool test rules "$here"/prometheus/tests/*.test.yml

echo "== Grafana dashboards and provisioning"
python3 - "$here/grafana" <<'PY'
import json, pathlib, sys
root = pathlib.Path(sys.argv[1])
uids = set()
for path in sorted((root / "dashboards").glob("*.json")):
    board = json.loads(path.read_text())
    assert board.get("uid") and board["uid"] not in uids, f"{path}: missing or duplicate uid"
    uids.add(board["uid"])
    panels = [p for p in board["panels"] if p.get("type") != "row"]
    for panel in panels:
        assert panel.get("targets"), f"{path}: panel {panel.get('title')} has no query"
        for target in panel["targets"]:
            assert target.get("expr"), f"{path}: panel {panel.get('title')} has an empty expr"
            assert target["datasource"]["uid"] == "prometheus", f"{path}: {panel['title']} not on the provisioned datasource"
    print(f"  {path.name}: {len(panels)} panels")
PY

echo "== docker-compose config (Compose file schema and interpolation)"
docker-compose -f docker-compose.yml config -q
echo "  docker-compose.yml is valid"

echo "== Temporal services of docker-compose.yml (tags, search attributes, start order)"
for script in "$here"/temporal/*.sh; do
  [ -x "$script" ] || { echo "$script is not executable" >&2; exit 1; }
  sh -n "$script" # POSIX sh: the admin-tools image has no bash
done
# The resolved file (anchors merged, variables interpolated), validated by the step above.
python3 - <(docker-compose -f docker-compose.yml config) "$here/temporal" \
  workflows/src/main/java/dev/comanda/order/OrderSearchAttributes.java docs/observability.md <<'PY'
import pathlib, re, sys, yaml
compose, scripts, java, docs = (pathlib.Path(arg) for arg in sys.argv[1:])
services = yaml.safe_load(compose.read_text())["services"]
failures = []

def image(service):
    return services[service]["image"]

# The schema job migrates to the schema versions its admin-tools release ships; the server must be the
# same release, or it may start on a schema it does not expect.
jobs = ("temporal-schema", "temporal-namespace")
tags = {service: image(service).rpartition(":")[2] for service in ("temporal", *jobs)}
if len(set(tags.values())) != 1:
    failures.append(f"temporal-schema, temporal and temporal-namespace must use one Temporal release, found {tags}")
if not image("temporal").startswith("temporalio/server:"):
    failures.append(f"temporal runs {image('temporal')}, expected temporalio/server")
for job in jobs:
    if not image(job).startswith("temporalio/admin-tools:"):
        failures.append(f"{job} runs {image(job)}, expected temporalio/admin-tools")
    entrypoint = services[job].get("entrypoint") or [""]
    if not (scripts / pathlib.PurePosixPath(entrypoint[-1]).name).is_file():
        failures.append(f"{job}'s entrypoint {entrypoint} names no script of {scripts}")
    mounts = [v if isinstance(v, str) else f"{v.get('source')}:{v.get('target')}:{'ro' if v.get('read_only') else 'rw'}"
              for v in services[job].get("volumes", [])]
    if not mounts or not all(m.endswith(":ro") for m in mounts):
        failures.append(f"{job} must mount {scripts} read-only, has {mounts}")
for reference in sorted({image(service) for service in ("temporal", *jobs, "temporal-ui")}):
    if reference not in docs.read_text():
        failures.append(f"{docs} does not mention {reference} (the Versions section and the stack table)")

# Every search attribute the workflows set must be registered with its type, or their starts are rejected.
types = {"Keyword": "Keyword", "Text": "Text", "Long": "Int", "Double": "Double", "Boolean": "Bool",
         "OffsetDateTime": "Datetime", "KeywordList": "KeywordList"}
declared = re.findall(r'SearchAttributeKey\.for(\w+)\(\s*"(\w+)"\s*\)', java.read_text())
wanted = {name: types.get(kind, kind) for kind, name in declared}
job_env = services["temporal-namespace"]["environment"]
registered = dict(spec.partition("=")[::2] for spec in str(job_env.get("SEARCH_ATTRIBUTES", "")).split())
if not wanted:
    failures.append(f'no SearchAttributeKey.forX("Name") found in {java}')
for name, kind in sorted(wanted.items()):
    if name not in registered:
        failures.append(f"search attribute {name} of {java.name} is not in temporal-namespace's SEARCH_ATTRIBUTES")
    elif registered[name] != kind:
        failures.append(f"search attribute {name} is {kind} in {java.name} but {registered[name]} in SEARCH_ATTRIBUTES")
for name in sorted(set(registered) - set(wanted)):
    failures.append(f"SEARCH_ATTRIBUTES registers {name}, which {java.name} does not define")

# The apps start only once their namespace and its search attributes exist.
for app in ("workers", "api-facade"):
    condition = services[app].get("depends_on", {}).get("temporal-namespace", {}).get("condition")
    if condition != "service_completed_successfully":
        failures.append(f"{app} must depend on temporal-namespace with condition service_completed_successfully")
    namespace = services[app]["environment"].get("COMANDA_TEMPORAL_NAMESPACE")
    if namespace != job_env.get("NAMESPACE"):
        failures.append(f"{app} uses namespace {namespace}, temporal-namespace creates {job_env.get('NAMESPACE')}")

if failures:
    print("\n".join("  FAIL " + failure for failure in failures), file=sys.stderr)
    sys.exit(1)
print(f"  Temporal {tags['temporal']} (server = admin-tools), UI {image('temporal-ui').rpartition(':')[2]}; "
      f"search attributes {', '.join(f'{name}={kind}' for name, kind in sorted(wanted.items()))}")
PY
