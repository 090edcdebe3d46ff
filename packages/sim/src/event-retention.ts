/**
 * How long Events are kept. The API server stores each Event with a TTL of one hour from its last write
 * (`--event-ttl=1h`); the sim does the same, and, because it holds everything in memory and runs thousands of
 * pods in the bench, also keeps at most MAX_EVENTS of them, dropping the least recently written first.
 */
import { R } from './context.ts';
import type { Store, StoreEvent } from './store.ts';

/** The API server's default --event-ttl. */
export const EVENT_TTL_MS = 60 * 60 * 1000;
/** At most this many Events are kept (each is about 1 KB): enough for a rollout of 1,000 pods. */
export const MAX_EVENTS = 10_000;
const SWEEP_EVERY_MS = 60 * 1000;

export class EventRetention {
  /** `namespace/name` → time of the last write, least recently written first. */
  private readonly written = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private readonly sweeper: NodeJS.Timeout;
  private pruning = false;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = EVENT_TTL_MS,
    private readonly max = MAX_EVENTS,
  ) {
    this.unsubscribe = store.subscribe((e) => this.observe(e));
    this.sweeper = setInterval(() => this.expire(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  private observe(e: StoreEvent): void {
    if (e.resource !== R.events) return;
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
    this.written.delete(key);
    if (e.type === 'DELETED') return;
    this.written.set(key, Date.now());
    if (this.written.size > this.max && !this.pruning) {
      // Not from inside the store's notification: watchers must see this event before the deletions it causes.
      this.pruning = true;
      queueMicrotask(() => this.prune());
    }
  }

  private prune(): void {
    this.pruning = false;
    while (this.written.size > this.max) this.drop(this.written.keys().next().value!);
  }

  /** Deletes the Events whose last write is older than the TTL. */
  expire(at = Date.now()): void {
    for (const [key, time] of this.written) {
      if (at - time < this.ttlMs) break;
      this.drop(key);
    }
  }

  private drop(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    this.written.delete(key);
    if (this.store.peek(R.events, ns, name)) this.store.delete(R.events, ns, name);
  }

  stop(): void {
    this.unsubscribe();
    clearInterval(this.sweeper);
  }
}
