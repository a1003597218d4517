#!/usr/bin/env python3
"""Turns CustomResourceDefinition YAML into the JSON schemas kubeconform reads, one per served version:
<out>/<group>/<kind>_<version>.json (kubeconform's -schema-location
'deploy/schemas/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json').

Strict like kubeconform's own Kubernetes schemas: an object that lists its properties rejects any other
(a misspelt field fails), unless the CRD keeps unknown fields (x-kubernetes-preserve-unknown-fields);
x-kubernetes-int-or-string becomes integer-or-string; `nullable` allows null.

  crd2jsonschema.py OUT_DIR CRD.yaml...      (deploy/schemas/update.sh runs it)
"""
import json
import pathlib
import sys

import yaml


def strict(node):
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: strict(value) for key, value in node.items()}
    if node.pop("x-kubernetes-int-or-string", False):
        node.pop("type", None)
        node["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.pop("nullable", False) and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    preserve = node.get("x-kubernetes-preserve-unknown-fields", False)
    if "properties" in node and "additionalProperties" not in node and not preserve:
        node["additionalProperties"] = False
    return node


def main(out, sources):
    for source in sources:
        for crd in yaml.safe_load_all(pathlib.Path(source).read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                if not version.get("served", True):
                    continue
                schema = strict(version["schema"]["openAPIV3Schema"])
                props = schema.setdefault("properties", {})
                props["apiVersion"] = {"type": "string", "enum": [f"{group}/{version['name']}"]}
                props["kind"] = {"type": "string", "enum": [kind]}
                schema["$schema"] = "http://json-schema.org/draft-07/schema#"
                schema["x-comanda-source"] = pathlib.Path(source).name
                path = pathlib.Path(out) / group / f"{kind.lower()}_{version['name']}.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n")
                print(f"  {path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
