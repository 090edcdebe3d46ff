/**
 * What the API server's Event registry does to an Event on its way in: times decoded and written back in
 * their wire formats (metav1.Time to the second, metav1.MicroTime to the microsecond, whatever precision the
 * client sent), and, for events.k8s.io/v1, the fields its validation requires.
 */
import type { FieldError } from './errors.ts';
import type { ResourceType } from './resources.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: events are arbitrary JSON
type Any = any;

function time(v: unknown): unknown {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) return v;
  return new Date(v).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function microTime(v: unknown): unknown {
  if (typeof v !== 'string' || /\.\d{6}Z$/.test(v) || Number.isNaN(Date.parse(v))) return v;
  return new Date(v).toISOString().replace(/Z$/, '000Z');
}

const TIMES = ['firstTimestamp', 'lastTimestamp', 'deprecatedFirstTimestamp', 'deprecatedLastTimestamp'];
const REQUIRED = ['eventTime', 'reportingController', 'reportingInstance', 'action', 'reason'];

export function admitEvent(r: ResourceType, obj: KObject, errors: FieldError[]): void {
  const e = obj as Any;
  for (const k of TIMES) if (e[k] !== undefined) e[k] = time(e[k]);
  if (e.eventTime !== undefined) e.eventTime = microTime(e.eventTime);
  if (e.series?.lastObservedTime) e.series.lastObservedTime = microTime(e.series.lastObservedTime);
  if (r.group !== 'events.k8s.io') return;
  for (const k of REQUIRED)
    if (!e[k]) errors.push({ field: k, message: 'Required value', type: 'FieldValueRequired' });
  if (e.type !== 'Normal' && e.type !== 'Warning') {
    errors.push({
      field: 'type',
      message: `Unsupported value: "${e.type ?? ''}": supported values: "Normal", "Warning"`,
      type: 'FieldValueNotSupported',
    });
  }
}
