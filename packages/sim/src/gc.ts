/**
 * Garbage collection: dependents whose owners are all gone are deleted (background propagation). An orphaning
 * DELETE has already taken the owner's reference off its dependents (handlers.ts), so they stay.
 */
import { R, type SimContext } from './context.ts';
import { deletePod } from './pod-termination.ts';

export function collectGarbage(ctx: SimContext): void {
  const { store } = ctx;
  const uids = new Set<string>();
  const namespaces = new Set(store.view(R.namespaces).map((n) => n.metadata.name));
  for (const [, o] of store.all()) if (o.metadata.uid) uids.add(o.metadata.uid);
  const doomed: Array<[typeof R.pods, string | undefined, string]> = [];
  for (const [r, o] of store.all()) {
    const owners = o.metadata.ownerReferences ?? [];
    const orphan = owners.length > 0 && owners.every((ref) => !uids.has(ref.uid));
    const homeless = r.namespaced && !namespaces.has(o.metadata.namespace);
    if (orphan || homeless) doomed.push([r, o.metadata.namespace, o.metadata.name!]);
  }
  for (const [r, ns, name] of doomed) {
    const o = store.peek(r, ns, name);
    // Pods go as a DELETE without options makes them go: Terminating for their grace period first.
    if (o && r === R.pods) deletePod(store, o);
    else if (o) store.delete(r, ns, name);
  }
}
