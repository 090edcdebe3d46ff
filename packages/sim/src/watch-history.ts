/** The watch history: past events kept serialized and bounded, as etcd keeps them, for watches to resume. */

import { type ResourceType, served, storedAs } from './resources.ts';
import type { KObject } from './types.ts';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  resource: ResourceType;
  object: KObject;
  /** The object before a MODIFIED event; unknown when replayed after that version left the history. */
  prev?: KObject;
  rv: number;
  /** The object as JSON, when already serialized: watches send it as is. */
  json?: string;
}

/** A past event as the watch history keeps it: serialized, so that its size is known and old versions are not live objects. */
export interface PastEvent {
  type: EventType;
  resource: ResourceType;
  key: string;
  rv: number;
  json: string;
}

/** The watch history keeps at most this many events, and at most HISTORY_BYTES of their JSON. */
const HISTORY = 5000;
export const HISTORY_BYTES = 16 * 2 ** 20;

export class WatchHistory {
  private readonly events: PastEvent[] = [];
  private bytes = 0;

  /** `limit`: JSON bytes of history kept. */
  constructor(private readonly limit: number) {}

  /** JSON bytes the history holds now. */
  get size(): number {
    return this.bytes;
  }

  /** The oldest resourceVersion a watch can still resume from, given the store's current one. */
  oldestResumable(current: number): number {
    return this.events.length ? this.events[0]!.rv - 1 : current;
  }

  record(e: PastEvent): void {
    this.events.push(e);
    this.bytes += e.json.length;
    // Evicted like etcd compaction: a watch from before the oldest kept event gets 410 Gone.
    let drop = 0;
    while (
      drop < this.events.length - 1 &&
      (this.events.length - drop > HISTORY || this.bytes > this.limit)
    ) {
      this.bytes -= this.events[drop]!.json.length;
      drop++;
    }
    if (drop) this.events.splice(0, drop);
  }

  /**
   * Events after resourceVersion `rv` for one type, oldest first, as fresh objects. The version before a
   * MODIFIED one is given when the history still holds it, for watches to tell objects entering their selection.
   */
  since(r: ResourceType, rv: number): StoreEvent[] {
    const out: StoreEvent[] = [];
    const last = new Map<string, PastEvent>();
    const from = storedAs(r);
    for (const e of this.events) {
      if (e.resource !== from) continue;
      if (e.rv > rv) {
        const before = e.type === 'MODIFIED' ? last.get(e.key) : undefined;
        out.push({
          type: e.type,
          resource: r,
          object: served(r, JSON.parse(e.json) as KObject),
          ...(before && before.type !== 'DELETED'
            ? { prev: served(r, JSON.parse(before.json) as KObject) }
            : {}),
          rv: e.rv,
          ...(r.stored ? {} : { json: e.json }),
        });
      }
      last.set(e.key, e);
    }
    return out;
  }
}
