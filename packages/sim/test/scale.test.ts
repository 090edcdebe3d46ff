/** What keeps the sim linear in the number of objects: paged lists, a byte-bounded watch history, endpoints kept by change. */
import { describe, expect, it } from 'vitest';
import { R } from '../src/context.ts';
import { list } from '../src/handlers.ts';
import { resolveResource } from '../src/resources.ts';
import { Store } from '../src/store.ts';
import type { KObject } from '../src/types.ts';
import { TEST_NAMESPACE } from './_world.ts';
import { clusterPerTest, until } from './helpers.ts';

const sim = clusterPerTest();
const ns = TEST_NAMESPACE;

const CM = resolveResource('configmaps');
const api = (path: string) => `${sim().server}${path}`;

interface ListBody {
  items: KObject[];
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(api(path));
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function createConfigMap(name: string, labels: Record<string, string>, data = 'x'): Promise<void> {
  const res = await fetch(api(`/api/v1/namespaces/${ns}/configmaps`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ metadata: { name, labels }, data: { d: data } }),
  });
  expect(res.status).toBe(201);
}

/** Follows continue tokens to the end; returns the names in order and each page's metadata. */
async function pageThrough(query: string): Promise<{ names: string[]; pages: ListBody['metadata'][] }> {
  const names: string[] = [];
  const pages: ListBody['metadata'][] = [];
  let token: string | undefined;
  do {
    const cont = token ? `&continue=${encodeURIComponent(token)}` : '';
    const body = await getJson<ListBody>(`/api/v1/namespaces/${ns}/configmaps?${query}${cont}`);
    names.push(...body.items.map((o) => o.metadata.name!));
    pages.push(body.metadata);
    token = body.metadata.continue;
  } while (token);
  return { names, pages };
}

describe('paged lists', () => {
  it('gives every object once, in name order, across pages of continue tokens', async () => {
    const made = Array.from({ length: 23 }, (_, i) => `cm-${String(i).padStart(2, '0')}`);
    for (const [i, name] of [...made].reverse().entries())
      await createConfigMap(name, { odd: String(i % 2) });
    const whole = await getJson<ListBody>(`/api/v1/namespaces/${ns}/configmaps`);
    expect(whole.metadata.continue).toBeUndefined();

    const { names, pages } = await pageThrough('limit=5');
    expect(names).toEqual(whole.items.map((o) => o.metadata.name));
    expect(names.filter((n) => n.startsWith('cm-'))).toEqual(made);
    expect(
      pages.slice(0, -1).every((p) => p.continue && p.resourceVersion === pages[0]!.resourceVersion),
    ).toBe(true);
    const remaining = pages.map((p) => p.remainingItemCount);
    expect(remaining[0]).toBe(whole.items.length - 5);
    expect(remaining.at(-1)).toBeUndefined();

    // A selector filters across pages; the API server then gives no count of what is left.
    const odd = await pageThrough(`limit=4&labelSelector=${encodeURIComponent('odd=1')}`);
    expect(odd.names).toEqual(made.filter((_, i) => (made.length - 1 - i) % 2 === 1));
    expect(odd.pages.every((p) => p.remainingItemCount === undefined)).toBe(true);
  });

  it('continues after the last name it gave, whatever changed meanwhile', async () => {
    for (const name of ['b', 'd', 'f']) await createConfigMap(name, { page: 'yes' });
    const first = await getJson<ListBody>(`/api/v1/namespaces/${ns}/configmaps?labelSelector=page&limit=1`);
    expect(first.items.map((o) => o.metadata.name)).toEqual(['b']);
    await fetch(api(`/api/v1/namespaces/${ns}/configmaps/d`), { method: 'DELETE' });
    await createConfigMap('c', { page: 'yes' });
    await createConfigMap('a', { page: 'yes' });
    const rest = await getJson<ListBody>(
      `/api/v1/namespaces/${ns}/configmaps?labelSelector=page&limit=5&continue=${first.metadata.continue}`,
    );
    expect(rest.items.map((o) => o.metadata.name)).toEqual(['c', 'f']);
  });

  it('answers 400 to a continue token it did not make', async () => {
    const res = await fetch(api(`/api/v1/namespaces/${ns}/configmaps?limit=1&continue=bm90LWEtdG9rZW4`));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/continue/);
  });

  it('answers 410 Gone to a continue token older than the history', () => {
    const store = new Store(4096);
    for (const n of ['a', 'b', 'c']) store.create(R.namespaces, { metadata: { name: n } });
    const first = list(store, { resource: R.namespaces }, { limit: 1 }, 'object', 'None') as ListBody;
    expect(first.metadata.continue).toBeDefined();
    const next = { limit: 1, continue: first.metadata.continue };
    expect((list(store, { resource: R.namespaces }, next, 'object', 'None') as ListBody).items).toHaveLength(
      1,
    );
    for (let i = 0; i < 10; i++)
      store.create(CM, { metadata: { name: `big-${i}`, namespace: 'a' }, data: { d: 'x'.repeat(1000) } });
    expect(() => list(store, { resource: R.namespaces }, next, 'object', 'None')).toThrowError(
      expect.objectContaining({ code: 410, reason: 'Expired' }),
    );
  });
});

