"""Watches pods with the official client's Watch().stream, printing one JSON line per event.

Usage: watch_pods.py KUBECONFIG NAMESPACE TIMEOUT_SECONDS [RESOURCE_VERSION]
Stops after the server ends the watch (timeout_seconds) or after the first MODIFIED event.
"""
import json
import sys

from kubernetes import client, config, watch

kubeconfig, namespace, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
config.load_kube_config(config_file=kubeconfig)
v1 = client.CoreV1Api()
w = watch.Watch()
kwargs = {"timeout_seconds": timeout}
if len(sys.argv) > 4:
    kwargs["resource_version"] = sys.argv[4]
for event in w.stream(v1.list_namespaced_pod, namespace, **kwargs):
    obj = event["object"]
    print(json.dumps({"type": event["type"], "name": obj.metadata.name, "kind": type(obj).__name__}), flush=True)
    if event["type"] == "MODIFIED":
        w.stop()
print(json.dumps({"done": True}), flush=True)
