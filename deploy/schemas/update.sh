#!/usr/bin/env bash
# Rewrites the committed CRD schemas from their pinned upstream sources, fetched through the Go module
# proxy (both projects are Go modules whose module zips carry their CRD YAML):
#   KEDA 2.20.2                  github.com/kedacore/keda/v2@v2.20.2, config/crd/bases/keda.sh_scaledobjects.yaml
#   Prometheus Operator 0.85.0   github.com/prometheus-operator/prometheus-operator@v0.85.0,
#                                example/prometheus-operator-crd/monitoring.coreos.com_{servicemonitors,prometheusrules}.yaml
# Not part of deploy/check.sh (which reads the committed JSON, offline): run it when a pin moves.
set -euo pipefail
cd "$(dirname "$0")/../.."
KEDA=v2.20.2
PROMETHEUS_OPERATOR=v0.85.0
export GOPATH=${GOPATH_TOOLS:-$PWD/var/tools/go} GOFLAGS=-mod=mod
module_dir() { go mod download -json "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir") or sys.exit(d.get("Error")))'; }
keda=$(module_dir "github.com/kedacore/keda/v2@$KEDA")
operator=$(module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR")
rm -rf deploy/schemas/keda.sh deploy/schemas/monitoring.coreos.com
python3 deploy/schemas/crd2jsonschema.py deploy/schemas \
  "$keda/config/crd/bases/keda.sh_scaledobjects.yaml" \
  "$operator/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml" \
  "$operator/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml"
