/** What `kubectl rollout undo` and `kubectl rollout status` compute, on plain Deployment/ReplicaSet JSON. */
import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import { RunbookError } from '@runbook/core';
import type { Deployment, Json, KubeObject, ReplicaSet } from './kube-types.ts';

type PodTemplate = Json<V1PodTemplateSpec>;

export const REVISION = 'deployment.kubernetes.io/revision';
const HASH_LABEL = 'pod-template-hash';
// kubectl's annotationsToSkip: kept from the Deployment, never copied from the ReplicaSet.
const SKIPPED = [
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

export const revisionOf = (o: KubeObject | undefined): number =>
  Number(o?.metadata?.annotations?.[REVISION] ?? 0) || 0;

/** The ReplicaSets a Deployment controls, as kubectl finds them (controller ownerReference by uid). */
export function ownedReplicaSets(deployment: Deployment, replicaSets: ReplicaSet[]): ReplicaSet[] {
  const uid = deployment.metadata?.uid;
  return replicaSets.filter((rs) =>
    (rs.metadata?.ownerReferences ?? []).some((o) => o.controller && o.uid === uid),
  );
}

/** The image of the named container (or the first one) of a pod template. */
export function imageOf(template: PodTemplate | undefined, container?: string): string {
  const containers = template?.spec?.containers ?? [];
  return (containers.find((c) => c.name === container) ?? containers[0])?.image ?? '';
}

export interface UndoPlan {
  fromRevision: number;
  toRevision: number;
  fromImage: string;
  toImage: string;
  template: PodTemplate;
  annotations: Record<string, string>;
  /** The current template already matches the target: kubectl says "skipped rollback". */
  noop: boolean;
}

function stripHash(template: PodTemplate | undefined): PodTemplate {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[HASH_LABEL];
  return t;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && x !== null);
    entries.sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** kubectl's DeploymentRollbacker: the template and annotations to restore, or a clear refusal. */
export function planUndo(deployment: Deployment, replicaSets: ReplicaSet[], toRevision = 0): UndoPlan {
  const name = deployment.metadata?.name;
  if (deployment.spec?.paused) {
    throw new RunbookError(
      'E_PAUSED',
      `deployment "${name}" is paused: kubectl refuses to roll back a paused deployment`,
      3,
      `kubectl rollout resume deployment/${name}`,
    );
  }
  const owned = ownedReplicaSets(deployment, replicaSets);
  const revisions = [...new Set(owned.map(revisionOf))].filter((r) => r > 0).sort((a, b) => a - b);
  const current = revisions.at(-1) ?? 0;
  let target = toRevision;
  if (target === 0) {
    if (revisions.length < 2)
      throw new RunbookError('E_NO_HISTORY', `deployment "${name}": no rollout history found`, 3);
    target = revisions.at(-2)!;
  }
  const rs = owned.find((r) => revisionOf(r) === target);
  if (!rs) {
    throw new RunbookError(
      'E_NO_REVISION',
      `deployment "${name}": unable to find revision ${target}; known revisions: ${revisions.join(', ') || 'none'}`,
      3,
    );
  }
  const template = stripHash(rs.spec?.template);
  const annotations: Record<string, string> = {};
  for (const k of SKIPPED) {
    const v = deployment.metadata?.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {}))
    if (!SKIPPED.includes(k)) annotations[k] = v;
  return {
    fromRevision: current,
    toRevision: target,
    fromImage: imageOf(deployment.spec?.template),
    toImage: imageOf(template),
    template,
    annotations,
    noop: canonical(stripHash(deployment.spec?.template)) === canonical(template),
  };
}

export interface RolloutStatus {
  done: boolean;
  message: string;
  /** ProgressDeadlineExceeded: waiting longer will not help. */
  failed?: boolean;
}

/** kubectl's DeploymentStatusViewer, message for message. */
export function rolloutStatus(d: Deployment): RolloutStatus {
  const name = d.metadata?.name;
  const s = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) {
    return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  }
  const progressing = (s.conditions ?? []).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { done: false, failed: true, message: `deployment "${name}" exceeded its progress deadline` };
  }
  const want = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const replicas = s.replicas ?? 0;
  const available = s.availableReplicas ?? 0;
  if (updated < want) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`,
    };
  }
  if (replicas > updated) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`,
    };
  }
  if (available < updated) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
    };
  }
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}
