/**
 * Graceful pod deletion: the API server marks the pod (deletionTimestamp, deletionGracePeriodSeconds), the
 * kubelet stops it and removes it once its grace period, scaled by the sim's time factor, has passed.
 */
import { clone } from './_json.ts';
import { later, R, type SimContext } from './context.ts';
import type { Store } from './store.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: pod status is arbitrary JSON
type Any = any;

function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A pod's DELETE. Unscheduled and finished pods, and a grace period of 0, remove it at once (the returned pod
 * then carries the deletionTimestamp); otherwise it is marked, and a shorter grace period shortens a mark.
 */
export function deletePod(store: Store, pod: KObject, grace?: number): KObject {
  const g = Math.max(0, grace ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
  const phase = pod.status?.phase;
  const current = pod.metadata.deletionGracePeriodSeconds as number | undefined;
  if (g === 0 || !pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') {
    const gone = store.delete(R.pods, pod.metadata.namespace, pod.metadata.name!);
    gone.metadata.deletionTimestamp ??= timestamp(Date.now());
    gone.metadata.deletionGracePeriodSeconds = 0;
    return gone;
  }
  if (pod.metadata.deletionTimestamp && current !== undefined && current <= g) return pod;
  const next = clone(pod);
  next.metadata.deletionTimestamp = timestamp(Date.now() + g * 1000);
  next.metadata.deletionGracePeriodSeconds = g;
  return store.update(R.pods, next);
}

/** The kubelet's side: a marked pod stops being Ready at once, and is removed when its grace period is over. */
export class PodTerminator {
  /** Grace period (s) each terminating pod's removal is scheduled for, by uid. */
  private readonly scheduled = new Map<string, number>();

  constructor(private readonly ctx: SimContext) {}

  reconcile(): void {
    const { ctx } = this;
    for (const pod of ctx.store.view(R.pods, undefined, (p) => !!p.metadata.deletionTimestamp)) {
      const uid = pod.metadata.uid ?? '';
      const grace = Number(pod.metadata.deletionGracePeriodSeconds ?? 0);
      const before = this.scheduled.get(uid);
      if (before !== undefined && before <= grace) continue;
      this.scheduled.set(uid, grace);
      if (before === undefined) this.stop(pod);
      later(ctx, grace * 1000 * ctx.graceScale, () => this.remove(pod));
    }
  }

  private stop(pod: KObject): void {
    this.ctx.started.delete(pod.metadata.uid ?? '');
    const next = clone(pod);
    for (const c of next.status?.conditions ?? [])
      if (c.type === 'Ready' || c.type === 'ContainersReady') {
        if (c.status !== 'False') c.lastTransitionTime = timestamp(Date.now());
        c.status = 'False';
        c.reason = 'ContainersNotReady';
      }
    for (const c of (next.status?.containerStatuses ?? []) as Any[]) c.ready = false;
    this.ctx.store.update(R.pods, next);
  }

  private remove(pod: KObject): void {
    const { store } = this.ctx;
    const current = store.peek(R.pods, pod.metadata.namespace, pod.metadata.name!);
    this.scheduled.delete(pod.metadata.uid ?? '');
    if (current && current.metadata.uid === pod.metadata.uid)
      store.delete(R.pods, pod.metadata.namespace, pod.metadata.name!);
  }
}
