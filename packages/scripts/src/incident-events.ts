/**
 * The Kubernetes Events a journaled step leaves on the objects it acted on, so that `kubectl describe service`
 * and `kubectl events` tell the incident's story to whoever looks, from any machine. Built from the journal's
 * records, which are already redacted; the message carries no input or detail but the error of a failure.
 */
import type { V1ObjectReference } from '@kubernetes/client-node';
import type { JournalRecord } from '@runbook/core';
import type { KubeEvent } from './adapters/kube-types.ts';
import { LEASE_NAME } from './lock.ts';

/** The component named as the events' source, as `kubectl events` shows it. */
export const EVENT_SOURCE = 'runbook';

export interface EventContext {
  namespace: string;
  /** `user@host/pid` of the run. */
  operator: string;
  /** The cluster's name when the environment has several. */
  cluster?: string | null;
}

type Ref = Pick<V1ObjectReference, 'apiVersion' | 'kind' | 'name'>;

const lease: Ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name: LEASE_NAME };
const service = (name: string): Ref => ({ apiVersion: 'v1', kind: 'Service', name });
const deployment = (name: string): Ref => ({ apiVersion: 'apps/v1', kind: 'Deployment', name });

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * The objects a step acted on: the Services whose selectors it switched or restored, the Deployment it
 * undid, pinned or scaled; the incident's Lease otherwise (the lock, and steps that act on no one object).
 */
export function targetsOf(record: JournalRecord): Ref[] {
  const { inputs, details } = record;
  const selectors = inputs.selectors ?? details.selectors;
  const name = record.step.split('/').at(-1) ?? record.step;
  if (/^(switch-traffic|restore-selectors)$/.test(name) && selectors && typeof selectors === 'object')
    return Object.keys(selectors).map(service);
  const d = str(inputs.deployment) ?? str(details.deployment);
  if (d) return [deployment(d)];
  return [lease];
}

/** `emergency/switch/switch-traffic` → `RunbookSwitchTraffic`, `RunbookSwitchTrafficFailed` on failure. */
export function reasonOf(record: JournalRecord): string {
  const name = (record.step.split('/').at(-1) ?? record.step).replace(/-\d+$/, '');
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return `Runbook${camel}${record.outcome === 'failed' ? 'Failed' : ''}`;
}

/** Whether a record is worth an event: the end of a step (its start is implied by its duration). */
export function isEventWorthy(record: JournalRecord): boolean {
  return record.outcome !== 'started' || record.step === 'run';
}

function messageOf(record: JournalRecord, ctx: EventContext): string {
  const where = ctx.cluster ? ` on ${ctx.cluster}` : '';
  const took = record.outcome === 'started' ? '' : ` in ${record.durationMs} ms`;
  const error = record.outcome === 'failed' ? `: ${String(record.details.error ?? 'failed')}` : '';
  // A change of hands (a take-over of the incident or of its lock) says from whom to whom.
  const { from, to } = record.details;
  const hands = typeof from === 'string' && typeof to === 'string' ? `: ${from} → ${to}` : '';
  const what = `${record.step} ${record.outcome}${took}${error}${hands}`;
  // An event message is capped by the API server (1 KiB is what kubectl shows without truncation).
  const text = `incident ${record.incident}${where}, ${ctx.operator}: ${what}`;
  return text.length > 1024 ? `${text.slice(0, 1021)}...` : text;
}

/** The core/v1 Events of the `seq`-th record of a run, one per object it acted on. */
export function eventsFor(record: JournalRecord, ctx: EventContext, seq: number): KubeEvent[] {
  if (!isEventWorthy(record)) return [];
  const reason = reasonOf(record);
  const message = messageOf(record, ctx);
  const stamp = record.time.replace(/\.\d+Z$/, 'Z');
  return targetsOf(record).map((target, i) => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      // Unique per record and object, a valid DNS subdomain, and in the order of the steps: the API server
      // lists objects by name, so `kubectl get events` shows an incident's steps as they happened.
      name: `runbook.${record.incident.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}.${String(seq).padStart(5, '0')}.${i}`,
      namespace: ctx.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'runbook' },
    },
    involvedObject: { ...target, namespace: ctx.namespace },
    reason,
    message,
    type: record.outcome === 'failed' ? 'Warning' : 'Normal',
    source: { component: EVENT_SOURCE },
    reportingComponent: EVENT_SOURCE,
    reportingInstance: ctx.operator.slice(0, 128),
    action: record.step.slice(0, 128),
    count: 1,
    firstTimestamp: stamp,
    lastTimestamp: stamp,
    // Micro-second time, so that `kubectl events` orders the steps of one second too.
    eventTime: record.time.replace(/(\.\d{3})Z$/, '$1000Z'),
  }));
}
