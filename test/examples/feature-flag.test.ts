/** examples/zx/feature-flag-then-emergency.mjs run with zx against the simulated cluster (issue 13). */
import { join } from 'node:path';
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { journalOf, type Line } from '../helpers/journal.ts';
import { receiver, runExample, STACK, selectors, startSim, texts } from './_zx.ts';

type Receiver = Awaited<ReturnType<typeof receiver>>;
let sim: SimCluster | undefined;
const servers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await sim?.stop();
});

async function started(status = 200): Promise<Receiver> {
  const server = await receiver(status);
  servers.push(server);
  return server;
}

const SECRET = 'services/T0/B0/s3cr3t-hook-token';
const args = (flagsUrl: string) => [
  '--flag',
  'new-checkout',
  '--flags-url',
  flagsUrl,
  '--context',
  'sim',
  '--yes',
];

describe('examples/zx/feature-flag-then-emergency.mjs', () => {
  it('turns the flag off before the emergency starts, then rolls back to blue (exit 0)', async () => {
    sim = await startSim({ faults: { green: { errorRate: 0.2 } } });
    const [flags, hook] = [await started(), await started()];
    const r = await runExample('feature-flag-then-emergency.mjs', [...args(flags.url), '--lang', 'en'], {
      KUBECONFIG: sim.kubeconfig,
      SLACK_WEBHOOK: `${hook.url}/${SECRET}`,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(flags.received.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'PUT', path: '/flags/new-checkout', body: '{"enabled":false}' },
    ]);
    const journal = await journalOf(join(r.cwd, 'incidents'));
    const steps = journal.map((l) => `${l.step} ${l.outcome}`);
    const flagDone = steps.indexOf('pre/feature-flag ok');
    expect(flagDone).toBeGreaterThan(0);
    // The emergency's first record (its lock or its first notice) comes after the flag call, on disk and in time.
    const first = journal[flagDone + 1] as Line & { time: string };
    expect(first.step).not.toMatch(/^(pre\/|run$)/);
    expect(flags.received[0]!.at).toBeLessThanOrEqual(Date.parse(first.time));
    expect(steps.indexOf('notify-start started')).toBeGreaterThan(flagDone);
    const s = await selectors(sim);
    expect(s['marketplace-api-service']?.version).toBe('blue');
    expect(s['marketplace-web-service']?.version).toBe('blue');
    expect(texts(hook.received).map((t) => t.split('\n')[2])).toEqual([
      'Status: Emergency rollback initiated',
      'Status: Rollback completed successfully',
    ]);
    for (const out of [r.stdout, r.stderr]) expect(out).not.toContain('s3cr3t-hook-token');
  });

  it('flag service down: exit 5 with a hint, no stack trace, nothing switched, no notice', async () => {
    sim = await startSim();
    const [flags, hook] = [await started(), await started()];
    await flags.close();
    const r = await runExample('feature-flag-then-emergency.mjs', args(flags.url), {
      KUBECONFIG: sim.kubeconfig,
      SLACK_WEBHOOK: `${hook.url}/${SECRET}`,
    });
    expect(r.code).toBe(5);
    const host = new URL(flags.url).host;
    expect(r.stderr).toContain(
      `error: flag service at ${host} did not turn new-checkout off (ECONNREFUSED); nothing switched\n` +
        'hint: turn the flag off by hand, or rerun with --force to roll back without it\n',
    );
    expect(r.stderr).not.toMatch(STACK);
    const s = await selectors(sim);
    expect(s['marketplace-api-service']?.version).toBe('green');
    expect(hook.received).toEqual([]);
    const steps = (await journalOf(join(r.cwd, 'incidents'))).map((l) => `${l.step} ${l.outcome}`);
    expect(steps).toEqual([
      'run started',
      'pre/feature-flag started',
      'pre/feature-flag failed',
      'run failed',
    ]);
  });

  it('a flag service answering 503 is refused too; with --force the emergency goes on', async () => {
    sim = await startSim();
    const flags = await started(503);
    const refused = await runExample('feature-flag-then-emergency.mjs', args(flags.url), {
      KUBECONFIG: sim.kubeconfig,
    });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('did not turn new-checkout off (HTTP 503); nothing switched');
    expect((await selectors(sim))['marketplace-api-service']?.version).toBe('green');
    const forced = await runExample('feature-flag-then-emergency.mjs', [...args(flags.url), '--force'], {
      KUBECONFIG: sim.kubeconfig,
    });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('(HTTP 503); --force: going on');
    expect((await selectors(sim))['marketplace-api-service']?.version).toBe('blue');
    expect(flags.received).toHaveLength(2);
  });

  it('--dry-run calls no flag service and changes nothing (no --yes needed)', async () => {
    sim = await startSim();
    const flags = await started();
    const r = await runExample(
      'feature-flag-then-emergency.mjs',
      ['--flag', 'new-checkout', '--flags-url', `${flags.url}/api`, '--context', 'sim', '--dry-run'],
      { KUBECONFIG: sim.kubeconfig },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `• would PUT ${new URL(flags.url).host}/api/flags/new-checkout {"enabled":false}`,
    );
    expect(flags.received).toEqual([]);
    expect(sim.requestLog.filter((q) => q.method !== 'GET')).toEqual([]);
  });
});
