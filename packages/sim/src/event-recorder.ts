/**
 * The Events of the deployment, ReplicaSet and Job controllers, the scheduler and the kubelet, derived from
 * what they change in the store rather than written by the sim's controllers themselves: a ReplicaSet's size
 * changes (ScalingReplicaSet on its Deployment), a pod is created (SuccessfulCreate on its owner; Scheduled,
 * Pulled, Created, Started on the pod), deleted (Killing; SuccessfulDelete when its ReplicaSet was scaling
 * down), stays unready (Unhealthy), a Job completes. Messages are upstream's, word for word.
 */
import { R, type SimContext } from './context.ts';
import { EventRetention } from './event-retention.ts';
import { EventWriter, type Reporter } from './events.ts';
import { isPodActive, isPodReady } from './pods.ts';
import { ReadinessProber } from './readiness-prober.ts';
import type { StoreEvent } from './store.ts';
import type { KObject, OwnerReference } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: objects are arbitrary JSON
type Any = any;

const DEPLOYMENT_CONTROLLER: Reporter = { component: 'deployment-controller' };
const REPLICASET_CONTROLLER: Reporter = { component: 'replicaset-controller' };
const JOB_CONTROLLER: Reporter = { component: 'job-controller' };
const kubelet = (pod: KObject): Reporter => ({ component: 'kubelet', host: pod.spec?.nodeName });

const controllerOf = (o: KObject): OwnerReference | undefined =>
  (o.metadata.ownerReferences ?? []).find((r) => r.controller);

const condition = (o: KObject | undefined, type: string): boolean =>
  (o?.status?.conditions ?? []).some((c: Any) => c.type === type && c.status === 'True');

/** Starts recording the cluster's Events; it stops with the cluster. */
export function startEventRecorder(ctx: SimContext): EventRecorder {
  return new EventRecorder(ctx);
}

export class EventRecorder {
  private readonly events: EventWriter;
  private readonly retention: EventRetention;
  private readonly prober: ReadinessProber;
  private readonly unsubscribe: () => void;
  private queue: StoreEvent[] = [];
  /** Active pods per ReplicaSet uid, counted once per batch when a pod goes away. */
  private activePods: Map<string, number> | undefined;

