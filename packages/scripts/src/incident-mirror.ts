/**
 * The cluster's copy of an incident: an Event per journaled step on the object it acted on, and the incident
 * record (a ConfigMap) rewritten as the journal grows. Best effort: the local journal is the durable first
 * copy, so nothing here ever waits in a step's path or fails a rollback; the first failure is reported once.
 */
import type { IncidentRecord, JournalRecord, RunbookError } from '@runbook/core';
import type { KubeAdapter } from './adapters/kube.ts';
import type { KubeEvent } from './adapters/kube-types.ts';
import { buildRecord, fromConfigMap, recordName, toConfigMap } from './incident-configmap.ts';
import { eventsFor } from './incident-events.ts';
import { LOCK_STEP } from './lock.ts';

/** What the mirror needs of the kube adapter: the record's calls, and reads of the objects events are about. */
export type IncidentCluster = Pick<
  KubeAdapter,
  | 'namespace'
  | 'createEvent'
  | 'getConfigMap'
  | 'createConfigMap'
  | 'replaceConfigMap'
  | 'getService'
  | 'findDeployment'
  | 'getLease'
  | 'knownUid'
>;

export interface MirrorOptions {
  command: string;
  operator: string;
  cluster?: string | null;
  /** Earlier holders of the incident, from the record a take-over started from. */
  handovers?: IncidentRecord['handovers'];
  /** Called once, with the error, the first time the cluster copy could not be written. */
  onFailure?: (err: unknown) => void;
}

/** Steps the mirror journals about itself: no event, or a failing cluster would echo its own failure. */
export const MIRROR_STEP = 'cluster-copy';

/**
 * Time between two writes of the record. A step's records come milliseconds apart, and each write is a write
 * to etcd: a rollback rewrote its record 11 times in 200 ms. `status` readers see it at most this much later;
 * `flush()` (the run's end) writes at once.
 */
const RECORD_INTERVAL_MS = 250;

