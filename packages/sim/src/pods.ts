/** Pods as the kubelet would run them: scheduled at once, Running, Ready after a delay unless their version is faulty. */

import { fakeImageId, nextPodIp, now, randomSuffix } from './_ids.ts';
import { clone } from './_json.ts';
import { podInfo } from './app.ts';
import { controllerRef, later, R, type SimContext } from './context.ts';
import { defaultPod } from './pod-defaults.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: pod specs are arbitrary JSON
type Any = any;

export const NODE_NAME = 'sim-node-1';
const HOST_IP = '172.18.0.2';

export function isPodReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');
}

export function isPodActive(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

function containerStatuses(spec: Any, ready: boolean, startedAt: string): Any[] {
  return (spec.containers ?? []).map((c: Any) => ({
    name: c.name,
    image: c.image,
    imageID: fakeImageId(c.image),
    containerID: `containerd://${randomSuffix(16)}`,
    ready,
    started: true,
    restartCount: 0,
    state: { running: { startedAt } },
  }));
}

function conditions(ready: boolean, at: string): Any[] {
  const s = ready ? 'True' : 'False';
  return [
    { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: at },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at },
    {
      type: 'Ready',
      status: s,
      lastProbeTime: null,
      lastTransitionTime: at,
      ...(ready ? {} : { reason: 'ContainersNotReady' }),
    },
    {
      type: 'ContainersReady',
      status: s,
      lastProbeTime: null,
      lastTransitionTime: at,
      ...(ready ? {} : { reason: 'ContainersNotReady' }),
    },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
  ];
}

/** Creates a running pod from a template, owned by `owner`; it becomes Ready after ctx.readyDelayMs. */
export function createPod(ctx: SimContext, owner: KObject, template: Any, runsApp = true): KObject {
  const spec = clone(template?.spec ?? {});
  defaultPod(spec);
  spec.nodeName = NODE_NAME;
  const at = now();
  const ip = nextPodIp();
  const pod: KObject = {
    metadata: {
      name: `${owner.metadata.name}-${randomSuffix()}`,
      namespace: owner.metadata.namespace,
      labels: { ...template?.metadata?.labels },
      ...(template?.metadata?.annotations ? { annotations: clone(template.metadata.annotations) } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec,
    status: {
      phase: 'Running',
      conditions: conditions(false, at),
      hostIP: HOST_IP,
      hostIPs: [{ ip: HOST_IP }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: at,
      containerStatuses: containerStatuses(spec, false, at),
      qosClass: 'BestEffort',
    },
  };
  const created = ctx.store.create(R.pods, pod);
  const info = podInfo(created);
  if (runsApp) ctx.apps.podStarted(info);
  const uid = created.metadata.uid!;
  if (ctx.bootstrapping) {
    ctx.started.add(uid);
    return refreshPod(ctx, created);
  }
  later(ctx, ctx.readyDelayMs, () => {
    ctx.started.add(uid);
    const current = ctx.store.get(R.pods, info.namespace, info.name);
    if (current && current.metadata.uid === uid) refreshPod(ctx, current);
  });
  return created;
}

/** Sets a pod's readiness from its start-up state and its version's faults. */
export function refreshPod(ctx: SimContext, pod: KObject): KObject {
  if (!isPodActive(pod)) return pod;
  const ready = ctx.started.has(pod.metadata.uid ?? '') && !ctx.apps.faultOf(podInfo(pod)).notReady;
  if (ready === isPodReady(pod)) return pod;
  const at = now();
  const next = clone(pod);
  next.status.conditions = conditions(ready, at);
  for (const c of next.status.containerStatuses ?? []) c.ready = ready;
  return ctx.store.update(R.pods, next);
}

export function finishPod(ctx: SimContext, pod: KObject, exitCode: number): KObject {
  const next = clone(pod);
  const at = now();
  next.status.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
  next.status.conditions = conditions(false, at).map((c: Any) =>
    c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, reason: 'PodCompleted' } : c,
  );
  for (const c of next.status.containerStatuses ?? []) {
    c.ready = false;
    c.started = false;
    c.state = {
      terminated: {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt: pod.status.startTime,
        finishedAt: at,
      },
    };
  }
  return ctx.store.update(R.pods, next);
}
