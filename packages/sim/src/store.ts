/** The in-memory object store: what etcd plus the registry are to a real API server. */

import { newUid, now, randomSuffix } from './_ids.ts';
import { clone, deepEqual } from './_json.ts';
import { lowerBound, upperBound } from './_sorted.ts';
import { ApiError, alreadyExists, conflict, invalid, notFound } from './errors.ts';
import { apiVersionOf, RESOURCES, type ResourceType, served, storedAs } from './resources.ts';
import type { KObject } from './types.ts';
import { HISTORY_BYTES, type StoreEvent, WatchHistory } from './watch-history.ts';

export type { EventType, StoreEvent } from './watch-history.ts';

export type StoreListener = (event: StoreEvent) => void;

function key(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

/** The other API versions of each stored resource, whose watchers see its changes converted. */
const VIEWS = new Map<ResourceType, ResourceType[]>();
for (const r of RESOURCES) if (r.stored) VIEWS.set(r.stored.as, [...(VIEWS.get(r.stored.as) ?? []), r]);

export class Store {
  /** JSON bytes of watch history kept; lower in tests that exercise eviction. */
  constructor(historyLimit = HISTORY_BYTES) {
    this.history = new WatchHistory(historyLimit);
  }

  private rv = 0;
  private readonly objects = new Map<ResourceType, Map<string, KObject>>();
  private readonly history: WatchHistory;
  private readonly listeners = new Set<StoreListener>();
  private readonly keys = new Map<ResourceType, string[]>();

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumable(): number {
    return this.history.oldestResumable(this.rv);
  }

  private bucket(r: ResourceType): Map<string, KObject> {
    let b = this.objects.get(storedAs(r));
    if (!b) {
      b = new Map();
      this.objects.set(storedAs(r), b);
    }
    return b;
  }

  get(r: ResourceType, ns: string | undefined, name: string): KObject | undefined {
    const o = this.bucket(r).get(key(r.namespaced ? ns : undefined, name));
    return o && served(r, clone(o));
  }

  /** Like get, without a copy: for controllers that only read (see view). */
  peek(r: ResourceType, ns: string | undefined, name: string): KObject | undefined {
    const o = this.bucket(r).get(key(r.namespaced ? ns : undefined, name));
    return o && served(r, o);
  }

  /** Like get, but throws the API's NotFound. */
  must(r: ResourceType, ns: string | undefined, name: string): KObject {
    const o = this.get(r, ns, name);
    if (!o) throw notFound(r, name);
    return o;
  }

  list(r: ResourceType, ns?: string, filter?: (o: KObject) => boolean): KObject[] {
    return this.view(r, ns, filter).map(clone);
  }

  /**
   * Like list, without copies: for controllers that only read. Stored objects are never mutated
   * (writes replace them), so a view stays consistent; callers must clone before changing one.
   * Ordered by namespace/name in byte order, as etcd keys are.
   */
  view(r: ResourceType, ns?: string, filter?: (o: KObject) => boolean): readonly KObject[] {
    const out: KObject[] = [];
    this.scan(r, ns, undefined, (stored) => {
      const o = served(r, stored);
      if (!filter || filter(o)) out.push(o);
      return true;
    });
    return out;
  }

  /**
   * One page of a list: up to `limit` matching objects whose key sorts after `after`, and the key to continue
   * from when more match. Reads only the objects of the page and the next match, never all N. The objects are
   * the stored ones, to be serialized, never changed (see view).
   */
  page(
    r: ResourceType,
    ns: string | undefined,
    filter: ((o: KObject) => boolean) | undefined,
    after: string | undefined,
    limit: number,
  ): { items: readonly KObject[]; next?: string; remaining?: number } {
    const items: KObject[] = [];
    let next: string | undefined;
    let lastKey = '';
    let last = -1;
    this.scan(r, ns, after, (stored, k, i) => {
      const o = served(r, stored);
      if (filter && !filter(o)) return true;
      if (items.length === limit) {
        next = lastKey;
        return false;
      }
      items.push(o);
      lastKey = k;
      last = i;
      return true;
    });
    // Like the API server, the count of what is left is given only when no selector filters it.
    const remaining = next && !filter ? this.indexOf(r, ns, undefined).end - last - 1 : undefined;
    return { items, ...(next ? { next } : {}), ...(remaining !== undefined ? { remaining } : {}) };
  }

  /** Keys of a type in byte order, kept sorted as objects come and go. */
  private sorted(r: ResourceType): string[] {
    let keys = this.keys.get(storedAs(r));
    if (!keys) {
      keys = [...this.bucket(r).keys()].sort();
      this.keys.set(storedAs(r), keys);
    }
    return keys;
  }

  /** The index range of a namespace's keys (all keys when ns is unset), starting after key `after`. */
  private indexOf(
    r: ResourceType,
    ns: string | undefined,
    after: string | undefined,
  ): { start: number; end: number } {
    const keys = this.sorted(r);
    const prefix = ns && r.namespaced ? `${ns}/` : '';
    let start = lowerBound(keys, prefix);
    if (after !== undefined && after >= prefix) start = Math.max(start, upperBound(keys, after));
    const end = prefix ? lowerBound(keys, `${ns}0`) : keys.length; // '0' follows '/' in byte order
    return { start, end };
  }

  private scan(
    r: ResourceType,
    ns: string | undefined,
    after: string | undefined,
    visit: (o: KObject, k: string, i: number) => boolean,
  ): void {
    const keys = this.sorted(r);
    const b = this.bucket(r);
    const { start, end } = this.indexOf(r, ns, after);
    for (let i = start; i < end; i++) if (!visit(b.get(keys[i]!)!, keys[i]!, i)) return;
  }

  /** Stores a new object; `owned` as for update: a caller's fresh object, kept without a copy. */
  create(r: ResourceType, input: KObject, owned = false): KObject {
    if (r.stored) return r.stored.read(this.create(r.stored.as, r.stored.write(input)));
    const obj = owned ? { ...input, metadata: { ...input.metadata } } : clone(input);
    const meta = obj.metadata;
    nameObject(r, meta);
    if (!r.namespaced) delete meta.namespace;
    const b = this.bucket(r);
    const k = key(meta.namespace, meta.name);
    if (b.has(k)) throw alreadyExists(r, meta.name);
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    meta.uid = meta.uid ?? newUid();
    meta.creationTimestamp = now();
    if (r.generation) meta.generation = 1;
    delete meta.deletionTimestamp;
    meta.resourceVersion = String(++this.rv);
    b.set(k, obj);
    const keys = this.keys.get(r);
    keys?.splice(lowerBound(keys, k), 0, k);
    this.emit({ type: 'ADDED', resource: r, object: obj, rv: this.rv });
    return owned ? obj : clone(obj);
  }

  /**
   * Replaces an object; a stale metadata.resourceVersion is a Conflict; an unchanged object is not rewritten.
   * A controller that built `input` afresh and never touches it again passes `owned`: the store keeps it
   * without a copy and returns the stored object, read-only.
   */
  update(r: ResourceType, input: KObject, owned = false): KObject {
    if (r.stored) return r.stored.read(this.update(r.stored.as, r.stored.write(input)));
    const obj = owned ? { ...input, metadata: { ...input.metadata } } : clone(input);
    const meta = obj.metadata;
    const name = meta.name ?? '';
    const b = this.bucket(r);
    const k = key(r.namespaced ? meta.namespace : undefined, name);
    const old = b.get(k);
    if (!old) throw notFound(r, name);
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion)
      throw conflict(r, name);
    if (meta.uid && meta.uid !== old.metadata.uid) {
      throw new ApiError(
        409,
        'Conflict',
        `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${old.metadata.uid}`,
        {
          name,
          kind: r.name,
        },
      );
    }
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.generation = old.metadata.generation;
    if (!r.namespaced) delete meta.namespace;
    if (r.generation && !deepEqual(old.spec, obj.spec)) meta.generation = (old.metadata.generation ?? 0) + 1;
    meta.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(old, obj)) return owned ? old : clone(old);
    meta.resourceVersion = String(++this.rv);
    b.set(k, obj);
    this.emit({ type: 'MODIFIED', resource: r, object: obj, prev: old, rv: this.rv });
    return owned ? obj : clone(obj);
  }

  delete(r: ResourceType, ns: string | undefined, name: string): KObject {
    if (r.stored) return r.stored.read(this.delete(r.stored.as, ns, name));
    const b = this.bucket(r);
    const k = key(r.namespaced ? ns : undefined, name);
    const old = b.get(k);
    if (!old) throw notFound(r, name);
    b.delete(k);
    const keys = this.keys.get(r);
    keys?.splice(lowerBound(keys, k), 1);
    const gone = clone(old);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: 'DELETED', resource: r, object: gone, rv: this.rv });
    return clone(gone);
  }

  /** Every object of every type, for the garbage collector. */
  *all(): Generator<[ResourceType, KObject]> {
    for (const [r, b] of this.objects) for (const o of b.values()) yield [r, o];
  }

  hasUid(uid: string): boolean {
    for (const [, o] of this.all()) if (o.metadata.uid === uid) return true;
    return false;
  }

  /** Events after resourceVersion `rv` for one type, oldest first, as fresh objects (see WatchHistory.since). */
  since(r: ResourceType, rv: number): StoreEvent[] {
    return this.history.since(r, rv);
  }

  /** JSON bytes the watch history holds now. */
  get historySize(): number {
    return this.history.size;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    const json = JSON.stringify(event.object);
    event.json = json;
    const { metadata } = event.object;
    const k = key(event.resource.namespaced ? metadata.namespace : undefined, metadata.name ?? '');
    this.history.record({ type: event.type, resource: event.resource, key: k, rv: event.rv, json });
    for (const l of this.listeners) l(event);
    for (const view of VIEWS.get(event.resource) ?? []) {
      const { type, object, prev, rv } = event;
      const seen: StoreEvent = { type, resource: view, object: served(view, object), rv };
      if (prev) seen.prev = served(view, prev);
      for (const l of this.listeners) l(seen);
    }
  }
}

/** Names an object from its generateName, as the API server does; neither is a 422. */
export function nameObject(
  r: ResourceType,
  meta: KObject['metadata'],
): asserts meta is KObject['metadata'] & { name: string } {
  if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
  if (!meta.name) {
    throw invalid(r, '', [
      {
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
        type: 'FieldValueRequired',
      },
    ]);
  }
}
