/** The in-memory object store: what etcd plus the registry are to a real API server. */

import { newUid, now, randomSuffix } from './_ids.ts';
import { clone, deepEqual } from './_json.ts';
import { ApiError, alreadyExists, conflict, invalid, notFound } from './errors.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import type { KObject } from './types.ts';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  resource: ResourceType;
  object: KObject;
  /** The object before a MODIFIED event. */
  prev?: KObject;
  rv: number;
}

export type StoreListener = (event: StoreEvent) => void;

const HISTORY = 5000;

function key(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

export class Store {
  private rv = 0;
  private readonly objects = new Map<ResourceType, Map<string, KObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumable(): number {
    return this.history.length ? this.history[0]!.rv - 1 : this.rv;
  }

  private bucket(r: ResourceType): Map<string, KObject> {
    let b = this.objects.get(r);
    if (!b) {
      b = new Map();
      this.objects.set(r, b);
    }
    return b;
  }

  get(r: ResourceType, ns: string | undefined, name: string): KObject | undefined {
    const o = this.bucket(r).get(key(r.namespaced ? ns : undefined, name));
    return o && clone(o);
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
   */
  view(r: ResourceType, ns?: string, filter?: (o: KObject) => boolean): readonly KObject[] {
    const out: KObject[] = [];
    for (const o of this.bucket(r).values()) {
      if (ns && r.namespaced && o.metadata.namespace !== ns) continue;
      if (filter && !filter(o)) continue;
      out.push(o);
    }
    return out.sort((a, b) =>
      `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
      ),
    );
  }

  create(r: ResourceType, input: KObject): KObject {
    const obj = clone(input);
    const meta = obj.metadata;
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
    this.emit({ type: 'ADDED', resource: r, object: obj, rv: this.rv });
    return clone(obj);
  }

  /** Replaces an object; a stale metadata.resourceVersion is a Conflict; an unchanged object is not rewritten. */
  update(r: ResourceType, input: KObject): KObject {
    const obj = clone(input);
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
    if (deepEqual(old, obj)) return clone(old);
    meta.resourceVersion = String(++this.rv);
    b.set(k, obj);
    this.emit({ type: 'MODIFIED', resource: r, object: obj, prev: old, rv: this.rv });
    return clone(obj);
  }

  delete(r: ResourceType, ns: string | undefined, name: string): KObject {
    const b = this.bucket(r);
    const k = key(r.namespaced ? ns : undefined, name);
    const old = b.get(k);
    if (!old) throw notFound(r, name);
    b.delete(k);
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

  /** Events after resourceVersion `rv` for one type, oldest first. */
  since(r: ResourceType, rv: number): StoreEvent[] {
    return this.history.filter((e) => e.resource === r && e.rv > rv);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    for (const l of this.listeners) l(event);
  }
}
