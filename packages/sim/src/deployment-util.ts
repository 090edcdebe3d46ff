/** The arithmetic and annotations of the Deployment controller, as upstream's deployment/util keeps them. */
import { clone } from './_json.ts';
import { R, type SimContext } from './context.ts';
import type { KObject } from './types.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
// Annotations the real controller does not copy from a Deployment to its ReplicaSets.
const NOT_COPIED = new Set([
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'kubectl.kubernetes.io/last-applied-configuration',
  'deprecated.deployment.rollback.to',
]);

export function revisionOf(o: KObject): number {
  return Number(o.metadata.annotations?.[REVISION] ?? 0);
}

export function replicasOf(o: KObject | undefined): number {
  return o?.spec?.replicas ?? 0;
}

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up for surge and down for unavailability. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export function isRollingUpdate(d: KObject): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/**
 * ResolveFenceposts: surge and unavailability for the Deployment's size. Both resolving to 0 (only by rounding,
 * validation forbids it otherwise) makes unavailability 1, so that a rollout can still proceed.
 */
function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const desired = replicasOf(d);
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true);
  const unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

export function maxSurge(d: KObject): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: KObject): number {
  const desired = replicasOf(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desired);
}

/** The annotations a ReplicaSet gets at creation from its Deployment. */
export function copiedAnnotations(d: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) out[k] = v;
  return out;
}

export function replicasAnnotations(d: KObject): Record<string, string> {
  const desired = replicasOf(d);
  return { [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(desired + maxSurge(d)) };
}

/**
 * SetNewReplicaSetAnnotations for an existing new ReplicaSet: the Deployment's annotations copied over (never
 * removed), and a revision bump when an old template comes back, the previous number kept in the history.
 */
export function syncNewReplicaSetAnnotations(
  ctx: SimContext,
  d: KObject,
  rs: KObject,
  revision: number,
): KObject {
  const annotations = { ...rs.metadata.annotations, ...copiedAnnotations(d) };
  const old = revisionOf(rs);
  if (old < revision) {
    annotations[REVISION] = String(revision);
    if (old > 0) {
      const history = annotations[REVISION_HISTORY];
      annotations[REVISION_HISTORY] = history ? `${history},${old}` : String(old);
    }
  }
  const current = rs.metadata.annotations ?? {};
  if (Object.entries(annotations).every(([k, v]) => current[k] === v)) return rs;
  const next = clone(rs);
  next.metadata.annotations = annotations;
  return ctx.store.update(R.replicasets, next);
}

/** scaleReplicaSet: the size and the replica annotations, in one write when either is out of date. */
export function scaleReplicaSet(ctx: SimContext, rs: KObject, size: number, d: KObject): KObject {
  const wanted = replicasAnnotations(d);
  const annotations = rs.metadata.annotations ?? {};
  const stale = Object.entries(wanted).some(([k, v]) => annotations[k] !== v);
  if (replicasOf(rs) === size && !stale) return rs;
  const next = clone(rs);
  next.spec.replicas = size;
  next.metadata.annotations = { ...annotations, ...wanted };
  return ctx.store.update(R.replicasets, next);
}

/** Deployment complete: every replica updated, no old one left, all available, the latest spec observed. */
export function deploymentComplete(d: KObject, status: Record<string, number>): boolean {
  const desired = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === desired &&
    (status.replicas ?? 0) === desired &&
    (status.availableReplicas ?? 0) === desired &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** Oldest first, by creation time then name, as controller.ReplicaSetsByCreationTimestamp sorts. */
export function byCreation(a: KObject, b: KObject): number {
  return (
    String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) ||
    revisionOf(a) - revisionOf(b) ||
    String(a.metadata.name).localeCompare(String(b.metadata.name))
  );
}
