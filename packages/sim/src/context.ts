/** What the API handlers, controllers and routers of one simulated cluster share. */
import type { SimApps } from './app.ts';
import type { FaultTable } from './faults.ts';
import { resolveResource } from './resources.ts';
import type { Store } from './store.ts';
import type { JobRunner, KObject, SimLogger } from './types.ts';

export interface SimContext {
  store: Store;
  apps: SimApps;
  faults: FaultTable;
  readyDelayMs: number;
  /** While true, new pods are Ready at once: the initial world starts healthy. */
  bootstrapping: boolean;
  /** Pods whose start-up delay has passed (by uid); they are Ready unless their version is `not-ready`. */
  started: Set<string>;
  timers: Set<NodeJS.Timeout>;
  jobRunner: JobRunner;
  log: SimLogger;
  /** Asks the controllers for a pass soon. */
  schedule: () => void;
  stopped: boolean;
  /** Real seconds a terminating pod spends per second of its grace period (see SimOptions.graceScale). */
  graceScale: number;
}

export const R = {
  namespaces: resolveResource('namespaces'),
  nodes: resolveResource('nodes'),
  pods: resolveResource('pods'),
  services: resolveResource('services'),
  endpoints: resolveResource('endpoints'),
  endpointslices: resolveResource('endpointslices'),
  events: resolveResource('events'),
  deployments: resolveResource('deployments'),
  replicasets: resolveResource('replicasets'),
  jobs: resolveResource('jobs'),
  leases: resolveResource('leases'),
};

export function later(ctx: SimContext, ms: number, fn: () => void): void {
  const t = setTimeout(() => {
    ctx.timers.delete(t);
    if (!ctx.stopped) fn();
  }, ms);
  ctx.timers.add(t);
}

export function isOwnedBy(o: KObject, uid: string | undefined): boolean {
  return !!uid && (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.controller);
}

export function controllerRef(owner: KObject): NonNullable<KObject['metadata']['ownerReferences']>[number] {
  return {
    apiVersion: owner.apiVersion ?? 'v1',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