export class IncidentMirror {
  private readonly events = new Set<Promise<void>>();
  private writing: Promise<void> | null = null;
  private dirty = false;
  private latest: readonly JournalRecord[] = [];
  private seq = 0;
  private active = false;
  private readonly held: JournalRecord[] = [];
  private readonly uids = new Map<string, Promise<string | undefined>>();
  private failed = false;
  private resourceVersion: string | undefined;
  /** Ends the pause between two writes: set while one runs. */
  private wake: (() => void) | null = null;
  private flushing = false;
  private lastWriteAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly kube: IncidentCluster,
    private readonly options: MirrorOptions,
  ) {}

  /**
   * After each journal append: queue its events and a rewrite of the record. Never throws, never waits.
   * Nothing goes to the cluster before the run takes the namespace lock: a run refused before it (no --yes,
   * a failed precondition) has changed nothing there, and leaves nothing there either.
   */
  record(record: JournalRecord, all: readonly JournalRecord[]): void {
    if (record.step === MIRROR_STEP) return;
    this.latest = all;
    if (!this.active) {
      this.held.push(record);
      const locked = record.outcome === 'ok' && record.step.split('/').at(-1) === LOCK_STEP;
      if (!locked) return;
      this.active = true;
      for (const r of this.held.splice(0)) this.send(r);
    } else this.send(record);
    this.dirty = true;
    this.writing ??= this.writeLoop();
  }

  private send(record: JournalRecord): void {
    const seq = this.seq++;
    const ctx = {
      namespace: this.kube.namespace,
      operator: this.options.operator,
      cluster: this.options.cluster ?? null,
    };
    // Sent at once, side by side: each carries its own time and a name in step order.
    for (const event of eventsFor(record, ctx, seq)) {
      const sent: Promise<void> = this.withUid(event)
        .then((e) => this.kube.createEvent(e))
        .then(
          () => void this.events.delete(sent),
          (err: unknown) => {
            this.events.delete(sent);
            this.fail(err);
          },
        );
      this.events.add(sent);
    }
  }

  /**
   * `kubectl describe` shows the events whose involvedObject carries the object's uid: the one the run's own
   * requests saw, else read once per object (a Lease's, per run, as each run creates its own). An object that
   * cannot be read gets its event all the same.
   */
  private withUid(event: KubeEvent): Promise<KubeEvent> {
    const { kind = '', name = '' } = event.involvedObject;
    const key = `${kind}/${name}`;
    const known = this.kube.knownUid(kind, name);
    if (known) return Promise.resolve({ ...event, involvedObject: { ...event.involvedObject, uid: known } });
    let uid = this.uids.get(key);
    if (!uid) {
      const read =
        kind === 'Service'
          ? this.kube.getService(name)
          : kind === 'Deployment'
            ? this.kube.findDeployment(name)
            : this.kube.getLease(name);
      uid = read.then(
        (o) => o?.metadata?.uid,
        () => undefined,
      );
      this.uids.set(key, uid);
    }
    return uid.then((u) => (u ? { ...event, involvedObject: { ...event.involvedObject, uid: u } } : event));
  }

  /** Waits for what is queued, at most `deadlineMs`; what is not written by then is left to the journal. */
  async flush(deadlineMs: number): Promise<void> {
    this.flushing = true;
    this.wake?.();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
      timer.unref();
    });
    const done = Promise.all([...this.events, this.writing ?? Promise.resolve()]).then(() => {});
    await Promise.race([done, deadline]);
    clearTimeout(timer);
  }

  private readonly fail = (err: unknown): void => {
    if (this.failed) return;
    this.failed = true;
    this.options.onFailure?.(err);
  };

  // One write in flight at a time, RECORD_INTERVAL_MS apart; records that arrive meanwhile are folded into
  // the next write.
  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty) {
        await this.pause();
        this.dirty = false;
        await this.write(this.latest).catch((err: unknown) => {
          // Someone else wrote it meanwhile (or it is gone): read it again before the next write.
          this.resourceVersion = undefined;
          this.fail(err);
        });
        this.lastWriteAt = performance.now();
      }
    } finally {
      this.writing = null;
    }
  }

  /** What is left of RECORD_INTERVAL_MS since the last write; nothing before the first, or once flushing. */
  private pause(): Promise<void> {
    const left = this.lastWriteAt + RECORD_INTERVAL_MS - performance.now();
    if (this.flushing || left <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      // Unreferenced: a pause never keeps a finished process alive.
      const timer = setTimeout(() => this.wake?.(), left);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private async write(records: readonly JournalRecord[]): Promise<void> {
    const first = records[0];
    if (!first) return;
    const record = buildRecord({
      incident: first.incident,
      command: this.options.command,
      cluster: this.options.cluster ?? null,
      operator: this.options.operator,
      handovers: this.options.handovers ?? [],
      records: [...records],
    });
    const cm = toConfigMap(record, this.kube.namespace);
    const name = recordName(record.incident);
    if (this.resourceVersion === undefined) {
      // Created first: a new incident has no record yet; a resumed or taken-over one pays the read instead.
      const created = await this.kube.createConfigMap(cm).catch((err: RunbookError) => {
        if (err.code === 'E_CONFLICT') return null;
        throw err;
      });
      if (created) {
        this.resourceVersion = created.metadata?.resourceVersion ?? '';
        return;
      }
      const existing = await this.kube.getConfigMap(name);
      if (!existing) throw new Error(`incident record ${name} vanished between its create and its read`);
      // A take-over: the record is this incident's own, checked before it is overwritten.
      fromConfigMap(existing);
      this.resourceVersion = existing.metadata?.resourceVersion ?? '';
    }
    cm.metadata = { ...cm.metadata, resourceVersion: this.resourceVersion };
    this.resourceVersion = (await this.kube.replaceConfigMap(name, cm)).metadata?.resourceVersion ?? '';
  }
}
