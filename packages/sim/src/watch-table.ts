/**
 * The object of each watch event in the representation the Accept header asked for. A watch that asks for a
 * `meta.k8s.io/v1` Table (kubectl get -w) gets each object as a one-row Table, the column definitions only in the
 * first one (the API server's watchEmbeddedEncoder sets NoHeaders after the first event; kubectl reuses the last
 * columns it saw). A Status (ERROR event) is never transformed.
 */
import type { Representation } from './handlers.ts';
import type { ResourceType } from './resources.ts';
import { type IncludeObject, toTable } from './table.ts';
import type { KObject } from './types.ts';

export type EventKind = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Encodes one event as its line of the stream; `json` is the object already serialized, when it is. */
export type EventEncoder = (type: EventKind, object: object, json?: string) => string;

const line = (type: EventKind, objectJson: string): string => `{"type":"${type}","object":${objectJson}}\n`;

export function eventEncoder(r: ResourceType, rep: Representation, include: IncludeObject): EventEncoder {
  if (rep === 'object') return (type, object, json) => line(type, json ?? JSON.stringify(object));
  let headers = true;
  return (type, object, json) => {
    // Bookmarks carry only a resourceVersion, and errors a Status: both go out as they are.
    if (type === 'BOOKMARK' || type === 'ERROR') return line(type, json ?? JSON.stringify(object));
    const o = object as KObject;
    if (rep === 'metadata') {
      return line(
        type,
        JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }),
      );
    }
    const table = toTable(r, [o], o.metadata.resourceVersion ?? '', include) as {
      columnDefinitions?: unknown;
    };
    if (!headers) table.columnDefinitions = undefined;
    headers = false;
    return line(type, JSON.stringify(table));
  };
}