  constructor(private readonly ctx: SimContext) {
    this.events = new EventWriter(ctx.store);
    this.retention = new EventRetention(ctx.store);
    this.prober = new ReadinessProber(ctx, this.events);
    this.unsubscribe = ctx.store.subscribe((e) => {
      if (e.resource !== R.pods && e.resource !== R.replicasets && e.resource !== R.jobs) return;
      // The initial world stands for a cluster that has run for longer than the Events' TTL: none are left,
      // but the probes of its unready pods go on failing.
      if (ctx.bootstrapping) {
        if (e.resource === R.pods) this.probe(e);
        return;
      }
      // Written after the store has told everyone of this change: watchers see the cause before its events.
      if (!this.queue.length) queueMicrotask(() => this.flush());
      this.queue.push(e);
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.activePods = undefined;
    if (this.ctx.stopped) {
      this.stop();
      return;
    }
    for (const e of batch) {
      if (e.resource === R.pods) this.pod(e);
      else if (e.resource === R.replicasets) this.replicaSet(e);
      else this.job(e);
    }
  }

  private replicaSet(e: StoreEvent): void {
    const rs = e.object;
    const owner = controllerOf(rs);
    if (e.type === 'DELETED' || owner?.kind !== 'Deployment') return;
    const deployment = this.ctx.store.peek(R.deployments, rs.metadata.namespace, owner.name);
    if (!deployment || deployment.metadata.uid !== owner.uid) return;
    const to = rs.spec?.replicas ?? 1;
    const name = rs.metadata.name;
    if (e.type === 'ADDED') {
      if (to > 0) this.scaling(deployment, `Scaled up replica set ${name} from 0 to ${to}`);
      return;
    }
    const from = e.prev?.spec?.replicas ?? 1;
    if (!e.prev || from === to) return;
    this.scaling(deployment, `Scaled ${to > from ? 'up' : 'down'} replica set ${name} to ${to} from ${from}`);
  }

  private scaling(deployment: KObject, message: string): void {
    this.events.record(deployment, 'Normal', 'ScalingReplicaSet', message, DEPLOYMENT_CONTROLLER);
  }

  private pod(e: StoreEvent): void {
    const pod = e.object;
    if (e.type === 'ADDED') this.started(pod);
    const wasGoing =
      e.type === 'DELETED' ? !!pod.metadata.deletionTimestamp : !!e.prev?.metadata.deletionTimestamp;
    const going = e.type === 'DELETED' || !!pod.metadata.deletionTimestamp;
    if (going && !wasGoing) this.stopped(pod, e.prev ?? pod);
    this.probe(e);
  }

  private probe(e: StoreEvent): void {
    const pod = e.object;
    if (e.type === 'DELETED') this.prober.forget(pod.metadata.uid ?? '');
    else this.prober.observe(pod, isPodActive(pod), isPodReady(pod));
  }

  /** What a pod's creation makes its controller, the scheduler and the kubelet say. */
  private started(pod: KObject): void {
    const owner = this.owner(pod);
    if (owner?.kind === 'ReplicaSet' || owner?.kind === 'Job') {
      const by = owner.kind === 'Job' ? JOB_CONTROLLER : REPLICASET_CONTROLLER;
      this.events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, by);
    }
    const node = pod.spec?.nodeName;
    if (!node) return;
    this.events.record(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      { component: 'default-scheduler', action: 'Binding', instance: `default-scheduler-${node}` },
    );
    for (const c of pod.spec?.containers ?? []) {
      const say = (reason: string, message: string): void =>
        this.events.record(pod, 'Normal', reason, message, kubelet(pod), `spec.containers{${c.name}}`);
      if (c.imagePullPolicy === 'Always') {
        say('Pulling', `Pulling image "${c.image}"`);
        const size = 20_000_000 + (c.image.length % 97) * 1_048_576;
        say(
          'Pulled',
          `Successfully pulled image "${c.image}" in 1.2s (1.2s including waiting). Image size: ${size} bytes.`,
        );
      } else say('Pulled', `Container image "${c.image}" already present on machine`);
      say('Created', `Created container: ${c.name}`);
      say('Started', `Started container ${c.name}`);
    }
  }

  /** A pod being deleted: the kubelet stops its containers; a ReplicaSet that was scaling down says so. */
  private stopped(pod: KObject, before: KObject): void {
    if (isPodActive(before) && before.spec?.nodeName) {
      for (const c of pod.spec?.containers ?? [])
        this.events.record(
          pod,
          'Normal',
          'Killing',
          `Stopping container ${c.name}`,
          kubelet(pod),
          `spec.containers{${c.name}}`,
        );
    }
    const owner = this.owner(pod);
    if (owner?.kind !== 'ReplicaSet' || !isPodActive(before)) return;
    // A pod deleted by someone else leaves its ReplicaSet short, and the controller replaces it instead.
    if (this.active(owner.metadata.uid ?? '') < (owner.spec?.replicas ?? 1)) return;
    this.events.record(
      owner,
      'Normal',
      'SuccessfulDelete',
      `Deleted pod: ${pod.metadata.name}`,
      REPLICASET_CONTROLLER,
    );
  }

  private active(rsUid: string): number {
    if (!this.activePods) {
      this.activePods = new Map();
      for (const p of this.ctx.store.view(R.pods)) {
        const uid = controllerOf(p)?.uid;
        if (uid && isPodActive(p)) this.activePods.set(uid, (this.activePods.get(uid) ?? 0) + 1);
      }
    }
    return this.activePods.get(rsUid) ?? 0;
  }

  /** The live object of a pod's controller (ReplicaSet or Job), if it is still there. */
  private owner(pod: KObject): KObject | undefined {
    const ref = controllerOf(pod);
    const r = ref?.kind === 'ReplicaSet' ? R.replicasets : ref?.kind === 'Job' ? R.jobs : undefined;
    if (!ref || !r) return undefined;
    const o = this.ctx.store.peek(r, pod.metadata.namespace, ref.name);
    return o && o.metadata.uid === ref.uid ? o : undefined;
  }

  private job(e: StoreEvent): void {
    if (e.type !== 'MODIFIED') return;
    const job = e.object;
    if (condition(job, 'Complete') && !condition(e.prev, 'Complete'))
      this.events.record(job, 'Normal', 'Completed', 'Job completed', JOB_CONTROLLER);
    if (condition(job, 'Failed') && !condition(e.prev, 'Failed')) {
      const message = 'Job has reached the specified backoff limit';
      this.events.record(job, 'Warning', 'BackoffLimitExceeded', message, JOB_CONTROLLER);
    }
  }

  stop(): void {
    this.unsubscribe();
    this.retention.stop();
    this.prober.stop();
  }
}
