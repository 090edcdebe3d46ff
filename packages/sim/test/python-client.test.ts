/** The official Python client (python3-kubernetes 22.6) watching the sim: it sends `watch=True`. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimCluster } from '../src/index.ts';
import { startPython } from './_python.ts';
import { TEST_NAMESPACE } from './_world.ts';
import { fastCluster, kubectlOk } from './helpers.ts';

let sim: SimCluster;
const ns = TEST_NAMESPACE;
beforeEach(async () => {
  sim = await fastCluster();
});
afterEach(async () => {
  await sim.stop();
});

describe('python Watch().stream(list_namespaced_pod)', () => {
  it('receives the pods as ADDED events, then a MODIFIED one after a change', async () => {
    const pods = sim.list('pod', ns).map((p) => p.metadata.name);
    const py = startPython('watch_pods.py', [sim.kubeconfig, ns, '30']);
    await py.waitFor((lines) => lines.filter((l) => l.type === 'ADDED').length === pods.length);
    expect(
      py
        .lines()
        .map((l) => l.name)
        .sort(),
    ).toEqual([...pods].sort());
    expect(py.lines().every((l) => l.kind === 'V1Pod')).toBe(true);
    // The client asked with watch=True: the sim must have streamed, not listed.
    expect(sim.requestLog.some((r) => r.query.includes('watch=True'))).toBe(true);

    await kubectlOk(sim, ['-n', ns, 'label', 'pod', pods[0]!, 'touched=yes']);
    await py.waitFor((lines) => lines.some((l) => l.done));
    expect(py.lines().filter((l) => l.type === 'MODIFIED')).toEqual([
      { type: 'MODIFIED', name: pods[0], kind: 'V1Pod' },
    ]);
    expect(await py.exited).toBe(0);
  });
});
