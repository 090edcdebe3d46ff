/**
 * Writing Events as the components of a real cluster do: the legacy recorder of kube-controller-manager and
 * the kubelet (client-go tools/record: firstTimestamp, lastTimestamp, count, and repeats of one event folded
 * into it by the EventCorrelator), and the events.k8s.io recorder of the scheduler (eventTime, action).
 */
import { now } from './_ids.ts';
import { R } from './context.ts';
import type { Store } from './store.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: events are arbitrary JSON
type Any = any;

/** Who reports an event: `source.component` and `source.host` in core/v1 terms. */
export interface Reporter {
  component: string;
  host?: string;
  /** Set for a component that writes through events.k8s.io (the scheduler): its action, and its instance. */
  action?: string;
  instance?: string;
}

export type EventKind = 'Normal' | 'Warning';

/** The EventCorrelator folds repeats into the first event; it remembers this many, as client-go's LRU does. */
const CORRELATED = 4096;

/** An ObjectReference to `o`, as reference.GetReference makes it. */
export function referenceTo(o: KObject, fieldPath?: string): Any {
  return {
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
    uid: o.metadata.uid,
    apiVersion: o.apiVersion,
    resourceVersion: o.metadata.resourceVersion,
    ...(fieldPath ? { fieldPath } : {}),
  };
}

let lastNanos = 0n;
/** The epoch in the monotonic clock's terms: Unix nanoseconds with more than the millisecond of Date.now. */
const EPOCH = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** Unix time in nanoseconds, strictly increasing: event names (`pod.<hex nanos>`) are unique. */
function nanos(): bigint {
  const t = EPOCH + process.hrtime.bigint();
  lastNanos = t > lastNanos ? t : lastNanos + 1n;
  return lastNanos;
}

/** metav1.MicroTime, as eventTime is written. */
function microTime(ns: bigint): string {
  const iso = new Date(Number(ns / 1_000_000n)).toISOString();
  return `${iso.slice(0, 19)}.${String((ns / 1000n) % 1_000_000n).padStart(6, '0')}Z`;
}

export class EventWriter {
  /** Correlation key → name of the event that repeats fold into, oldest first. */
  private readonly series = new Map<string, string>();

  constructor(private readonly store: Store) {}

  /** Records one occurrence of an event about `about` (its namespace, or `default` for a cluster object). */
  record(
    about: KObject,
    type: EventKind,
    reason: string,
    message: string,
    by: Reporter,
    fieldPath?: string,
  ): void {
    const ref = referenceTo(about, fieldPath);
    const ns = ref.namespace || 'default';
    if (by.action) return void this.create(ns, this.newStyle(ref, type, reason, message, by));
    const key = [
      by.component,
      by.host,
      ref.kind,
      ns,
      ref.name,
      fieldPath,
      ref.uid,
      ref.apiVersion,
      type,
      reason,
      message,
    ].join('\u0000');
    const known = this.series.get(key);
    const seen = known ? this.store.peek(R.events, ns, known) : undefined;
    if (seen) {
      const count = ((seen.count as number | undefined) ?? 1) + 1;
      this.store.update(R.events, { ...seen, count, lastTimestamp: now() }, true);
      this.series.delete(key);
      this.series.set(key, known!);
      return;
    }
    const t = nanos();
    const at = now();
    const name = `${ref.name}.${t.toString(16)}`;
    this.create(ns, {
      metadata: { name, namespace: ns },
      involvedObject: ref,
      reason,
      message,
      source: { component: by.component, ...(by.host ? { host: by.host } : {}) },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: by.component,
      reportingInstance: by.host ?? '',
    });
    this.series.set(key, name);
    if (this.series.size > CORRELATED) this.series.delete(this.series.keys().next().value!);
  }

  /** An event as the events.k8s.io recorder writes it: eventTime and action, no count nor timestamps. */
  private newStyle(ref: Any, type: EventKind, reason: string, note: string, by: Reporter): Any {
    const t = nanos();
    return {
      metadata: { name: `${ref.name}.${t.toString(16)}`, namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message: note,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: microTime(t),
      action: by.action,
      reportingComponent: by.component,
      reportingInstance: by.instance ?? '',
    };
  }

  private create(ns: string, event: Any): void {
    // The namespace may be going away: the API server refuses the event, and the recorder drops it.
    if (!this.store.peek(R.namespaces, undefined, ns)) return;
    this.store.create(R.events, event, true);
  }
}
