/** examples/zx/blue-green.mjs run with zx against the simulated cluster (issue 13). */
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

describe('examples/zx/blue-green.mjs', () => {
  it('switches both services to blue, prints the checks, posts the notice, exits 0', async () => {
    sim = await startSim();
    hook = await receiver();
    const r = await runExample('blue-green.mjs', ['--context', 'sim', '--yes', '--lang', 'en'], {
      KUBECONFIG: sim.kubeconfig,
      SLACK_WEBHOOK: `${hook.url}/${SECRET}`,
    });
    expect(r.code, r.stderr).toBe(0);
    const s = await selectors(sim);
    expect(s['marketplace-api-service']?.version).toBe('blue');
    expect(s['marketplace-web-service']?.version).toBe('blue');
    expect(r.stdout).toMatch(/^critical-tests +PASS +built-in sim check/m);
    expect(r.stdout).toMatch(/^health +api +PASS/m);
    const [notice, ...more] = texts(hook.received);
    expect(more).toEqual([]);
    expect(notice).toContain('Status: Traffic on blue, verified');
    expect(notice).toContain('Action: Rollback to version v1.2.3');
    expect(hook.received[0]?.path).toBe(`/${SECRET}`);
    for (const out of [r.stdout, r.stderr]) expect(out).not.toContain('s3cr3t-hook-token');
  });

  it('blue not Ready: exit 3 with the error and its hint, no stack trace, nothing switched, no notice', async () => {
    sim = await startSim({ faults: { blue: { notReady: true } } });
    hook = await receiver();
    const r = await runExample('blue-green.mjs', ['--context', 'sim', '--yes'], {
      KUBECONFIG: sim.kubeconfig,
      SLACK_WEBHOOK: `${hook.url}/${SECRET}`,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^error: refusing to switch to blue: marketplace-api-blue has 0\/3 replicas Ready.*; nothing changed\nhint: kubectl get deployments -n topsteel-marketplace$/m,
    );
    expect(r.stderr).not.toMatch(STACK);
    const s = await selectors(sim);
    expect(s['marketplace-api-service']?.version).toBe('green');
    expect(s['marketplace-web-service']?.version).toBe('green');
    expect(hook.received).toEqual([]);
  });

  it('a bad --to is a usage error (exit 2) before anything is touched', async () => {
    sim = await startSim();
    const r = await runExample('blue-green.mjs', ['--to', 'purple', '--context', 'sim', '--yes'], {
      KUBECONFIG: sim.kubeconfig,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --to: expected blue or green, got "purple"\n');
    expect(sim.requestLog).toEqual([]);
  });

  it('--dry-run prints the plan, changes nothing and sends nothing', async () => {
    sim = await startSim();
    hook = await receiver();
    const r = await runExample('blue-green.mjs', ['--context', 'sim', '--dry-run'], {
      KUBECONFIG: sim.kubeconfig,
      SLACK_WEBHOOK: `${hook.url}/${SECRET}`,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('kubectl patch service marketplace-api-service');
    expect(sim.requestLog.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(hook.received).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain('s3cr3t-hook-token');
  });
});
