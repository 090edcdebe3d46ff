/**
 * The kube adapter's calls on Services: reading them and their Endpoints, patching a selector, and requests
 * through the API server's service proxy.
 */
import type { CoreV1Api, KubeConfig, setHeaderOptions } from '@kubernetes/client-node';
import type { CriticalRoute } from '@runbook/core';
import type { KubeWhere } from './_kube-call.ts';
import type { KubeConnections } from './_kube-connections.ts';
import { mapKubeError, proxyRefusal } from './_kube-errors.ts';
import { rawRequest } from './_raw-request.ts';
import { patchServiceSelectorCall } from './kube-calls.ts';
import type { Json } from './kube-types.ts';
import { interrupted } from './time.ts';

interface Tools {
  core: CoreV1Api;
  namespace: string;
  call<T>(what: string, fn: () => Promise<T>): Promise<Json<T>>;
  orNull<T>(p: Promise<T>): Promise<T | null>;
  list<T>(what: string, fn: () => Promise<{ items: T[] }>): Promise<Json<T>[]>;
  /** The request options that send a body of this Content-Type. */
  withType(type: string): ReturnType<typeof setHeaderOptions>;
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
