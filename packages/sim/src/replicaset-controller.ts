/** The ReplicaSet controller: keeps as many pods as spec.replicas, and counts them in status. */
import { clone, deepEqual } from './_json.ts';
import { isOwnedBy, R, type SimContext } from './context.ts';
import { deletePod } from './pod-termination.ts';
import { createPod, isPodActive, isPodReady } from './pods.ts';
import type { KObject } from './types.ts';

function omitZero(o: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(o)) if (v) out[k] = v;
  return out;
}

/** Active pods by the uid of their controlling owner: one pass over the pods for all ReplicaSets. */
function podsByOwner(ctx: SimContext): Map<string, KObject[]> {
  const out = new Map<string, KObject[]>();
  for (const p of ctx.store.view(R.pods)) {
    const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (!owner || !isPodActive(p)) continue;
    const list = out.get(owner);
    if (list) list.push(p);
    else out.set(owner, [p]);
  }
  return out;
}

export function reconcileReplicaSets(ctx: SimContext): void {
  const { store } = ctx;
  const owned = podsByOwner(ctx);
  for (const rs of store.view(R.replicasets)) {
    let pods = (owned.get(rs.metadata.uid ?? '') ?? []).filter((p) => isOwnedBy(p, rs.metadata.uid));
    const want: number = rs.spec?.replicas ?? 1;
    for (let i = pods.length; i < want; i++) pods.push(createPod(ctx, rs, rs.spec.template));
    if (pods.length > want) {
      // Like the real controller: unready pods go first, then the youngest.
      const ranked = [...pods].sort(
        (a, b) =>
          Number(isPodReady(a)) - Number(isPodReady(b)) ||
          String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
      );
      const doomed = ranked.slice(0, pods.length - want);
      // Deleted as the API deletes a pod: Terminating, no longer active, gone after its grace period.
      for (const p of doomed) deletePod(store, p);
      pods = pods.filter((p) => !doomed.includes(p));
    }
    const ready = pods.filter(isPodReady).length;
    const status = {
      replicas: pods.length,
      ...omitZero({ fullyLabeledReplicas: pods.length, readyReplicas: ready, availableReplicas: ready }),
      observedGeneration: rs.metadata.generation,
    };
    if (!deepEqual(rs.status, status)) store.update(R.replicasets, { ...clone(rs), status });
  }
}
