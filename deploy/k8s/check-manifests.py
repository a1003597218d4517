#!/usr/bin/env python3
"""What a schema cannot see in the rendered manifests (deploy/check.sh renders them and passes the files):

- every worker Deployment's COMANDA_WORKER_QUEUES and every KEDA temporal trigger's taskQueue names a task
  queue of the contracts (OrderContract, ReconciliationContract: the only files that spell them), every
  queue is polled by some Deployment, and a trigger watches a queue its own target polls;
- each temporal trigger uses only parameters KEDA's temporal scaler knows (pinned KEDA 2.20.2), and the
  variables it reads from the target (…FromEnv) exist there; no worker Deployment is left unscaled or
  scaled by both KEDA and an HPA;
- the namespace Job registers exactly OrderSearchAttributes, with their types;
- deploy/k8s/temporal/values.yaml runs compose's Temporal release (server = admin-tools, UI) on SQL
  persistence and visibility with more than one history shard.
"""
import pathlib
import re
import sys

import yaml

REPO = pathlib.Path(__file__).resolve().parents[2]
CONTRACTS = [
    REPO / "workflows/src/main/java/dev/comanda/order/OrderContract.java",
    REPO / "workflows/src/main/java/dev/comanda/reconciliation/ReconciliationContract.java",
]
SEARCH_ATTRIBUTES = REPO / "workflows/src/main/java/dev/comanda/order/OrderSearchAttributes.java"
VALUES = REPO / "deploy/k8s/temporal/values.yaml"
COMPOSE = REPO / "docker-compose.yml"
# The `keda:"name=..."` tags of pkg/scalers/temporal_scaler.go at KEDA v2.20.2; a …FromEnv form exists for
# the resolvedEnv ones. Auth parameters (apiKey, cert, key, keyPassword, ca) belong in a TriggerAuthentication.
KEDA_TEMPORAL = {"endpoint", "namespace", "activationTargetQueueSize", "targetQueueSize", "taskQueue", "queueTypes",
                 "buildId", "workerDeploymentName", "workerDeploymentBuildId", "selectAllActive",
                 "selectUnversioned", "minConnectTimeout", "unsafeSsl", "tlsServerName"}
KEDA_FROM_ENV = {"endpoint", "namespace", "taskQueue", "buildId", "workerDeploymentName", "workerDeploymentBuildId"}
QUEUE_TYPES = {"workflow", "activity", "nexus"}

failures = []
passed = 0


def check(ok, message):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(message)


def contract_queues():
    queues = {}
    for path in CONTRACTS:
        for name, value in re.findall(r'static final String (\w*TASK_QUEUE) = "([^"]+)"', path.read_text()):
            queues[value] = f"{path.stem}.{name}"
    return queues


def env_of(deployment):
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    return container, {e["name"]: e for e in container.get("env", [])}


