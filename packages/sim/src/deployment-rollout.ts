/**
 * How a Deployment moves its ReplicaSets, as upstream's rolling.go, recreate.go and sync.go do: each function
 * makes the writes of one sync and says whether it scaled; the controllers' next pass takes the next step.
 */
import type { SimContext } from './context.ts';
import {
  byCreation,
  DESIRED_REPLICAS,
  isRollingUpdate,
  MAX_REPLICAS,
  maxSurge,
  maxUnavailable,
  replicasOf,
  scaleReplicaSet,
} from './deployment-util.ts';
import type { KObject } from './types.ts';

const sumSpec = (list: readonly KObject[]): number => list.reduce((n, rs) => n + replicasOf(rs), 0);
const available = (rs: KObject): number => rs.status?.availableReplicas ?? 0;

/** NewRSNewReplicas: the size the new ReplicaSet may grow to now. */
export function newReplicaSetSize(d: KObject, all: readonly KObject[], newRs: KObject | undefined): number {
  const desired = replicasOf(d);
  if (!isRollingUpdate(d)) return desired;
  const current = sumSpec(all);
  const mine = replicasOf(newRs);
  const maxTotal = desired + maxSurge(d);
  if (current >= maxTotal) return mine;
  return mine + Math.min(maxTotal - current, desired - mine);
}

function reconcileNewReplicaSet(ctx: SimContext, d: KObject, all: KObject[], newRs: KObject): boolean {
  const desired = replicasOf(d);
  if (replicasOf(newRs) === desired) return false;
  const size = replicasOf(newRs) > desired ? desired : newReplicaSetSize(d, all, newRs);
  scaleReplicaSet(ctx, newRs, size, d);
  return size !== replicasOf(newRs);
}

/** Old ReplicaSets lose their unavailable replicas first, within what the rollout may take down. */
function cleanupUnhealthy(ctx: SimContext, d: KObject, olds: KObject[], most: number): number {
  let done = 0;
  for (let i = 0; i < olds.length && done < most; i++) {
    const rs = olds[i]!;
    const unhealthy = replicasOf(rs) - available(rs);
    if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
    const count = Math.min(most - done, unhealthy);
    olds[i] = scaleReplicaSet(ctx, rs, replicasOf(rs) - count, d);
    done += count;
  }
  return done;
}

function scaleDownOld(ctx: SimContext, d: KObject, all: KObject[], olds: KObject[]): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const total = all.reduce((n, rs) => n + available(rs), 0) - minAvailable;
  let done = 0;
  for (const rs of olds) {
    if (done >= total) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), total - done);
    scaleReplicaSet(ctx, rs, replicasOf(rs) - count, d);
    done += count;
  }
  return Math.max(0, done);
}

/** reconcileOldReplicaSets: old replicas go only while minAvailable = desired - maxUnavailable stay available. */
function reconcileOldReplicaSets(ctx: SimContext, d: KObject, all: KObject[], newRs: KObject): boolean {
  const olds = all.filter((rs) => rs !== newRs && replicasOf(rs) > 0).sort(byCreation);
  if (sumSpec(olds) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRs) - available(newRs);
  const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthy(ctx, d, olds, maxScaledDown);
  return cleaned + scaleDownOld(ctx, d, [...olds, newRs], olds) > 0;
}

/** One sync of a RollingUpdate Deployment: scale up if possible, else scale down if possible. */
export function rolloutRolling(ctx: SimContext, d: KObject, all: KObject[], newRs: KObject): void {
  if (reconcileNewReplicaSet(ctx, d, all, newRs)) return;
  reconcileOldReplicaSets(ctx, d, all, newRs);
}

/**
 * One sync of a Recreate Deployment: old ReplicaSets to 0, then, once no old pod is left (terminating ones
 * included), the new ReplicaSet, created only then, to full size. Returns whether the new one may be made.
 */
export function recreateOld(
  ctx: SimContext,
  d: KObject,
  olds: KObject[],
  oldPods: readonly KObject[],
): boolean {
  let scaled = false;
  for (const rs of olds) {
    if (replicasOf(rs) === 0) continue;
    scaleReplicaSet(ctx, rs, 0, d);
    scaled = true;
  }
  if (scaled) return false;
  if (olds.some((rs) => (rs.status?.replicas ?? 0) > 0)) return false;
  return !oldPods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

/** isScalingEvent: an active ReplicaSet was sized for another replica count than the Deployment's now. */
export function isScalingEvent(d: KObject, all: readonly KObject[]): boolean {
  return all.some((rs) => {
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    return replicasOf(rs) > 0 && desired !== undefined && Number(desired) !== replicasOf(d);
  });
}

/** Go's math.Round: halves away from zero. */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** getReplicaSetFraction: this ReplicaSet's share of a resize, from the max-replicas it was sized for. */
function fraction(rs: KObject, d: KObject): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const maxNow = replicasOf(d) + maxSurge(d);
  let before = Number(rs.metadata.annotations?.[MAX_REPLICAS] ?? 0);
  if (!before) before = d.status?.replicas ?? 0;
  if (!before) return 0;
  return roundHalfAway((replicasOf(rs) * maxNow) / before) - replicasOf(rs);
}

function proportion(rs: KObject, d: KObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const f = fraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(f, allowed) : Math.max(f, allowed);
}

/** Proportional scaling of a rollout in flight: the resize is shared by size, the leftover to the largest. */
function scaleProportionally(ctx: SimContext, d: KObject, active: KObject[]): void {
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - sumSpec(active);
  const newerFirst = toAdd > 0 ? -1 : 1;
  active.sort((a, b) => replicasOf(b) - replicasOf(a) || newerFirst * byCreation(a, b));
  let added = 0;
  const sizes = active.map((rs) => {
    const p = proportion(rs, d, toAdd, added);
    added += p;
    return replicasOf(rs) + p;
  });
  if (active.length && toAdd !== 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  for (const [i, rs] of active.entries()) scaleReplicaSet(ctx, rs, sizes[i]!, d);
}

/** scale: a paused Deployment, or one resized, keeps its ReplicaSets' proportions without rolling. */
export function scaleDeployment(
  ctx: SimContext,
  d: KObject,
  newRs: KObject | undefined,
  olds: KObject[],
): void {
  const all = newRs ? [...olds, newRs] : olds;
  const active = all.filter((rs) => replicasOf(rs) > 0);
  const newest = newRs ?? [...olds].sort(byCreation).at(-1);
  const only = active.length === 1 ? active[0] : active.length === 0 ? newest : undefined;
  if (only) {
    scaleReplicaSet(ctx, only, replicasOf(d), d);
    return;
  }
  const saturated =
    newRs &&
    replicasOf(newRs) === replicasOf(d) &&
    newRs.metadata.annotations?.[DESIRED_REPLICAS] === String(replicasOf(d)) &&
    available(newRs) === replicasOf(d);
  if (saturated) {
    for (const rs of active) if (rs !== newRs) scaleReplicaSet(ctx, rs, 0, d);
    return;
  }
  if (isRollingUpdate(d)) scaleProportionally(ctx, d, active);
}
