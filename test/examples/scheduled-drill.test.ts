/** examples/zx/scheduled-drill.mjs run with zx against the simulated cluster (issue 13). */
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { receiver, runExample, STACK, selectors, startSim, texts } from './_zx.ts';

let sim: SimCluster | undefined;
let hook: Awaited<ReturnType<typeof receiver>> | undefined;
afterEach(async () => {
  await hook?.close();
  await sim?.stop();
});

const SECRET = 'services/T0/B0/s3cr3t-hook-token';
const LINE = /^T\+\d\d:\d\d \S+ (ok|failed|skipped) \d+(\.\d)? m?s$/;
const servicePatches = (sim: SimCluster) =>
  sim.requestLog.filter((q) => q.method === 'PATCH' && q.path.includes('/services/')).length;

describe('examples/zx/scheduled-drill.mjs', () => {
  it('switches to blue and back to green, verifies, posts the timeline, exits 0', async () => {
    sim = await startSim();
    hook = await receiver();
    const r = await runExample('scheduled-drill.mjs', ['--context', 'sim', '--yes'], {
      KUBECONFIG: sim.kubeconfig,
      SLACK_WEBHOOK: `${hook.url}/${SECRET}`,
    });
    expect(r.code, r.stderr).toBe(0);
    // Both services patched twice: there and back.
    expect(servicePatches(sim)).toBe(4);
    const s = await selectors(sim);
    expect(s['marketplace-api-service']?.version).toBe('green');
    expect(s['marketplace-web-service']?.version).toBe('green');
    const [timeline, ...more] = texts(hook.received);
    expect(more).toEqual([]);
    const [title, ...lines] = timeline!.split('\n');
    expect(title).toMatch(/^Rollback drill \S+-scheduled-drill-mjs-\w+: passed$/);
    for (const line of lines) expect(line).toMatch(LINE);
    const steps = lines.map((l) => l.split(' ').slice(1, 3).join(' '));
    expect(steps).toEqual([
      'decide ok',
      ...['', 'blue-green-2/'].flatMap((p) =>
        [
          'lock',
          'check-target-ready',
          'record-selectors',
          'switch-traffic',
          'wait-endpoints',
          'check-health',
        ].map((step) => `${p}${step} ok`),
      ),
      'verify ok',
      'run ok',
    ]);
    for (const out of [r.stdout, r.stderr]) expect(out).not.toContain('s3cr3t-hook-token');
  });

  it('blue not Ready: exit 3, nothing switched, and the failed timeline is posted all the same', async () => {
    sim = await startSim({ faults: { blue: { notReady: true } } });
    hook = await receiver();
    const r = await runExample('scheduled-drill.mjs', ['--context', 'sim', '--yes'], {
      KUBECONFIG: sim.kubeconfig,
      SLACK_WEBHOOK: `${hook.url}/${SECRET}`,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: refusing to switch to blue: .*\nhint: kubectl get deployments/m);
    expect(r.stderr).not.toMatch(STACK);
    expect(servicePatches(sim)).toBe(0);
    expect((await selectors(sim))['marketplace-api-service']?.version).toBe('green');
    const [timeline] = texts(hook.received);
    expect(timeline).toMatch(/^Rollback drill \S+: FAILED$/m);
    expect(timeline).toMatch(/^T\+\d\d:\d\d check-target-ready failed /m);
    expect(timeline).toMatch(/^T\+\d\d:\d\d run failed /m);
    expect(timeline).not.toContain('blue-green-2/');
  });
});

describe('examples/zx/scheduled-drill.mjs, unable to start', () => {
  it('an unknown --context: the usage error is printed and posted, exit 2', async () => {
    sim = await startSim();
    hook = await receiver();
    const r = await runExample('scheduled-drill.mjs', ['--context', 'staging', '--yes'], {
      KUBECONFIG: sim.kubeconfig,
      SLACK_WEBHOOK: `${hook.url}/${SECRET}`,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --context/m);
    expect(r.stderr).not.toMatch(STACK);
    expect(texts(hook.received)).toEqual([
      expect.stringMatching(/^Rollback drill could not start: --context/),
    ]);
    expect(sim.requestLog).toEqual([]);
  });
});
