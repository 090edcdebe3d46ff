/** Event retention in the store: the cap on the number of Events and their expiry, without a cluster. */
import { describe, expect, it } from 'vitest';
import { EventRetention } from '../src/event-retention.ts';
import { resolveResource } from '../src/resources.ts';
import { Store } from '../src/store.ts';

describe('Event retention', () => {
  it('keeps at most its cap, dropping the least recently written, and expires Events an hour after their last write', async () => {
    const store = new Store();
    const events = resolveResource('events');
    store.create(resolveResource('namespaces'), { metadata: { name: 'ns' } });
    const retention = new EventRetention(store, 60 * 60 * 1000, 3);
    const add = (name: string) =>
      store.create(events, { metadata: { name, namespace: 'ns' }, reason: 'Test' });
    for (const name of ['a', 'b', 'c']) add(name);
    store.update(events, { ...store.get(events, 'ns', 'a')!, count: 2 });
    add('d');
    // The oldest goes once the store has told every watcher of the newest.
    await Promise.resolve();
    expect(store.list(events, 'ns').map((e) => e.metadata.name)).toEqual(['a', 'c', 'd']);
    retention.expire(Date.now() + 60 * 60 * 1000);
    expect(store.list(events, 'ns')).toEqual([]);
    retention.stop();
  });
});
