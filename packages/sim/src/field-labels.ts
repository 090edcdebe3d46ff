/**
 * The field selectors each kind supports, as the API server's field label conversions list them (core/v1's
 * conversion.go, events.k8s.io/v1's), and how a label's value is read from an object: most are its JSON path,
 * a few differ (an Event's `source`, a Job's `status.successful`) or default when the field is absent.
 */
import type { KObject } from './types.ts';

const META = ['metadata.name', 'metadata.namespace'];
const INVOLVED = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

/** By `group/Kind`; kinds not listed take the default: metadata.name and metadata.namespace. */
export const FIELD_LABELS: Record<string, string[]> = {
  '/Pod': [
    ...META,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  '/Event': [
    ...META,
    ...INVOLVED.map((f) => `involvedObject.${f}`),
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  'events.k8s.io/Event': [
    ...META,
    ...INVOLVED.map((f) => `regarding.${f}`),
    'reason',
    'reportingController',
    'type',
  ],
  '/Namespace': ['metadata.name', 'status.phase'],
  '/Secret': [...META, 'type'],
  '/Node': ['metadata.name', 'spec.unschedulable'],
  'apps/ReplicaSet': [...META, 'status.replicas'],
  'batch/Job': [...META, 'status.successful'],
};

function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const seg of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

const text = (v: unknown, absent = ''): string => (v === undefined || v === null ? absent : String(v));

/** Labels whose value is not simply the string at their JSON path. */
const SPECIAL: Record<string, (o: KObject) => string> = {
  // An Event written through events.k8s.io has no source: its reporting controller stands in.
  source: (o) => text(at(o, 'source.component')) || text(o.reportingComponent),
  'status.successful': (o) => text(o.status?.succeeded, '0'),
  'status.replicas': (o) => text(o.status?.replicas, '0'),
  'spec.hostNetwork': (o) => text(o.spec?.hostNetwork, 'false'),
  'spec.unschedulable': (o) => text(o.spec?.unschedulable, 'false'),
};

/** Reads a field selector label's value from an object, as its kind's selectable fields give it. */
export function selectableField(label: string): (o: KObject) => string {
  return SPECIAL[label] ?? ((o) => text(at(o, label)));
}
