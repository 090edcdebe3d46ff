/** Watches: newline-delimited JSON events on a chunked response, as `?watch=true` gets from the API server. */
import type { ServerResponse } from 'node:http';
import { ApiError } from './errors.ts';
import type { Representation } from './handlers.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import type { Matcher, ObjectMatcher } from './selectors.ts';
import type { Store, StoreEvent } from './store.ts';
import type { IncludeObject } from './table.ts';
import type { KObject } from './types.ts';
import { type EventEncoder, type EventKind, eventEncoder } from './watch-table.ts';

export interface WatchRequest {
  resource: ResourceType;
  namespace?: string;
  labels: Matcher;
  fields: ObjectMatcher;
  resourceVersion?: string;
  /** Seconds until the server ends the watch; unset: the server's own limit. */
  timeoutSeconds?: number;
  bookmarks: boolean;
  /** sendInitialEvents (the watch-list protocol): the current state as ADDED events, then a bookmark marking its end. */
  sendInitialEvents?: boolean;
  representation?: Representation;
  include?: IncludeObject;
}

/** The API server's --min-request-timeout: a watch without timeoutSeconds lasts between one and two of it. */
const MIN_REQUEST_TIMEOUT_S = 1800;
/** The watch cache sends a bookmark about every minute, and one 2 s before the watch's deadline. */
const BOOKMARK_EVERY_MS = 60_000;
const BOOKMARK_BEFORE_DEADLINE_MS = 2000;
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

type Send = (type: EventKind, object: object, json?: string) => void;

function bookmarkObject(w: WatchRequest, rv: string, initialEnd = false): object {
  return {
    kind: w.resource.kind,
    apiVersion: apiVersionOf(w.resource),
    metadata: {
      resourceVersion: rv,
      ...(initialEnd ? { annotations: { [INITIAL_EVENTS_END]: 'true' } } : {}),
    },
  };
}

/** The events before the live ones; false when the watch ended at once (410 Gone). */
function start(
  store: Store,
  w: WatchRequest,
  send: Send,
  relay: (e: StoreEvent) => void,
  matches: (o: KObject) => boolean,
): boolean {
  const rv = w.resourceVersion;
  if (w.sendInitialEvents === true) {
    // NotOlderThan any given resourceVersion: the store's current state is at least that new.
    for (const o of store.list(w.resource, w.namespace, matches)) send('ADDED', o);
    if (w.bookmarks) send('BOOKMARK', bookmarkObject(w, store.resourceVersion, true));
    return true;
  }
  // sendInitialEvents=false: no state, from the given version (or from now).
  if (w.sendInitialEvents === false && (!rv || rv === '0')) return true;
  if (!rv || rv === '0') {
    for (const o of store.list(w.resource, w.namespace, matches)) send('ADDED', o);
    return true;
  }
  const from = Number(rv);
  if (!Number.isInteger(from) || from < store.oldestResumable) {
    // As the watch cache: a version older than its history is an ERROR event, not an HTTP error.
    send(
      'ERROR',
      new ApiError(410, 'Expired', `too old resource version: ${rv} (${store.oldestResumable})`).toStatus(),
    );
    return false;
  }
  for (const e of store.since(w.resource, from)) relay(e);
  return true;
}

/** Bookmarks about every minute and 2 s before the deadline, as the watch cache schedules them. */
function scheduleBookmarks(store: Store, w: WatchRequest, send: Send, deadline: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const bookmark = (): void => send('BOOKMARK', bookmarkObject(w, store.resourceVersion));
  const next = (): void => {
    const now = Date.now();
    const beforeDeadline = deadline - BOOKMARK_BEFORE_DEADLINE_MS;
    if (beforeDeadline < now + BOOKMARK_EVERY_MS) {
      // The last one: 2 s before the deadline (none when the watch is shorter than that).
      if (beforeDeadline > now) timer = setTimeout(bookmark, beforeDeadline - now);
      return;
    }
    timer = setTimeout(() => {
      bookmark();
      next();
    }, BOOKMARK_EVERY_MS);
  };
  if (w.bookmarks) next();
  return () => clearTimeout(timer);
}

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
  const encode: EventEncoder = eventEncoder(
    w.resource,
    w.representation ?? 'object',
    w.include ?? 'Metadata',
  );
  const send: Send = (type, object, json) => {
    res.write(encode(type, object, json));
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

  if (!start(store, w, send, relay, matches)) {
    open.delete(res);
    res.end();
    return;
  }
  const unsubscribe = store.subscribe((e) => {
    if (e.resource === w.resource) relay(e);
  });
  const seconds = w.timeoutSeconds ?? MIN_REQUEST_TIMEOUT_S * (1 + Math.random());
  const deadline = Date.now() + seconds * 1000;
  const stopBookmarks = scheduleBookmarks(store, w, send, deadline);
  const timeout = setTimeout(() => res.end(), deadline - Date.now());
  const cleanup = (): void => {
    unsubscribe();
    clearTimeout(timeout);
    stopBookmarks();
    open.delete(res);
  };
  res.on('close', cleanup);
  res.on('finish', cleanup);
}