describe('watch history', () => {
  it('is bounded in bytes, dropping the oldest events first', () => {
    const store = new Store(10_000);
    const cm = (i: number): KObject => ({
      metadata: { name: `cm-${i}`, namespace: 'a' },
      data: { d: 'x'.repeat(900) },
    });
    for (let i = 0; i < 40; i++) store.create(CM, cm(i));
    expect(store.historySize).toBeLessThanOrEqual(10_000);
    expect(store.historySize).toBeGreaterThan(5_000);
    const kept = store.since(CM, store.oldestResumable);
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.length).toBeLessThan(40);
    expect(kept.at(-1)!.object.metadata.name).toBe('cm-39');
    expect(kept[0]!.rv).toBe(store.oldestResumable + 1);
  });

  it('tells a watch from before the history 410 Gone, and replays one from within it', async () => {
    const before = (await getJson<ListBody>(`/api/v1/namespaces/${ns}/configmaps`)).metadata.resourceVersion;
    // Each version of 1 MiB: enough of them push the start of the world out of a history capped in bytes.
    const big = 'x'.repeat(2 ** 20);
    await createConfigMap('big', {}, big);
    let recent = '';
    for (let i = 0; i < 20; i++) {
      const res = await fetch(api(`/api/v1/namespaces/${ns}/configmaps/big`), {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ data: { d: `${i}${big}` } }),
      });
      expect(res.status).toBe(200);
      if (i === 17) recent = ((await res.json()) as KObject).metadata.resourceVersion!;
      else await res.arrayBuffer();
    }
    const gone = await (
      await fetch(api(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${before}`))
    ).text();
    const event = JSON.parse(gone.split('\n')[0]!) as {
      type: string;
      object: { code: number; reason: string };
    };
    expect(event).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });

    const res = await fetch(
      api(`/api/v1/namespaces/${ns}/configmaps?watch=true&timeoutSeconds=1&resourceVersion=${recent}`),
    );
    const replayed = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; object: KObject });
    expect(replayed.map((e) => [e.type, (e.object.data as { d: string }).d.slice(0, 2)])).toEqual([
      ['MODIFIED', '18'],
      ['MODIFIED', '19'],
    ]);
  });
});

describe('endpoints', () => {
  const service = 'marketplace-api-service';
  const ipValue = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);

  /** The ready pod IPs the Service selects now, in numeric order, as the Endpoints must list them. */
  async function wanted(): Promise<string[]> {
    const svc = await getJson<KObject>(`/api/v1/namespaces/${ns}/services/${service}`);
    const sel = Object.entries(svc.spec.selector as Record<string, string>)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const pods = await getJson<ListBody>(
      `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(sel)}`,
    );
    return pods.items
      .filter((p) =>
        p.status?.conditions?.some(
          (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
        ),
      )
      .map((p) => String(p.status.podIP))
      .sort((a, b) => ipValue(a) - ipValue(b));
  }

  async function listed(): Promise<string[]> {
    const ep = await getJson<{ subsets?: Array<{ addresses?: Array<{ ip: string }> }> }>(
      `/api/v1/namespaces/${ns}/endpoints/${service}`,
    );
    return (ep.subsets?.[0]?.addresses ?? []).map((a) => a.ip);
  }

  async function consistent(): Promise<boolean> {
    const [want, have] = [await wanted(), await listed()];
    return want.length > 0 && JSON.stringify(want) === JSON.stringify(have);
  }

  it('follow a switch and a scale of the selected pods, and go with the Service', async () => {
    await until(consistent);
    const green = await listed();
    const patch = (path: string, body: object) =>
      fetch(api(path), {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify(body),
      });
    expect(
      (
        await patch(`/api/v1/namespaces/${ns}/services/${service}`, {
          spec: { selector: { version: 'blue' } },
        })
      ).status,
    ).toBe(200);
    await until(async () => (await consistent()) && (await listed()).every((ip) => !green.includes(ip)));
    expect(
      (
        await patch(`/apis/apps/v1/namespaces/${ns}/deployments/marketplace-api-blue`, {
          spec: { replicas: 5 },
        })
      ).status,
    ).toBe(200);
    await until(async () => (await consistent()) && (await listed()).length === 5);

    expect(
      (await fetch(api(`/api/v1/namespaces/${ns}/services/${service}`), { method: 'DELETE' })).status,
    ).toBe(200);
    await until(
      async () => (await fetch(api(`/api/v1/namespaces/${ns}/endpoints/${service}`))).status === 404,
    );
  });

  it('come back when deleted by hand while the Service still selects', async () => {
    await until(consistent);
    const res = await fetch(api(`/api/v1/namespaces/${ns}/endpoints/${service}`), { method: 'DELETE' });
    expect(res.status).toBe(200);
    await until(consistent);
  });
});
