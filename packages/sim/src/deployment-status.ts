/** A Deployment's status and conditions, as upstream's calculateStatus, checkPausedConditions and syncRolloutStatus make them. */
import { now } from './_ids.ts';
import { deploymentComplete, maxUnavailable, replicasOf } from './deployment-util.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: conditions are arbitrary JSON
type Any = any;

const PAUSED = 'DeploymentPaused';
const RESUMED = 'DeploymentResumed';
const TIMED_OUT = 'ProgressDeadlineExceeded';
const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';

function newCondition(type: string, status: string, reason: string, message: string): Any {
  const at = now();
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

/** SetDeploymentCondition: same status and reason leave the condition as it is; same status keeps its transition time. */
function setCondition(conditions: Any[], c: Any): Any[] {
  const i = conditions.findIndex((x) => x.type === c.type);
  const cur = conditions[i];
  if (cur && cur.status === c.status && cur.reason === c.reason) return conditions;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  return i < 0 ? [...conditions, c] : conditions.map((x, j) => (j === i ? c : x));
}

const progressingOf = (conditions: Any[]): Any => conditions.find((c) => c.type === 'Progressing');

/** The counts, summed over the Deployment's ReplicaSets; zero counts are left out, as omitempty does. */
function counts(d: KObject, all: readonly KObject[], newRs: KObject | undefined): Record<string, number> {
  const sum = (f: (rs: KObject) => number) => all.reduce((n, rs) => n + f(rs), 0);
  const available = sum((rs) => rs.status?.availableReplicas ?? 0);
  const out: Record<string, number> = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: sum((rs) => rs.status?.replicas ?? 0),
    updatedReplicas: newRs?.status?.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sum(replicasOf) - available),
  };
  for (const k of Object.keys(out)) if (!out[k] && k !== 'observedGeneration') delete out[k];
  return out;
}

/** checkPausedConditions, and the condition of the first sync that finds or creates the new ReplicaSet. */
export function preludeConditions(d: KObject, newRs: KObject | undefined, created: boolean): Any[] {
  // Read only: every change below makes a new array and new conditions.
  let conditions: Any[] = d.status?.conditions ?? [];
  const reason = progressingOf(conditions)?.reason;
  if (reason !== TIMED_OUT && d.spec.paused && reason !== PAUSED)
    conditions = setCondition(
      conditions,
      newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused'),
    );
  else if (reason !== TIMED_OUT && !d.spec.paused && reason === PAUSED)
    conditions = setCondition(
      conditions,
      newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed'),
    );
  const name = newRs?.metadata.name;
  if (created)
    conditions = setCondition(
      conditions,
      newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`),
    );
  else if (newRs && !progressingOf(conditions))
    conditions = setCondition(
      conditions,
      newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${name}"`),
    );
  return conditions;
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than last time. */
function progressed(d: KObject, next: Record<string, number>): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function timedOut(d: KObject, conditions: Any[]): boolean {
  const c = progressingOf(conditions);
  if (!c || c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  return Date.parse(c.lastUpdateTime) + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < Date.now();
}

/** syncRolloutStatus's Progressing condition, for a sync that rolled (not for a paused or resized one). */
function rolloutProgress(
  d: KObject,
  next: Record<string, number>,
  conditions: Any[],
  rsName?: string,
): Any[] {
  const cur = progressingOf(conditions);
  const complete = next.replicas === next.updatedReplicas && cur?.reason === NEW_RS_AVAILABLE;
  if (complete || d.spec.progressDeadlineSeconds === undefined) return conditions;
  const subject = rsName ? `ReplicaSet "${rsName}"` : `Deployment "${d.metadata.name}"`;
  if (deploymentComplete(d, next))
    return setCondition(
      conditions,
      newCondition('Progressing', 'True', NEW_RS_AVAILABLE, `${subject} has successfully progressed.`),
    );
  if (progressed(d, next)) {
    // Progress refreshes lastUpdateTime even under the same reason, so the deadline counts from the last step.
    const c = newCondition('Progressing', 'True', 'ReplicaSetUpdated', `${subject} is progressing.`);
    if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
    const rest = conditions.filter((x) => x.type !== 'Progressing');
    return [...rest, c];
  }
  if (timedOut(d, conditions))
    return setCondition(
      conditions,
      newCondition('Progressing', 'False', TIMED_OUT, `${subject} has timed out progressing.`),
    );
  return conditions;
}

/** The whole status: counts, Available by minAvailability, Progressing as the kind of sync decides. */
export function deploymentStatus(
  d: KObject,
  all: readonly KObject[],
  newRs: KObject | undefined,
  conditions: Any[],
  rolled: boolean,
): Any {
  const next = counts(d, all, newRs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  let out = setCondition(
    conditions,
    (next.availableReplicas ?? 0) >= minAvailable
      ? newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : newCondition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
  );
  if (rolled) out = rolloutProgress(d, next, out, newRs?.metadata.name);
  // Available first, then Progressing, as a Deployment that rolled out once shows them.
  out = [...out].sort((a, b) => Number(a.type === 'Progressing') - Number(b.type === 'Progressing'));
  return { ...next, conditions: out };
}
