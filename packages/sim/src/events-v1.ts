/**
 * events.k8s.io/v1 Events as a view of the stored core/v1 Events, converted field by field as the API server's
 * conversion does (pkg/apis/events/v1/conversion.go): involvedObject ↔ regarding, message ↔ note, source,
 * firstTimestamp, lastTimestamp and count ↔ their `deprecated*` twins, reportingComponent ↔ reportingController.
 */
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: events are arbitrary JSON
type Any = any;

/** Fields both versions name alike. */
const SHARED = ['eventTime', 'series', 'action', 'reason', 'related', 'type'] as const;

function copyShared(from: Any, to: Any): void {
  for (const k of SHARED) if (from[k] !== undefined) to[k] = from[k];
}

/** The events.k8s.io/v1 form of a stored core/v1 Event. */
export function toEventsV1(core: KObject): KObject {
  const e = core as Any;
  const out: Any = { kind: 'Event', apiVersion: 'events.k8s.io/v1', metadata: e.metadata };
  out.eventTime = e.eventTime ?? null;
  copyShared(e, out);
  if (e.reportingComponent) out.reportingController = e.reportingComponent;
  if (e.reportingInstance) out.reportingInstance = e.reportingInstance;
  out.regarding = e.involvedObject ?? {};
  if (e.message) out.note = e.message;
  out.deprecatedSource = e.source ?? {};
  out.deprecatedFirstTimestamp = e.firstTimestamp ?? null;
  out.deprecatedLastTimestamp = e.lastTimestamp ?? null;
  if (e.count) out.deprecatedCount = e.count;
  return out;
}

/** The core/v1 form, as stored, of an events.k8s.io/v1 Event. */
export function fromEventsV1(v1: KObject): KObject {
  const e = v1 as Any;
  const out: Any = { kind: 'Event', apiVersion: 'v1', metadata: e.metadata };
  out.involvedObject = e.regarding ?? {};
  if (e.note !== undefined) out.message = e.note;
  out.source = e.deprecatedSource ?? {};
  out.firstTimestamp = e.deprecatedFirstTimestamp ?? null;
  out.lastTimestamp = e.deprecatedLastTimestamp ?? null;
  if (e.deprecatedCount) out.count = e.deprecatedCount;
  copyShared(e, out);
  out.eventTime = e.eventTime ?? null;
  out.reportingComponent = e.reportingController ?? '';
  out.reportingInstance = e.reportingInstance ?? '';
  return out;
}

/** A core/v1 Event whichever version it is in: printers and selectors read this one shape. */
export function asCoreEvent(o: KObject): KObject {
  return o.apiVersion === 'events.k8s.io/v1' ? fromEventsV1(o) : o;
}
