/** The official Python client (python3-kubernetes 22.6) watching the sim: it sends `watch=True`. */
import { describe, expect, it } from 'vitest';
import { runPython, startPython } from './_python.ts';
import { TEST_NAMESPACE } from './_world.ts';
import { clusterPerTest, kubectlOk } from './helpers.ts';

const sim = clusterPerTest();
const ns = TEST_NAMESPACE;

describe('python Watch().stream(list_namespaced_pod)', () => {
  it('receives the pods as ADDED events, then a MODIFIED one after a change', async () => {
    const pods = sim()
      .list('pod', ns)
      .map((p) => p.metadata.name);
    const py = startPython('watch_pods.py', [sim().kubeconfig, ns, '30']);
    await py.waitFor((lines) => lines.filter((l) => l.type === 'ADDED').length === pods.length);
    expect(
      py
        .lines()
        .map((l) => l.name)
        .sort(),
    ).toEqual([...pods].sort());
    expect(py.lines().every((l) => l.kind === 'V1Pod')).toBe(true);
    // The client asked with watch=True: the sim must have streamed, not listed.
    expect(sim().requestLog.some((r) => r.query.includes('watch=True'))).toBe(true);

    await kubectlOk(sim(), ['-n', ns, 'label', 'pod', pods[0]!, 'touched=yes']);
    await py.waitFor((lines) => lines.some((l) => l.done));
    expect(py.lines().filter((l) => l.type === 'MODIFIED')).toEqual([
      { type: 'MODIFIED', name: pods[0], kind: 'V1Pod' },
    ]);
    expect(await py.exited).toBe(0);
  });
});

/** Pushes the start of the world out of the watch history (capped in bytes) with versions of 1 MiB. */
async function overflowHistory(): Promise<void> {
  const big = 'x'.repeat(2 ** 20);
  const url = `${sim().server}/api/v1/namespaces/${ns}/configmaps`;
  const created = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ metadata: { name: 'big' }, data: { d: big } }),
  });
  expect(created.status).toBe(201);
  await created.arrayBuffer();
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${url}/big`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ data: { d: `${i}${big}` } }),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
}

describe('python Watch from a resourceVersion older than the history', () => {
  it('gets the ERROR event of a 410 Expired, with the watch cache\'s "too old resource version" message', async () => {
    await overflowHistory();
    const oldest = sim().store.oldestResumable;
    const run = await runPython('watch_expired.py', [sim().kubeconfig, ns, '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toEqual({
      status: 410,
      reason: `Expired: too old resource version: 2 (${oldest})`,
    });
  });
});
