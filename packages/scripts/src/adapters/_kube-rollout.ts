/** The kube adapter's calls that change a Deployment's rollout (undo, set image, scale) and wait for it. */
import type { AppsV1Api } from '@kubernetes/client-node';
import { EXIT, RunbookError } from '@runbook/core';
import type { CallTools, WithType } from './_kube-call.ts';
import { type ApiCall, rolloutUndoCall, scaleCall, setImageCall } from './kube-calls.ts';
import type { Deployment, ReplicaSet, Scale } from './kube-types.ts';
import { planUndo, type RolloutStatus, rolloutStatus, type UndoPlan } from './rollout.ts';
import { interrupted, sleep } from './time.ts';

export interface WaitOptions {
  /** Absolute deadline, epoch ms. */
  deadline: number;
  pollMs?: number;
  /** Called with each new kubectl-style status message. */
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
}

export interface RolloutCalls {
  /** What `rollout undo` would do (revision 0: the previous one), and the exact call. */
  planRolloutUndo(name: string, toRevision?: number): Promise<UndoPlan & { call: ApiCall }>;
  /** `kubectl rollout undo`, client side; a template that already matches is not patched. */
  rolloutUndo(name: string, toRevision?: number): Promise<UndoPlan>;
  /** The `kubectl set image` call for one container (reads the Deployment for the container order). */
  planSetImage(name: string, container: string, image: string): Promise<ApiCall>;
  setImage(name: string, container: string, image: string): Promise<Deployment>;
  /** Patch of the scale subresource. */
  scale(name: string, replicas: number): Promise<Scale>;
  /** Polls until `kubectl rollout status` would say "successfully rolled out"; E_DEADLINE (exit 4) past the deadline. */
  waitForRollout(name: string, options: WaitOptions): Promise<RolloutStatus>;
}

interface Tools extends Pick<CallTools, 'call'> {
  apps: AppsV1Api;
  namespace: string;
  getDeployment(name: string): Promise<Deployment>;
  listReplicaSets(labelSelector?: string): Promise<ReplicaSet[]>;
  withType: WithType;
}

export function rolloutCalls(tools: Tools): RolloutCalls {
  const { apps, namespace, call, getDeployment, listReplicaSets, withType } = tools;

  async function planRolloutUndo(name: string, toRevision = 0) {
    const d = await getDeployment(name);
    const selector = Object.entries(d.spec?.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const plan = planUndo(d, await listReplicaSets(selector || undefined), toRevision);
    return {
      ...plan,
      call: rolloutUndoCall(namespace, name, plan.template, plan.annotations, plan.toRevision),
    };
  }
  async function planSetImage(name: string, container: string, image: string): Promise<ApiCall> {
    const d = await getDeployment(name);
    const names = (d.spec?.template?.spec?.containers ?? []).map((c) => c.name);
    if (!names.includes(container)) {
      throw new RunbookError(
        'E_NOT_FOUND',
        `deployment "${name}" has no container "${container}" (has ${names.join(', ')})`,
        EXIT.precondition,
      );
    }
    return setImageCall(namespace, name, container, image, names);
  }

  return {
    planRolloutUndo,
    async rolloutUndo(name, toRevision = 0) {
      const { call: c, ...plan } = await planRolloutUndo(name, toRevision);
      if (!plan.noop) {
        await call(`PATCH deployments/${name}`, () =>
          apps.patchNamespacedDeployment({ name, namespace, body: c.body }, withType(c.contentType!)),
        );
      }
      return plan;
    },
    planSetImage,
    async setImage(name, container, image) {
      const c = await planSetImage(name, container, image);
      return call(`PATCH deployments/${name}`, () =>
        apps.patchNamespacedDeployment({ name, namespace, body: c.body }, withType(c.contentType!)),
      );
    },
    scale(name, replicas) {
      const c = scaleCall(namespace, name, replicas);
      return call(`PATCH deployments/${name}/scale`, () =>
        apps.patchNamespacedDeploymentScale({ name, namespace, body: c.body }, withType(c.contentType!)),
      );
    },
    async waitForRollout(name, { deadline, pollMs = 200, onProgress, signal }) {
      let last = '';
      for (;;) {
        if (signal?.aborted) throw interrupted(signal);
        const status = rolloutStatus(await getDeployment(name));
        if (status.message !== last) onProgress?.(status.message);
        last = status.message;
        if (status.done) return status;
        if (status.failed)
          throw new RunbookError(
            'E_PROGRESS_DEADLINE',
            status.message,
            EXIT.verification,
            `kubectl describe deployment ${name} -n ${namespace}`,
          );
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new RunbookError(
            'E_DEADLINE',
            `deadline exceeded waiting for deployment "${name}": ${status.message}`,
            EXIT.verification,
            `kubectl rollout status deployment/${name} -n ${namespace}`,
          );
        }
        await sleep(Math.min(pollMs, left), signal);
      }
    },
  };
}
