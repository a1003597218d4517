#!/usr/bin/env bash
# Checks the observability-as-code files without running anything: the Prometheus config and alert
# rules (promtool check), the alerts' unit tests (promtool test rules), the Grafana dashboards' JSON,
# and docker-compose.yml against the Compose schema (docker-compose config). .ci/run calls it.
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
