"""Watches configmaps from a resourceVersion; prints the events, or the ApiException the client raises.

Usage: watch_expired.py KUBECONFIG NAMESPACE RESOURCE_VERSION
The client retries a 410 Gone once, then raises it as ApiException(status=410, reason="Expired: <message>").
"""
import json
import sys

from kubernetes import client, config, watch

kubeconfig, namespace, rv = sys.argv[1], sys.argv[2], sys.argv[3]
config.load_kube_config(config_file=kubeconfig)
v1 = client.CoreV1Api()
try:
    for event in watch.Watch().stream(v1.list_namespaced_config_map, namespace, resource_version=rv, timeout_seconds=5):
        print(json.dumps({"type": event["type"]}), flush=True)
except client.rest.ApiException as e:
    print(json.dumps({"status": e.status, "reason": e.reason}), flush=True)
