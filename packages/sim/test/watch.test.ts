/** The watch protocol as kubectl, client libraries and the watch-list protocol use it. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { TEST_NAMESPACE } from './_world.ts';
import { clusterPerTest, kubectlOk, until } from './helpers.ts';

const sim = clusterPerTest();
const ns = TEST_NAMESPACE;
const cacheDir = mkdtempSync(join(tmpdir(), 'sim-watch-cache-'));

const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** `kubectl … -w` left running: its output lines so far; stop() ends it. */
function kubectlWatch(args: string[]) {
  const child = spawn(
    '/usr/bin/kubectl',
    ['--kubeconfig', sim().kubeconfig, '--cache-dir', cacheDir, ...args],
    {
      env: { ...process.env, KUBECONFIG: '' },
    },
  );
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    out += b.toString();
  });
  return {
    lines: () => out.split('\n').filter(Boolean),
    stop: () => child.kill(),
  };
}

interface Event {
  type: string;
  object: any;
}

/** Reads a watch until `stop` says enough, or the server ends it. */
async function watch(path: string, stop: (events: Event[]) => boolean = () => false, accept?: string) {
  const res = await fetch(`${sim().server}${path}`, { headers: accept ? { Accept: accept } : {} });
  const events: Event[] = [];
  if (res.status !== 200) return { status: res.status, body: await res.json(), events };
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const p of parts) events.push(JSON.parse(p));
    if (stop(events)) {
      await reader.cancel();
      break;
    }
  }
  return { status: res.status, body: undefined, events };
}

const pods = `/api/v1/namespaces/${ns}/pods`;
const deployments = `/apis/apps/v1/namespaces/${ns}/deployments`;

