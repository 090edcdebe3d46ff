/** The built CLI as a subprocess against an in-process sim: exit codes, secrets, SIGKILL and --resume. */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../../../test/helpers/cli.ts';
import { journalOf } from '../../../../test/helpers/journal.ts';
import { mutations, NS, selectorOf, startSim, webhookReceiver } from './setup.ts';

let sim: SimCluster;
afterEach(async () => {
  await sim?.stop();
});

const tmp = () => mkdtemp(join(tmpdir(), 'runbook-cli-'));
const cluster = (dir: string) => ['--kubeconfig', sim.kubeconfig, '--incidents-dir', dir];

describe('runbook CLI (issue 4)', () => {
  it("rollback version 'v1;rm -rf /' is a usage error and changes nothing", async () => {
    sim = await startSim();
    const dir = await tmp();
    const r = await runCli(['rollback', 'version', 'v1;rm -rf /', '--yes', ...cluster(dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: TAG: expected a version like v1.2.3 (v, digits and dots only), got "v1;rm -rf /"\n',
    );
    expect(mutations(sim)).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('without a TTY and without --yes, a destructive step is refused (exit 3); --dry-run changes nothing', async () => {
    sim = await startSim();
    const dir = await tmp();
    const refused = await runCli(['rollback', 'blue-green', ...cluster(dir)]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /error: roll back: refused, no terminal to confirm on\nhint: rerun with --yes/,
    );
    const dry = await runCli(['rollback', 'blue-green', '--dry-run', ...cluster(dir)]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('manual: kubectl patch service marketplace-api-service');
    expect(mutations(sim)).toEqual([]);
    expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('green');
  });

  it('emergency with a faulty green: traffic on blue, verification passing, two notices, no secret anywhere', async () => {
    sim = await startSim({ faults: { green: { errorRate: 0.2 } } });
    const hook = await webhookReceiver();
    const dir = await tmp();
    try {
      const r = await runCli(['emergency', '--yes', '--lang', 'en', ...cluster(dir)], {
        env: { SLACK_WEBHOOK: hook.url },
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/critical-tests +PASS +built-in sim check/);
      expect(selectorOf(sim, 'marketplace-web-service')?.version).toBe('blue');
      expect(hook.messages.map((m) => m.split('\n')[2])).toEqual([
        'Status: Emergency rollback initiated',
        'Status: Rollback completed successfully',
      ]);
      const [id] = await readdir(dir);
      const files = await readdir(join(dir, id!), { recursive: true });
      const texts = await Promise.all(
        files.filter((f) => /\.(jsonl|yaml|log)$/.test(f)).map((f) => readFile(join(dir, id!, f), 'utf8')),
      );
      expect(texts.length).toBeGreaterThan(5);
      for (const t of [r.stdout, r.stderr, ...texts]) expect(t).not.toContain('s3cr3t-hook-token');
    } finally {
      await hook.close();
    }
  });

  it('a run killed with SIGKILL during a wait leaves a journal that --resume completes', async () => {
    sim = await startSim({ readyDelayMs: 3000 });
    const dir = await tmp();
    const child = spawn(process.execPath, [BIN, 'rollback', 'native', '--yes', ...cluster(dir)], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 15_000;
    while (!(await journalOf(dir)).some((r) => r.step === 'wait-api' && r.outcome === 'started')) {
      if (Date.now() > deadline) throw new Error('the run never reached its wait');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const before = await journalOf(dir);
    expect(before.some((r) => r.step === 'wait-api' && r.outcome === 'ok')).toBe(false);
    const [id] = await readdir(dir);
    const r = await runCli(['rollback', 'native', '--yes', '--resume', id!, ...cluster(dir)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/took over the stale lease/);
    const after = await journalOf(dir);
    expect(after.filter((x) => x.step === 'undo-api').map((x) => x.outcome)).toEqual([
      'started',
      'ok',
      'skipped',
    ]);
    expect(after.filter((x) => x.step === 'wait-api').at(-1)?.outcome).toBe('ok');
    expect(after.at(-1)).toMatchObject({ step: 'run', outcome: 'ok' });
    // Undone once, not twice: a second undo would have gone back to v1.2.4.
    expect(sim.get('deployment', NS, 'marketplace-api')!.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/topsteel/marketplace-api:v1.2.3',
    );
  });

  it('one clear line for an unreachable API server (exit 5) and a bad --fault (exit 2)', async () => {
    const dir = await tmp();
    sim = await startSim({ kubeconfig: join(dir, 'kubeconfig') });
    await sim.stop();
    const r = await runCli(['verify', ...cluster(dir)]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^error: API server http:\/\/127\.0\.0\.1:\d+ unreachable \(ECONNREFUSED\)$/m);
    const bad = await runCli(['sim', 'up', '--fault', 'green:explode']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --fault: invalid fault "green:explode"/);
  });

  it('sim up prints exactly one JSON line once ready and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', 'up'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const deadline = Date.now() + 15_000;
    while (!out.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const ready = JSON.parse(out);
    expect(ready).toMatchObject({ ready: true, server: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/) });
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
  });
});
