/** Watches: newline-delimited JSON events on a chunked response, as `?watch=true` gets from the API server. */
import type { ServerResponse } from 'node:http';
import { ApiError } from './errors.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import type { Matcher, ObjectMatcher } from './selectors.ts';
import type { EventType, Store, StoreEvent } from './store.ts';
import type { KObject } from './types.ts';

export interface WatchRequest {
  resource: ResourceType;
  namespace?: string;
  labels: Matcher;
  fields: ObjectMatcher;
  resourceVersion?: string;
  timeoutSeconds?: number;
  bookmarks: boolean;
}

const DEFAULT_TIMEOUT_S = 1800;
const BOOKMARK_EVERY_MS = 30_000;

export function serveWatch(
  store: Store,
  res: ServerResponse,
  w: WatchRequest,
  open: Set<ServerResponse>,
): void {
  const matches = (o: KObject | undefined): boolean =>
    !!o &&
    (!w.namespace || o.metadata.namespace === w.namespace) &&
    w.labels(o.metadata.labels) &&
    w.fields(o);
  const send = (type: EventType | 'BOOKMARK' | 'ERROR', object: object, json?: string): void => {
    res.write(json ? `{"type":"${type}","object":${json}}\n` : `${JSON.stringify({ type, object })}\n`);
  };

  const relay = (e: StoreEvent): void => {
    const now = matches(e.object);
    if (e.type !== 'MODIFIED') {
      if (now) send(e.type, e.object, e.json);
      return;
    }
    // A replayed version whose predecessor left the history is taken as staying in the selection.
    const before = e.prev ? matches(e.prev) : now;
    // As the watch cache does: an object leaving the selection is DELETED for this watcher, one entering is ADDED.
    if (now) send(before ? 'MODIFIED' : 'ADDED', e.object, e.json);
    else if (before) send('DELETED', e.object, e.json);
  };

  // Headers go out at once: clients (kubectl rollout status) wait on them before reading events.
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  open.add(res);

  const rv = w.resourceVersion;
  if (!rv || rv === '0') {
    for (const o of store.list(w.resource, w.namespace, matches)) send('ADDED', o);
  } else {
    const from = Number(rv);
    if (!Number.isFinite(from) || from < store.oldestResumable) {
      const gone = new ApiError(410, 'Expired', `too old resource version: ${rv} (${store.oldestResumable})`);
      send('ERROR', gone.toStatus());
      open.delete(res);
      res.end();
      return;
    }
    for (const e of store.since(w.resource, from)) relay(e);
  }

  const unsubscribe = store.subscribe((e) => {
    if (e.resource === w.resource) relay(e);
  });
  const bookmark = w.bookmarks
    ? setInterval(() => {
        send('BOOKMARK', {
          kind: w.resource.kind,
          apiVersion: apiVersionOf(w.resource),
          metadata: { resourceVersion: store.resourceVersion },
        });
      }, BOOKMARK_EVERY_MS)
    : undefined;
  const timeout = setTimeout(() => res.end(), (w.timeoutSeconds ?? DEFAULT_TIMEOUT_S) * 1000);
  const cleanup = (): void => {
    unsubscribe();
    clearTimeout(timeout);
    if (bookmark) clearInterval(bookmark);
    open.delete(res);
  };
  res.on('close', cleanup);
  res.on('finish', cleanup);
}