describe('kubectl get -w', () => {
  it('prints READY, UP-TO-DATE and AVAILABLE for every deployment event of a rollout', async () => {
    const w = kubectlWatch(['-n', ns, 'get', 'deployments', '-w']);
    try {
      await until(() => w.lines().length >= 5, 15_000); // the header and four deployments
      await kubectlOk(sim(), [
        '-n',
        ns,
        'set',
        'image',
        'deployment/marketplace-web',
        'web=ghcr.io/x/web:v9',
      ]);
      const row = /^marketplace-web\s+\d+\/\d+\s+\d+\s+\d+\s+\S+$/;
      await until(
        () =>
          w
            .lines()
            .slice(5)
            .filter((l) => row.test(l)).length >= 2,
        15_000,
      );
      expect(w.lines()[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
      expect(w.lines().filter((l) => l.startsWith('NAME'))).toHaveLength(1);
      for (const l of w.lines().slice(1)) expect(l).toMatch(/^\S+\s+\d+\/\d+\s+\d+\s+\d+\s+\S+$/);
    } finally {
      w.stop();
    }
  });

  it('prints the STATUS of pods as they come and go', async () => {
    const w = kubectlWatch(['-n', ns, 'get', 'pods', '-w']);
    try {
      const initial = sim().list('pod', ns).length + 1;
      await until(() => w.lines().length >= initial, 15_000);
      const victim = sim().list('pod', ns)[0]!.metadata.name!;
      await kubectlOk(sim(), ['-n', ns, 'delete', 'pod', victim, '--wait=false']);
      const row = /^\S+\s+\d+\/\d+\s+(Running|Pending|ContainerCreating|Terminating|Completed)\s+\d+\s+\S+$/;
      await until(
        () =>
          w
            .lines()
            .slice(initial)
            .some((l) => l.startsWith(`${victim} `) && row.test(l)),
        15_000,
      );
      for (const l of w.lines().slice(1)) expect(l).toMatch(row);
    } finally {
      w.stop();
    }
  });
});

describe('a watch asking for a Table', () => {
  it('gets one-row Tables, the columns only in the first, the row object as includeObject says', async () => {
    const stop = (e: Event[]) => e.length >= 4;
    const meta = await watch(`${deployments}?watch=1`, stop, TABLE_ACCEPT);
    expect(meta.events.map((e) => [e.type, e.object.kind, e.object.apiVersion])).toEqual(
      Array(4).fill(['ADDED', 'Table', 'meta.k8s.io/v1']),
    );
    const [first, second] = meta.events;
    expect(first!.object.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual([
      'Name',
      'Ready',
      'Up-to-date',
      'Available',
      'Age',
    ]);
    expect(second!.object.columnDefinitions ?? []).toEqual([]);
    expect(first!.object.rows).toHaveLength(1);
    expect(first!.object.rows[0].cells.slice(0, 4)).toEqual(['marketplace-api', '3/3', 3, 3]);
    expect(first!.object.rows[0].object.kind).toBe('PartialObjectMetadata');
    expect(first!.object.metadata.resourceVersion).toBe(
      first!.object.rows[0].object.metadata.resourceVersion,
    );

    const full = await watch(`${deployments}?watch=1&includeObject=Object`, stop, TABLE_ACCEPT);
    expect(full.events[0]!.object.rows[0].object).toMatchObject({
      kind: 'Deployment',
      spec: { replicas: 3 },
    });
    const none = await watch(`${deployments}?watch=1&includeObject=None`, stop, TABLE_ACCEPT);
    expect(none.events[0]!.object.rows[0]).not.toHaveProperty('object');
    const bad = await watch(`${deployments}?watch=1&includeObject=All`, stop, TABLE_ACCEPT);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('unrecognized includeObject value: "All"');
  });
});

describe('a watch asking for PartialObjectMetadata', () => {
  it('gets only the metadata of each object, as the metadata client (garbage collector, quota) asks', async () => {
    const accept =
      'application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';
    const { events } = await watch(`${deployments}?watch=true`, (e) => e.length >= 1, accept);
    expect(events[0]!.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: expect.objectContaining({ name: 'marketplace-api', namespace: ns }),
    });
  });
});

describe('watch query parameters', () => {
  it('streams for every form apimachinery reads as true (True, 1, TRUE, empty), lists for false and 0', async () => {
    for (const v of ['True', 'true', '1', 'TRUE', 'yes', '']) {
      const { events } = await watch(`${deployments}?watch=${v}`, (e) => e.length >= 1);
      expect(events[0], `watch=${v}`).toMatchObject({ type: 'ADDED', object: { kind: 'Deployment' } });
    }
    for (const v of ['false', 'False', '0']) {
      const res = await fetch(`${sim().server}${deployments}?watch=${v}`);
      expect(((await res.json()) as { kind: string }).kind, `watch=${v}`).toBe('DeploymentList');
    }
  });

  it('starts an unset or "0" resourceVersion with the current objects, a given one with the changes after it', async () => {
    const count = sim().list('deployment', ns).length;
    for (const rv of ['', '&resourceVersion=0']) {
      const { events } = await watch(`${deployments}?watch=true${rv}`, (e) => e.length >= count);
      expect(events.every((e) => e.type === 'ADDED')).toBe(true);
    }
    const rv = sim().store.resourceVersion;
    await kubectlOk(sim(), ['-n', ns, 'label', 'deployment', 'marketplace-web', 'x=y']);
    const { events } = await watch(`${deployments}?watch=true&resourceVersion=${rv}`, (e) => e.length >= 1);
    expect(events[0]).toMatchObject({ type: 'MODIFIED', object: { metadata: { name: 'marketplace-web' } } });
  });

  it('takes timeoutSeconds=0 as no timeout given, not as closing at once', async () => {
    const rv = sim().store.resourceVersion;
    const pending = watch(
      `${deployments}?watch=true&timeoutSeconds=0&resourceVersion=${rv}`,
      (e) => e.length >= 1,
    );
    await until(() => sim().requestLog.some((r) => r.query.includes('timeoutSeconds=0')));
    await kubectlOk(sim(), ['-n', ns, 'label', 'deployment', 'marketplace-web', 'x=y']);
    expect((await pending).events[0]).toMatchObject({ type: 'MODIFIED' });
  });
});

describe('bookmarks', () => {
  it('sends a BOOKMARK with the current resourceVersion 2 s before the watch times out', async () => {
    const rv = sim().store.resourceVersion;
    const { events } = await watch(
      `${pods}?watch=true&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion=${rv}`,
    );
    // Pods may change meanwhile (their controllers): the one bookmark carries the store's version at its time.
    const bookmarks = events.filter((e) => e.type === 'BOOKMARK');
    expect(bookmarks, JSON.stringify(events)).toHaveLength(1);
    expect(bookmarks[0]!.object).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { resourceVersion: expect.any(String) },
    });
    const at = Number(bookmarks[0]!.object.metadata.resourceVersion);
    expect(at).toBeGreaterThanOrEqual(Number(rv));
    expect(at).toBeLessThanOrEqual(Number(sim().store.resourceVersion));
  });

  it('ends the initial events of sendInitialEvents=true with the initial-events-end bookmark', async () => {
    const count = sim().list('pod', ns).length;
    const { events } = await watch(
      `${pods}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=10`,
      (e) => e.some((x) => x.type === 'BOOKMARK'),
    );
    expect(events.slice(0, count).every((e) => e.type === 'ADDED')).toBe(true);
    expect(events[count]).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: {
          resourceVersion: sim().store.resourceVersion,
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      },
    });
  });

  it('refuses sendInitialEvents without resourceVersionMatch=NotOlderThan, as ListOptions validation does', async () => {
    const r1 = await watch(`${pods}?watch=true&sendInitialEvents=true&timeoutSeconds=5`);
    expect(r1.status).toBe(422);
    expect(r1.body).toMatchObject({
      reason: 'Invalid',
      message:
        'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      details: { group: 'meta.k8s.io', kind: 'ListOptions' },
    });
    const r2 = await watch(
      `${pods}?watch=true&resourceVersionMatch=NotOlderThan&resourceVersion=1&timeoutSeconds=5`,
    );
    expect(r2.status).toBe(422);
    expect(r2.body.message).toContain(
      'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
  });

  it("gives client-node's Watch the bookmark, then ends the watch at timeoutSeconds", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(sim().kubeconfig);
    const seen: Array<[string, string | undefined]> = [];
    let ended = false;
    await new Watch(kc).watch(
      pods,
      { allowWatchBookmarks: true, timeoutSeconds: 3, resourceVersion: sim().store.resourceVersion },
      (type: string, obj: { metadata?: { resourceVersion?: string } }) => {
        seen.push([type, obj.metadata?.resourceVersion]);
      },
      () => {
        ended = true;
      },
    );
    await until(() => ended, 10_000);
    expect(seen.filter(([type]) => type === 'BOOKMARK')).toHaveLength(1);
  });
});