def check_rendered(path, queues):
    docs = [d for d in yaml.safe_load_all(path.read_text()) if d]
    label = path.stem
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], []).append(doc)
    config_maps = {d["metadata"]["name"]: d.get("data", {}) for d in by_kind.get("ConfigMap", [])}
    polled = {}
    workers = {}
    for deployment in by_kind.get("Deployment", []):
        name = deployment["metadata"]["name"]
        container, env = env_of(deployment)
        if "COMANDA_WORKER_QUEUES" not in env:
            continue
        names = [q.strip() for q in env["COMANDA_WORKER_QUEUES"].get("value", "").split(",") if q.strip()]
        workers[name] = (container, env, set(names))
        check(names, f"{label}: Deployment {name} polls no queue")
        for queue in names:
            check(queue in queues, f"{label}: Deployment {name} polls '{queue}', not a task queue of the contracts {sorted(queues)}")
            polled.setdefault(queue, []).append(name)
    for queue, where in sorted(queues.items()):
        check(queue in polled, f"{label}: no worker Deployment polls '{queue}' ({where})")
    hpa_targets = {h["spec"]["scaleTargetRef"]["name"] for h in by_kind.get("HorizontalPodAutoscaler", [])}
    scaled = set()
    for scaled_object in by_kind.get("ScaledObject", []):
        name = scaled_object["metadata"]["name"]
        target = scaled_object["spec"]["scaleTargetRef"]["name"]
        scaled.add(target)
        check(target in workers, f"{label}: ScaledObject {name} scales {target}, which is no worker Deployment")
        check(target not in hpa_targets, f"{label}: {target} is scaled by ScaledObject {name} and by an HPA")
        spec = scaled_object["spec"]
        check(1 <= spec.get("minReplicaCount", 0) <= spec.get("maxReplicaCount", 0),
              f"{label}: ScaledObject {name}: want 1 <= minReplicaCount <= maxReplicaCount, got {spec.get('minReplicaCount')}..{spec.get('maxReplicaCount')}")
        triggers = [t for t in spec.get("triggers", []) if t.get("type") == "temporal"]
        check(triggers, f"{label}: ScaledObject {name} has no temporal trigger")
        container, env, target_queues = workers.get(target, (None, {}, set()))
        env_names = set(env)
        for ref in (container or {}).get("envFrom", []):
            env_names |= set(config_maps.get(ref.get("configMapRef", {}).get("name"), {}))
        for trigger in triggers:
            meta = trigger.get("metadata", {})
            queue = meta.get("taskQueue")
            check(queue in queues, f"{label}: ScaledObject {name} watches taskQueue '{queue}', not a task queue of the contracts {sorted(queues)}")
            check(queue in target_queues, f"{label}: ScaledObject {name} watches '{queue}' but {target} polls {sorted(target_queues)}")
            for key, value in meta.items():
                base = key[:-len("FromEnv")] if key.endswith("FromEnv") else key
                known = base in KEDA_FROM_ENV if key.endswith("FromEnv") else key in KEDA_TEMPORAL
                check(known, f"{label}: ScaledObject {name}: '{key}' is no parameter of KEDA's temporal scaler")
                if key.endswith("FromEnv"):
                    check(value in env_names, f"{label}: ScaledObject {name}: {key} names {value}, which {target}'s container does not have")
            for kind in filter(None, (t.strip() for t in meta.get("queueTypes", "").split(","))):
                check(kind in QUEUE_TYPES, f"{label}: ScaledObject {name}: queueTypes '{kind}' is not one of {sorted(QUEUE_TYPES)}")
            check(str(meta.get("targetQueueSize", "5")).isdigit() and int(meta.get("targetQueueSize", "5")) > 0,
                  f"{label}: ScaledObject {name}: targetQueueSize must be a positive integer")
    for name in workers:
        check(name in scaled, f"{label}: worker Deployment {name} has no ScaledObject")

    wanted = search_attributes()
    for job in by_kind.get("Job", []):
        env = {e["name"]: e.get("value") for e in job["spec"]["template"]["spec"]["containers"][0].get("env", [])}
        if "SEARCH_ATTRIBUTES" in env:
            registered = dict(s.partition("=")[::2] for s in env["SEARCH_ATTRIBUTES"].split())
            check(registered == wanted, f"{label}: Job {job['metadata']['name']} registers {registered}, OrderSearchAttributes has {wanted}")
    return sorted(workers), sorted(polled)


def search_attributes():
    types = {"Keyword": "Keyword", "Text": "Text", "Long": "Int", "Double": "Double", "Boolean": "Bool",
             "OffsetDateTime": "Datetime", "KeywordList": "KeywordList"}
    found = re.findall(r'SearchAttributeKey\.for(\w+)\(\s*"(\w+)"\s*\)', SEARCH_ATTRIBUTES.read_text())
    return {name: types.get(kind, kind) for kind, name in found}


def check_values():
    values = yaml.safe_load(VALUES.read_text())
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    compose_server = services["temporal"]["image"].rpartition(":")[2]
    compose_ui = services["temporal-ui"]["image"].rpartition(":")[2]
    server, admintools, ui = (values[k]["image"]["tag"] for k in ("server", "admintools", "web"))
    check(server == admintools == compose_server,
          f"{VALUES.name}: server {server} and admin-tools {admintools} must be compose's Temporal release {compose_server}")
    check(ui == compose_ui, f"{VALUES.name}: UI {ui}, compose runs {compose_ui}")
    persistence = values["server"]["config"]["persistence"]
    check(int(persistence["numHistoryShards"]) > 1, f"{VALUES.name}: numHistoryShards must be more than 1")
    for store in ("default", "visibility"):
        sql = persistence["datastores"][store].get("sql", {})
        check(sql.get("pluginName", "").startswith("postgres"), f"{VALUES.name}: {store} store is not on PostgreSQL (sql.pluginName)")
        check("password" not in sql and sql.get("existingSecret"), f"{VALUES.name}: {store} store must take its password from existingSecret")
    return server, ui, persistence["numHistoryShards"]


def main(paths):
    queues = contract_queues()
    check(queues, "no TASK_QUEUE constant found in the contracts")
    for path in map(pathlib.Path, paths):
        workers, polled = check_rendered(path, queues)
        print(f"  {path.stem}: worker Deployments {', '.join(workers)} poll {', '.join(polled)}")
    server, ui, shards = check_values()
    print(f"  contracts' queues: {', '.join(sorted(queues))}; search attributes {', '.join(sorted(search_attributes()))}")
    print(f"  Temporal chart values: server {server} = admin-tools, UI {ui}, {shards} history shards, PostgreSQL")
    for failure in failures:
        print(f"  FAIL {failure}", file=sys.stderr)
    print(f"check-manifests: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
