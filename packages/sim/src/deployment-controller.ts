/** The Deployment controller: one ReplicaSet per pod template, revisions, rolling updates and status. */

import { now, safeHash } from './_ids.ts';
import { clone, deepEqual, pruneNulls, stableStringify } from './_json.ts';
import { controllerRef, isOwnedBy, R, type SimContext } from './context.ts';
import { revisionOf } from './replicaset-controller.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: templates are arbitrary JSON
type Any = any;

const REVISION = 'deployment.kubernetes.io/revision';
const HASH = 'pod-template-hash';
// Annotations the real controller does not copy from a Deployment to its ReplicaSets.
const NOT_COPIED = [
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'kubectl.kubernetes.io/last-applied-configuration',
];

function withoutHash(template: Any): Any {
  const t = pruneNulls(clone(template ?? {}));
  if (t.metadata?.labels) delete t.metadata.labels[HASH];
  return t;
}

export function templateHash(template: Any): string {
  return safeHash(stableStringify(withoutHash(template)));
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
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
    if (!NOT_COPIED.includes(k)) annotations[k] = v;
  Object.assign(annotations, {
    'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
    'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + Math.ceil(d.spec.replicas / 4)),
    [REVISION]: String(revision),
  });
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

function setReplicas(ctx: SimContext, rs: KObject, replicas: number): KObject {
  if (rs.spec.replicas === replicas) return rs;
  const next = clone(rs);
  next.spec.replicas = replicas;
  return ctx.store.update(R.replicasets, next);
}

function condition(type: string, status: string, reason: string, message: string, prev: Any[]): Any {
  const old = prev.find((c) => c.type === type);
  const at = now();
  if (old && old.status === status && old.reason === reason && old.message === message) return old;
  return {
    type,
    status,
    lastUpdateTime: at,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : at,
    reason,
    message,
  };
}

function reconcileOne(ctx: SimContext, d: KObject): void {
  const { store } = ctx;
  const ns = d.metadata.namespace;
  let owned = [...store.view(R.replicasets, ns, (rs) => isOwnedBy(rs, d.metadata.uid))];
  const maxRevision = Math.max(0, ...owned.map(revisionOf));
  const template = withoutHash(d.spec.template);
  let newRs = owned.find((rs) => deepEqual(withoutHash(rs.spec.template), template));
  if (!newRs) {
    newRs = createReplicaSet(ctx, d, template, maxRevision + 1, 0);
    owned.push(newRs);
  } else if (revisionOf(newRs) < maxRevision) {
    // A rollback to an old template re-uses its ReplicaSet, which becomes the newest revision.
    const next = clone(newRs);
    next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: String(maxRevision + 1) };
    newRs = store.update(R.replicasets, next);
  }
  const newName = newRs.metadata.name;
  const desired: number = d.spec.replicas ?? 1;
  newRs = setReplicas(ctx, newRs, desired);
  // New pods first, then old ones go as new ones become available (maxUnavailable 0 in effect).
  let allowedOld = Math.max(0, desired - (newRs.status?.availableReplicas ?? 0));
  const old = owned
    .filter((rs) => rs.metadata.name !== newName)
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  for (const rs of old) {
    const keep = Math.min(rs.spec.replicas ?? 0, allowedOld);
    allowedOld -= keep;
    setReplicas(ctx, rs, keep);
  }
  const limit: number = d.spec.revisionHistoryLimit ?? 10;
  const idle = old.filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0);
  for (const rs of idle.slice(limit)) store.delete(R.replicasets, ns, rs.metadata.name!);

  owned = [...store.view(R.replicasets, ns, (rs) => isOwnedBy(rs, d.metadata.uid))];
  const current = owned.find((rs) => rs.metadata.name === newName)!;
  const sum = (f: (rs: KObject) => number) => owned.reduce((n, rs) => n + f(rs), 0);
  const replicas = sum((rs) => rs.status?.replicas ?? 0);
  const updated = current.status?.replicas ?? 0;
  const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
  const available = sum((rs) => rs.status?.availableReplicas ?? 0);
  const unavailable = Math.max(0, sum((rs) => rs.spec?.replicas ?? 0) - available);
  const maxUnavailable = Math.floor(desired / 4);
  const prev: Any[] = d.status?.conditions ?? [];
  const complete = updated === desired && replicas === desired && available === desired;
  const progressing = prev.find((c) => c.type === 'Progressing');
  const deadlineMs = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
  const stuck =
    !complete &&
    progressing?.reason !== 'NewReplicaSetAvailable' &&
    progressing?.lastUpdateTime &&
    Date.now() - Date.parse(progressing.lastUpdateTime) > deadlineMs;
  const conditions = [
    available >= desired - maxUnavailable
      ? condition(
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
          prev,
        )
      : condition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
          prev,
        ),
    complete
      ? condition(
          'Progressing',
          'True',
          'NewReplicaSetAvailable',
          `ReplicaSet "${newName}" has successfully progressed.`,
          prev,
        )
      : stuck ||
          (progressing?.reason === 'ProgressDeadlineExceeded' &&
            String(progressing.message).includes(`"${newName}"`))
        ? condition(
            'Progressing',
            'False',
            'ProgressDeadlineExceeded',
            `ReplicaSet "${newName}" has timed out progressing.`,
            prev,
          )
        : condition(
            'Progressing',
            'True',
            'ReplicaSetUpdated',
            `ReplicaSet "${newName}" is progressing.`,
            prev,
          ),
  ];
  const status: Any = { observedGeneration: d.metadata.generation };
  if (replicas) status.replicas = replicas;
  if (updated) status.updatedReplicas = updated;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (unavailable) status.unavailableReplicas = unavailable;
  status.conditions = conditions;
  const revision = String(revisionOf(current));
  if (deepEqual(d.status, status) && d.metadata.annotations?.[REVISION] === revision) return;
  const next = clone(d);
  next.status = status;
  next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: revision };
  store.update(R.deployments, next);
}

export function reconcileDeployments(ctx: SimContext): void {
  for (const d of ctx.store.view(R.deployments)) reconcileOne(ctx, d);
}
