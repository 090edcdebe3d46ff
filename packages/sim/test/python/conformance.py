"""Drives the simulated cluster with the official Kubernetes Python client, one case per call.

Usage: conformance.py KUBECONFIG NAMESPACE CASE [ARG...]
Prints one JSON object (what the case observed) on stdout; the TypeScript test asserts on it.
"""
import json
import sys

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException


def api_error(e):
    body = json.loads(e.body) if e.body else {}
    return {"status": e.status, "reason": e.reason, "statusReason": body.get("reason"), "message": body.get("message")}


def case_list(ns, apps, core, _):
    deployments = apps.list_namespaced_deployment(ns)
    pods = core.list_namespaced_pod(ns, label_selector="app=marketplace-api,version=green")
    return {
        "kind": deployments.kind,
        "resourceVersion": deployments.metadata.resource_version,
        "deployments": sorted(d.metadata.name for d in deployments.items),
        "greenApiPods": len(pods.items),
        "namespaces": sorted(n.metadata.name for n in core.list_namespace().items),
    }


def case_read(ns, apps, core, _):
    d = apps.read_namespaced_deployment("marketplace-api", ns)
    s = core.read_namespaced_service("marketplace-api-service", ns)
    return {
        "image": d.spec.template.spec.containers[0].image,
        "replicas": d.spec.replicas,
        "strategy": d.spec.strategy.type,
        "readyReplicas": d.status.ready_replicas,
        "selector": s.spec.selector,
        "clusterIP": s.spec.cluster_ip,
    }


def case_patch_strategic(ns, apps, core, args):
    # A dict body goes as application/strategic-merge-patch+json: containers merge by name.
    body = {"spec": {"template": {"spec": {"containers": [{"name": "api", "image": args[0]}]}}}}
    d = apps.patch_namespaced_deployment("marketplace-api", ns, body)
    c = d.spec.template.spec.containers
    return {"containers": len(c), "image": c[0].image, "ports": [p.container_port for p in c[0].ports or []]}


def case_patch_merge(ns, apps, core, _):
    merge = client.ApiClient(configuration=client.Configuration.get_default_copy())
    merge.set_default_header("Content-Type", "application/merge-patch+json")
    v1 = client.CoreV1Api(merge)
    body = {"metadata": {"labels": {"tier": "edge"}}, "spec": {"selector": {"version": "blue"}}}
    s = v1.patch_namespaced_service("marketplace-api-service", ns, body)
    removed = v1.patch_namespaced_service("marketplace-api-service", ns, {"metadata": {"labels": {"tier": None}}})
    return {"selector": s.spec.selector, "labels": s.metadata.labels, "afterNull": removed.metadata.labels}


def case_replace(ns, apps, core, _):
    cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-settings"), data={"mode": "a"})
    created = core.create_namespaced_config_map(ns, cm)
    created.data = {"mode": "b"}
    replaced = core.replace_namespaced_config_map("py-settings", ns, created)
    return {
        "data": replaced.data,
        "rvChanged": replaced.metadata.resource_version != created.metadata.resource_version,
        "read": core.read_namespaced_config_map("py-settings", ns).data,
    }


def case_watch(ns, apps, core, _):
    rv = core.list_namespaced_config_map(ns).metadata.resource_version
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-watched")))
    w = watch.Watch()
    seen = []
    for event in w.stream(core.list_namespaced_config_map, ns, resource_version=rv, timeout_seconds=10):
        seen.append([event["type"], event["object"].metadata.name])
        if event["object"].metadata.name == "py-watched":
            w.stop()
    return {"events": seen}


def case_logs(ns, apps, core, _):
    pod = core.list_namespaced_pod(ns, label_selector="app=marketplace-api,version=green").items[0].metadata.name
    full = core.read_namespaced_pod_log(pod, ns)
    tail = core.read_namespaced_pod_log(pod, ns, tail_lines=1)
    stamped = core.read_namespaced_pod_log(pod, ns, timestamps=True, tail_lines=1)
    out = {"pod": pod, "full": full, "tail": tail, "stamped": stamped}
    try:
        core.read_namespaced_pod_log(pod, ns, previous=True)
    except ApiException as e:
        out["previous"] = api_error(e)
    return out


def case_errors(ns, apps, core, _):
    out = {}
    try:
        apps.read_namespaced_deployment("no-such-deployment", ns)
    except ApiException as e:
        out["notFound"] = api_error(e)
    stale = core.read_namespaced_service("marketplace-web-service", ns)
    fresh = core.read_namespaced_service("marketplace-web-service", ns)
    fresh.metadata.labels = {**(fresh.metadata.labels or {}), "touched": "yes"}
    core.replace_namespaced_service("marketplace-web-service", ns, fresh)
    stale.metadata.labels = {**(stale.metadata.labels or {}), "stale": "yes"}
    try:
        core.replace_namespaced_service("marketplace-web-service", ns, stale)
    except ApiException as e:
        out["conflict"] = api_error(e)
    try:
        core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    except ApiException as e:
        out["alreadyExists"] = api_error(e)
    return out


CASES = {
    "list": case_list,
    "read": case_read,
    "patch-strategic": case_patch_strategic,
    "patch-merge": case_patch_merge,
    "replace": case_replace,
    "watch": case_watch,
    "logs": case_logs,
    "errors": case_errors,
}


def main():
    kubeconfig, ns, name, *args = sys.argv[1:]
    config.load_kube_config(config_file=kubeconfig)
    result = CASES[name](ns, client.AppsV1Api(), client.CoreV1Api(), args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
