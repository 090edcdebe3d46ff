/** The Endpoints and EndpointSlice controllers: each selecting Service lists the pods it selects. */

import { safeHash } from './_ids.ts';
import { clone, deepEqual } from './_json.ts';
import { controllerRef, R, type SimContext } from './context.ts';
import { isPodActive, isPodReady } from './pods.ts';
import { labelSelectorMatcher } from './selectors.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: objects are arbitrary JSON
type Any = any;

const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const SERVICE_NAME = 'kubernetes.io/service-name';

function targetPort(svcPort: Any, pod: KObject | undefined): number {
  const t = svcPort.targetPort ?? svcPort.port;
  if (typeof t === 'number') return t;
  for (const c of pod?.spec?.containers ?? []) {
    const p = (c.ports ?? []).find((x: Any) => x.name === t);
    if (p) return p.containerPort;
  }
  return svcPort.port;
}

function address(pod: KObject): Any {
  return {
    ip: pod.status.podIP,
    nodeName: pod.spec?.nodeName,
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    },
  };
}

function upsert(
  ctx: SimContext,
  r: typeof R.endpoints,
  wanted: KObject,
  compare: (o: KObject) => unknown,
): void {
  const existing = ctx.store.get(r, wanted.metadata.namespace, wanted.metadata.name!);
  if (!existing) {
    ctx.store.create(r, wanted);
    return;
  }
  if (deepEqual(compare(existing), compare(wanted))) return;
  // The wanted object replaces the content, so that fields it lacks (no subsets left) disappear.
  const next = {
    ...clone(wanted),
    metadata: { ...existing.metadata, ...wanted.metadata },
  };
  ctx.store.update(r, next);
}

export function reconcileEndpoints(ctx: SimContext): void {
  const { store } = ctx;
  const services = store.view(R.services);
  const selecting = new Set<string>();
  for (const svc of services) {
    const selector = svc.spec?.selector;
    if (!selector || !Object.keys(selector).length) continue;
    const ns = svc.metadata.namespace;
    const name = svc.metadata.name!;
    selecting.add(`${ns}/${name}`);
    const match = labelSelectorMatcher({ matchLabels: selector });
    const pods = store
      .list(R.pods, ns, (p) => match(p.metadata.labels) && isPodActive(p) && !!p.status?.podIP)
      .sort((a, b) =>
        String(a.status.podIP).localeCompare(String(b.status.podIP), undefined, { numeric: true }),
      );
    const ready = pods.filter(isPodReady);
    const notReady = pods.filter((p) => !isPodReady(p));
    const ports = (svc.spec.ports ?? []).map((p: Any) => ({
      ...(p.name ? { name: p.name } : {}),
      port: targetPort(p, pods[0]),
      protocol: p.protocol ?? 'TCP',
    }));
    const subset: Any = { ports };
    if (ready.length) subset.addresses = ready.map(address);
    if (notReady.length) subset.notReadyAddresses = notReady.map(address);
    const labels = { ...svc.metadata.labels, 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
    upsert(
      ctx,
      R.endpoints,
      { metadata: { name, namespace: ns, labels }, ...(pods.length ? { subsets: [subset] } : {}) },
      (o) => [o.subsets, o.metadata.labels],
    );
    upsert(
      ctx,
      R.endpointslices,
      {
        metadata: {
          name: `${name}-${safeHash(svc.metadata.uid ?? name, 5)}`,
          namespace: ns,
          labels: {
            ...svc.metadata.labels,
            [SERVICE_NAME]: name,
            [MANAGED_BY]: 'endpointslice-controller.k8s.io',
          },
          ownerReferences: [controllerRef(svc)],
        },
        addressType: 'IPv4',
        endpoints: pods.map((p) => ({
          addresses: [p.status.podIP],
          conditions: { ready: isPodReady(p), serving: isPodReady(p), terminating: false },
          nodeName: p.spec?.nodeName,
          targetRef: address(p).targetRef,
        })),
        ports: ports.map((p: Any) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol })),
      },
      (o) => [o.endpoints, o.ports, o.metadata.labels],
    );
  }
  for (const ep of store.view(R.endpoints)) {
    const managed = ep.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller';
    if (managed && !selecting.has(`${ep.metadata.namespace}/${ep.metadata.name}`)) {
      store.delete(R.endpoints, ep.metadata.namespace, ep.metadata.name!);
    }
  }
}
