/** The Endpoints and EndpointSlice controllers: each selecting Service lists the pods it selects. */

import { safeHash } from './_ids.ts';
import { deepEqual } from './_json.ts';
import { controllerRef, R, type SimContext } from './context.ts';
import { isPodActive, isPodReady } from './pods.ts';
import { labelSelectorMatcher } from './selectors.ts';
import type { StoreEvent } from './store.ts';
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

/** Pod IPs in numeric order (10.244.0.9 before 10.244.0.10), compared as numbers rather than by locale. */
function ipValue(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) return Number.NaN;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** Sorts pods by IP, each IP parsed once. */
function sortByIp(pods: readonly KObject[]): KObject[] {
  const keyed = pods.map((p) => ({ p, ip: String(p.status.podIP), n: ipValue(String(p.status.podIP)) }));
  keyed.sort((a, b) => {
    if (Number.isNaN(a.n) || Number.isNaN(b.n)) return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0;
    return a.n - b.n;
  });
  return keyed.map((k) => k.p);
}

function upsert(
  ctx: SimContext,
  r: typeof R.endpoints,
  wanted: KObject,
  compare: (o: KObject) => unknown,
): void {
  const existing = ctx.store.peek(r, wanted.metadata.namespace, wanted.metadata.name!);
  if (!existing) {
    ctx.store.create(r, wanted);
    return;
  }
  if (deepEqual(compare(existing), compare(wanted))) return;
  // The wanted object replaces the content, so that fields it lacks (no subsets left) disappear. It is built
  // afresh for this call, so the store may keep it without a copy.
  ctx.store.update(r, { ...wanted, metadata: { ...existing.metadata, ...wanted.metadata } }, true);
}

/**
 * Keeps the Endpoints and EndpointSlice of the Services whose pods or selector changed since the last run,
 * as the real controller works from a queue of service keys, not by rereading every pod for every service.
 */
export class EndpointsController {
  /** `namespace/name` of the Services to reconcile; null means all of them. */
  private dirty: Set<string> | null = null;
  /** Its own writes do not make a Service dirty again. */
  private writing = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: SimContext) {
    this.unsubscribe = ctx.store.subscribe((e) => this.observe(e));
  }

  private observe(e: StoreEvent): void {
    if (!this.dirty || this.writing) return;
    const { metadata } = e.object;
    if (e.resource === R.services || e.resource === R.endpoints) {
      this.dirty.add(`${metadata.namespace}/${metadata.name}`);
    } else if (e.resource === R.endpointslices) {
      const svc = metadata.labels?.[SERVICE_NAME];
      if (svc) this.dirty.add(`${metadata.namespace}/${svc}`);
    } else if (e.resource === R.pods) {
      for (const svc of this.ctx.store.view(R.services, metadata.namespace)) {
        const selector = svc.spec?.selector;
        if (!selector || !Object.keys(selector).length) continue;
        const match = labelSelectorMatcher({ matchLabels: selector });
        if (match(metadata.labels) || (e.prev && match(e.prev.metadata.labels)))
          this.dirty.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
      }
    }
  }

  reconcile(): void {
    const keys = this.dirty;
    this.dirty = new Set();
    this.writing = true;
    try {
      if (!keys) reconcileEndpoints(this.ctx);
      else
        for (const k of keys) {
          const slash = k.indexOf('/');
          reconcileService(this.ctx, k.slice(0, slash), k.slice(slash + 1));
        }
    } catch (e) {
      this.dirty = null; // start over from every Service
      throw e;
    } finally {
      this.writing = false;
    }
  }

  stop(): void {
    this.unsubscribe();
  }
}

function reconcileService(ctx: SimContext, ns: string, name: string): void {
  const svc = ctx.store.peek(R.services, ns, name);
  const selector = svc?.spec?.selector;
  if (svc && selector && Object.keys(selector).length) {
    syncService(ctx, svc);
    return;
  }
  const ep = ctx.store.peek(R.endpoints, ns, name);
  if (ep?.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller')
    ctx.store.delete(R.endpoints, ns, name);
}

function syncService(ctx: SimContext, svc: KObject): void {
  const { store } = ctx;
  const ns = svc.metadata.namespace;
  const name = svc.metadata.name!;
  const match = labelSelectorMatcher({ matchLabels: svc.spec.selector });
  const pods = sortByIp(
    store.view(R.pods, ns, (p) => match(p.metadata.labels) && isPodActive(p) && !!p.status?.podIP),
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

/** Reconciles every Service, and drops the managed Endpoints of Services that no longer select. */
export function reconcileEndpoints(ctx: SimContext): void {
  const { store } = ctx;
  const selecting = new Set<string>();
  for (const svc of store.view(R.services)) {
    const selector = svc.spec?.selector;
    if (!selector || !Object.keys(selector).length) continue;
    selecting.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
    syncService(ctx, svc);
  }
  for (const ep of store.view(R.endpoints)) {
    const managed = ep.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller';
    if (managed && !selecting.has(`${ep.metadata.namespace}/${ep.metadata.name}`)) {
      store.delete(R.endpoints, ep.metadata.namespace, ep.metadata.name!);
    }
  }
}
