/**
 * The kube adapter's calls on Services: reading them and their Endpoints, patching a selector, and requests
 * through the API server's service proxy.
 */
import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { CriticalRoute } from '@runbook/core';
import type { CallTools, KubeWhere, WithType } from './_kube-call.ts';
import type { KubeConnections } from './_kube-connections.ts';
import { mapKubeError, proxyRefusal } from './_kube-errors.ts';
import { rawRequest } from './_raw-request.ts';
import { patchServiceSelectorCall } from './kube-calls.ts';
import { interrupted } from './time.ts';

interface Tools extends Pick<CallTools, 'call' | 'orNull' | 'list'> {
  core: CoreV1Api;
  namespace: string;
  withType: WithType;
}

/** What the service proxy needs besides client-node: it sends its requests itself. */
interface ProxyTools {
  kc: KubeConfig;
  connections: KubeConnections;
  where: KubeWhere;
  timeoutMs: number;
  signal?: AbortSignal;
}

export function serviceCalls({ core, namespace, call, orNull, list, withType }: Tools, proxy: ProxyTools) {
  return {
    listServices: () => list('GET services', () => core.listNamespacedService({ namespace })),
    getService: (name: string) =>
      call(`GET services/${name}`, () => core.readNamespacedService({ name, namespace })),
    getEndpoints: (name: string) =>
      orNull(call(`GET endpoints/${name}`, () => core.readNamespacedEndpoints({ name, namespace }))),
    listEndpoints: () => list('GET endpoints', () => core.listNamespacedEndpoints({ namespace })),
    patchServiceSelector(name: string, selector: Record<string, string | null>) {
      const c = patchServiceSelectorCall(namespace, name, selector);
      return call(`PATCH services/${name}`, () =>
        core.patchNamespacedService({ name, namespace, body: c.body }, withType(c.contentType!)),
      );
    },
    serviceProxy: (
      service: string,
      path: string,
      opts: { method?: CriticalRoute['method']; timeoutMs?: number; body?: string } = {},
    ) => serviceProxy(proxy, service, path, opts),
  };
}

function serviceProxy(
  { kc, connections, where, timeoutMs, signal }: ProxyTools,
  service: string,
  path: string,
  opts: { method?: CriticalRoute['method']; timeoutMs?: number; body?: string },
) {
  const clean = path.replace(/^\/+/, '');
  const url = `api/v1/namespaces/${where.namespace}/services/${service}/proxy/${clean}`;
  const method = opts.method ?? 'GET';
  const ms = opts.timeoutMs ?? timeoutMs;
  return rawRequest(kc, connections, method, url, opts.body, ms, signal)
    .then((res) => {
      const refused = proxyRefusal(res);
      if (refused) throw refused;
      return res;
    })
    .catch((err) => {
      throw signal?.aborted ? interrupted(signal) : mapKubeError(err, `${method} /${url}`, where);
    });
}
