/** The Deployment controller: one ReplicaSet per pod template, revisions, rolling updates and status. */

import { safeHash } from './_ids.ts';
import { clone, deepEqual, pruneNulls, stableStringify } from './_json.ts';
import { controllerRef, isOwnedBy, R, type SimContext } from './context.ts';
import {
  isScalingEvent,
  newReplicaSetSize,
  recreateOld,
  rolloutRolling,
  scaleDeployment,
} from './deployment-rollout.ts';
import { deploymentStatus, preludeConditions } from './deployment-status.ts';
import {
  byCreation,
  copiedAnnotations,
  REVISION,
  replicasAnnotations,
  replicasOf,
  revisionOf,
  scaleReplicaSet,
  syncNewReplicaSetAnnotations,
} from './deployment-util.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: templates are arbitrary JSON
type Any = any;

const HASH = 'pod-template-hash';

function withoutHash(template: Any): Any {
  const t = pruneNulls(clone(template ?? {}));
  if (t.metadata?.labels) delete t.metadata.labels[HASH];
  return t;
}

export function templateHash(template: Any): string {
  return safeHash(stableStringify(withoutHash(template)));
}

// Stored objects are never changed in place (writes replace them): what is derived from one can be kept with it.
const templates = new WeakMap<object, { template: Any; hash: string }>();

/** An object's pod template without its hash label, and that template's hash, computed once per stored version. */
function templateOf(o: KObject): { template: Any; hash: string } {
  let t = templates.get(o);
  if (!t) {
    const template = withoutHash(o.spec.template);
    t = { template, hash: safeHash(stableStringify(template)) };
    templates.set(o, t);
  }
  return t;
}

/** Creates the ReplicaSet of `template` for deployment `d`; also used to seed revision history. */
export function createReplicaSet(
  ctx: SimContext,
  d: KObject,
  template: Any,
  revision: number,
  replicas: number,
): KObject {
  const hash = templateHash(template);
  const t = withoutHash(template);
  t.metadata ??= {};
  t.metadata.labels = { ...t.metadata.labels, [HASH]: hash };
  const annotations = { ...copiedAnnotations(d), ...replicasAnnotations(d), [REVISION]: String(revision) };
  return ctx.store.create(R.replicasets, {
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...t.metadata.labels },
      annotations,
      ownerReferences: [controllerRef(d)],
    },
    spec: {
      replicas,
      selector: { ...clone(d.spec.selector), matchLabels: { ...d.spec.selector?.matchLabels, [HASH]: hash } },
      template: t,
    },
    status: { replicas: 0 },
  });
}

interface Family {
  newRs: KObject | undefined;
  olds: KObject[];
  created: boolean;
}

/**
 * getAllReplicaSetsAndSyncRevision: the ReplicaSet of the current template (the oldest one if several), its
 * annotations synced and its revision made the newest; created, at the size the strategy allows, only if `create`.
 */
function family(ctx: SimContext, d: KObject, create: boolean): Family {
  const owned = [
    ...ctx.store.view(R.replicasets, d.metadata.namespace, (rs) => isOwnedBy(rs, d.metadata.uid)),
  ];
  owned.sort(byCreation);
  const { template, hash } = templateOf(d);
  // The hash label names the template it was made from: compared first, the templates only when it differs.
  let newRs =
    owned.find((rs) => rs.metadata.labels?.[HASH] === hash) ??
    owned.find((rs) => deepEqual(templateOf(rs).template, template));
  const olds = owned.filter((rs) => rs !== newRs);
  const revision = Math.max(0, ...olds.map(revisionOf)) + 1;
  if (newRs) newRs = syncNewReplicaSetAnnotations(ctx, d, newRs, revision);
  else if (create) {
    newRs = createReplicaSet(ctx, d, template, revision, newReplicaSetSize(d, olds, undefined));
    return { newRs, olds, created: true };
  }
  return { newRs, olds, created: false };
}

/** cleanupDeployment: idle old ReplicaSets beyond revisionHistoryLimit go, oldest revision first. */
function cleanup(ctx: SimContext, d: KObject, olds: readonly KObject[]): void {
  const limit: number = d.spec.revisionHistoryLimit ?? 10;
  const idle = olds
    .filter((rs) => replicasOf(rs) === 0 && (rs.status?.replicas ?? 0) === 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit)))
    ctx.store.delete(R.replicasets, d.metadata.namespace, rs.metadata.name!);
}

/** Pods of the old ReplicaSets, terminating ones included: a Recreate waits for all of them to be gone. */
function oldPods(ctx: SimContext, d: KObject, olds: readonly KObject[]): readonly KObject[] {
  const uids = new Set(olds.map((rs) => rs.metadata.uid));
  return ctx.store.view(R.pods, d.metadata.namespace, (p) =>
    (p.metadata.ownerReferences ?? []).some((r) => r.controller && uids.has(r.uid)),
  );
}

/** One sync of one Deployment, as syncDeployment dispatches it; says whether it rolled (for Progressing). */
function act(ctx: SimContext, d: KObject): { rolled: boolean; created: boolean } {
  const found = family(ctx, d, false);
  if (d.spec.paused || isScalingEvent(d, found.newRs ? [...found.olds, found.newRs] : found.olds)) {
    scaleDeployment(ctx, d, found.newRs, found.olds);
    if (d.spec.paused) cleanup(ctx, d, found.olds);
    return { rolled: false, created: false };
  }
  if (d.spec.strategy?.type === 'Recreate') {
    if (!recreateOld(ctx, d, found.olds, oldPods(ctx, d, found.olds)))
      return { rolled: true, created: false };
    const f = found.newRs ? found : family(ctx, d, true);
    scaleReplicaSet(ctx, f.newRs!, replicasOf(d), d);
    return { rolled: true, created: f.created };
  }
  const f = found.newRs ? found : family(ctx, d, true);
  rolloutRolling(ctx, d, [...f.olds, f.newRs!], f.newRs!);
  return { rolled: true, created: f.created };
}

/** A complete rollout (as last recorded) lets the idle history beyond the limit go. */
function complete(d: KObject): boolean {
  const s = d.status ?? {};
  const want = replicasOf(d);
  return (
    (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want
  );
}

function reconcileOne(ctx: SimContext, d: KObject): void {
  const { rolled, created } = act(ctx, d);
  let { newRs, olds } = family(ctx, d, false);
  if (rolled && complete(d)) {
    cleanup(ctx, d, olds);
    ({ newRs, olds } = family(ctx, d, false));
  }
  const all = newRs ? [...olds, newRs] : olds;
  const conditions = preludeConditions(d, newRs, created);
  const status = deploymentStatus(d, all, newRs, conditions, rolled);
  const revision = newRs ? String(revisionOf(newRs)) : d.metadata.annotations?.[REVISION];
  if (deepEqual(d.status, status) && d.metadata.annotations?.[REVISION] === revision) return;
  const next = clone(d);
  next.status = status;
  if (revision) next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: revision };
  ctx.store.update(R.deployments, next);
}

export function reconcileDeployments(ctx: SimContext): void {
  for (const d of ctx.store.view(R.deployments)) reconcileOne(ctx, d);
}
