/** The kube adapter's calls on workloads: Deployments, ReplicaSets, Pods (and their logs), Jobs. */
import type { AppsV1Api, BatchV1Api, CoreV1Api, V1Job } from '@kubernetes/client-node';
import { EXIT, RunbookError } from '@runbook/core';
import type { CallTools } from './_kube-call.ts';
import type { Deployment } from './kube-types.ts';

interface Tools extends Pick<CallTools, 'call' | 'orNull' | 'list'> {
  apps: AppsV1Api;
  core: CoreV1Api;
  batch: BatchV1Api;
  namespace: string;
}

export function workloadCalls({ apps, core, batch, namespace, call, orNull, list }: Tools) {
  async function getDeployment(name: string): Promise<Deployment> {
    return call(`GET deployments/${name}`, () => apps.readNamespacedDeployment({ name, namespace })).catch(
      (err) => {
        if (err instanceof RunbookError && err.code === 'E_NOT_FOUND') {
          throw new RunbookError(
            'E_NOT_FOUND',
            `deployment "${name}" not found in namespace ${namespace}`,
            EXIT.precondition,
            `kubectl get deployments -n ${namespace}`,
          );
        }
        throw err;
      },
    );
  }

  return {
    getDeployment,
    findDeployment: (name: string) => orNull(getDeployment(name)),
    listDeployments: (labelSelector?: string) =>
      list('GET deployments', () => apps.listNamespacedDeployment({ namespace, labelSelector })),
    listReplicaSets: (labelSelector?: string) =>
      list('GET replicasets', () => apps.listNamespacedReplicaSet({ namespace, labelSelector })),
    listPods: (labelSelector?: string) =>
      list('GET pods', () => core.listNamespacedPod({ namespace, labelSelector })),
    podLogs: async (pod: string, { container, tailLines }: { container?: string; tailLines: number }) =>
      String(
        (
          await call(`GET pods/${pod}/log`, async () => ({
            text: await core.readNamespacedPodLog({ name: pod, namespace, container, tailLines }),
          }))
        ).text ?? '',
      ),
    createJob: (job: V1Job) => call('POST jobs', () => batch.createNamespacedJob({ namespace, body: job })),
    getJob: (name: string) =>
      orNull(call(`GET jobs/${name}`, () => batch.readNamespacedJob({ name, namespace }))),
  };
}
