/**
 * The columns of `kubectl get events`: the API server's Event printer (pkg/printers/internalversion), which
 * serves events.k8s.io/v1 Events from the same core/v1 form. Priority-1 columns show with `-o wide`.
 */
import { humanDuration } from './duration.ts';
import { asCoreEvent } from './events-v1.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: events are arbitrary JSON
type Any = any;

interface EventColumn {
  name: string;
  type: 'string' | 'integer';
  format?: string;
  description: string;
  priority: number;
  cell: (o: KObject) => string | number;
}

const since = (time: string | null | undefined): string =>
  time ? humanDuration(Date.now() - Date.parse(time)) : '<unknown>';

function firstSeen(e: Any): string {
  return since(e.firstTimestamp ?? e.eventTime);
}

function lastSeen(e: Any): string {
  if (e.series) return since(e.series.lastObservedTime);
  return e.lastTimestamp ? since(e.lastTimestamp) : firstSeen(e);
}

function count(e: Any): number {
  return e.series ? e.series.count : e.count || 1;
}

function object(e: Any): string {
  const kind = String(e.involvedObject?.kind ?? '').toLowerCase();
  return e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
}

function source(e: Any): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

const column = (
  name: string,
  cell: (e: Any) => string | number,
  priority = 0,
  type: EventColumn['type'] = 'string',
): EventColumn => ({
  name,
  type,
  description: name,
  priority,
  cell: (o) => cell(asCoreEvent(o)),
  ...(name === 'Name' ? { format: 'name' } : {}),
});

export const EVENT_COLUMNS: EventColumn[] = [
  column('Last Seen', lastSeen),
  column('Type', (e) => e.type ?? ''),
  column('Reason', (e) => e.reason ?? ''),
  column('Object', object),
  column('Subobject', (e) => e.involvedObject?.fieldPath ?? '', 1),
  column('Source', source, 1),
  column('Message', (e) => String(e.message ?? '').trim()),
  column('First Seen', firstSeen, 1),
  column('Count', count, 1, 'integer'),
  column('Name', (e) => e.metadata.name, 1),
];
