/**
 * `--resume` re-reads the cluster (issue 14): checks and verifications always run again, a completed effect is
 * skipped only while the cluster still shows it, and a resumed run must have the incident's flags.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { Journal } from '../../src/journal.ts';
import { blueGreenRollback } from '../../src/procedures/blue-green.ts';
import { closeJournals, makeDeps, NS, selectorOf, startSim, webhookReceiver } from './setup.ts';

let sim: SimCluster;
afterEach(async () => {
  await closeJournals();
  await sim?.stop();
});

const tmp = () => mkdtemp(join(tmpdir(), 'runbook-resume-'));
const cluster = (dir: string) => ['--kubeconfig', sim.kubeconfig, '--incidents-dir', dir];
const image = (name: string) => sim.get('deployment', NS, name)?.spec.template.spec.containers[0].image;
const writes = (what: string) =>
  sim.requestLog.filter((r) => r.method !== 'GET' && r.path.includes(`/${what}/`)).length;

async function journalOf(dir: string, id: string): Promise<Array<{ step: string; outcome: string }>> {
  const text = await readFile(join(dir, id, 'journal.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Outcomes of one step in the last run of the journal (after its last `run started`). */
async function lastRun(dir: string, id: string, step: string): Promise<string[]> {
  const records = await journalOf(dir, id);
  const start = records.findLastIndex((r) => r.step === 'run' && r.outcome === 'started');
  return records
    .slice(start)
    .filter((r) => r.step === step)
    .map((r) => r.outcome);
}

async function patch(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${sim.server}${path}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

async function until(what: string, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A `rollback blue-green` journal as a crash leaves it right after the readiness check: the real procedure on
 * the sim, stopped where it asks to confirm the switch (no run end, no switch).
 */
async function crashedBeforeSwitch(dir: string): Promise<string> {
  const journal = await Journal.open({
    baseDir: dir,
    command: 'rollback blue-green',
    // What the CLI records for `rollback blue-green --deadline 2s` on the sim.
    inputs: { to: 'blue', deadlineMs: 2000, namespace: NS, context: 'sim', env: 'sim', dryRun: false },
  });
  const crash = Object.assign(
    async () => {
      throw new Error('crash');
    },
    { refusesAll: false },
  );
  const deps = await makeDeps(sim, { journal, confirm: crash });
  await expect(blueGreenRollback(deps, { to: 'blue', deadlineMs: 2000, lockHeld: true })).rejects.toThrow(
    'crash',
  );
  expect((await journalOf(dir, journal.id)).map((r) => `${r.step}:${r.outcome}`)).toContain(
    'check-target-ready:ok',
  );
  return journal.id;
}

describe('rollback --resume re-reads the cluster (issue 14)', () => {
  it('blue-green: blue scaled to 0 after the crash, the resume refuses (exit 3) and leaves the selectors', async () => {
    sim = await startSim();
    const dir = await tmp();
    const id = await crashedBeforeSwitch(dir);
    await patch(`/apis/apps/v1/namespaces/${NS}/deployments/marketplace-api-blue`, { spec: { replicas: 0 } });
    await until(
      'blue scaled to 0',
      () => !sim.get('deployment', NS, 'marketplace-api-blue')?.status?.readyReplicas,
    );
    const servicesWritten = writes('services');
    const r = await runCli([
      'rollback',
      'blue-green',
      '--deadline',
      '2s',
      '--yes',
      '--resume',
      id,
      ...cluster(dir),
    ]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(
      /^error: refusing to switch to blue: marketplace-api-blue has 0\/0 replicas Ready/m,
    );
    expect(r.stderr).not.toContain('✓ marketplace-api-blue');
    expect(writes('services')).toBe(servicesWritten);
    expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('green');
    expect(selectorOf(sim, 'marketplace-web-service')?.version).toBe('green');
    expect(await lastRun(dir, id, 'check-target-ready')).toEqual(['started', 'failed']);
  });

  it('blue-green: a finished incident whose traffic went back to green is switched again and verified anew', async () => {
    sim = await startSim();
    const dir = await tmp();
    const first = await runCli(['rollback', 'blue-green', '--yes', ...cluster(dir)]);
    expect(first.code, first.stderr).toBe(0);
    const [id] = await readdir(dir);
    // Resumed while traffic is still on blue: the switch is not redone, every check runs again.
    const servicesWritten = writes('services');
    const still = await runCli(['rollback', 'blue-green', '--yes', '--resume', id!, ...cluster(dir)]);
    expect(still.code, still.stderr).toBe(0);
    expect(writes('services')).toBe(servicesWritten);
    expect(await lastRun(dir, id!, 'switch-traffic')).toEqual(['skipped']);
    expect(await lastRun(dir, id!, 'check-target-ready')).toEqual(['started', 'ok']);
    expect(await lastRun(dir, id!, 'check-health')).toEqual(['started', 'ok']);

    for (const service of ['marketplace-api-service', 'marketplace-web-service'])
      await patch(`/api/v1/namespaces/${NS}/services/${service}`, {
        spec: { selector: { version: 'green' } },
      });
    const r = await runCli(['rollback', 'blue-green', '--yes', '--resume', id!, ...cluster(dir)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/switch-traffic was done .* but marketplace-api-service selects version=green/);
    expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('blue');
    expect(selectorOf(sim, 'marketplace-web-service')?.version).toBe('blue');
    expect(await lastRun(dir, id!, 'switch-traffic')).toEqual(['started', 'ok']);
    expect(await lastRun(dir, id!, 'wait-endpoints')).toEqual(['started', 'ok']);
  });

  it('version: resuming a v1.2.3 incident with v1.2.2 is a usage error naming TAG (exit 2), nothing changed', async () => {
    sim = await startSim();
    const dir = await tmp();
    const first = await runCli(['rollback', 'version', 'v1.2.3', '--yes', ...cluster(dir)]);
    expect(first.code, first.stderr).toBe(0);
    const [id] = await readdir(dir);
    const deploymentsWritten = writes('deployments');
    const r = await runCli(['rollback', 'version', 'v1.2.2', '--yes', '--resume', id!, ...cluster(dir)]);
    expect(r.code).toBe(2);
    // The run names its target first, then refuses in one error line.
    expect(r.stderr).toBe(
      `rollback version: context sim, namespace topsteel-marketplace, environment sim\nerror: TAG: incident ${id} ran with "v1.2.3", this run has "v1.2.2"; nothing changed\nhint: rerun with the incident's values, or without --resume to start a new incident\n`,
    );
    expect(writes('deployments')).toBe(deploymentsWritten);
    expect(image('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.3');
    expect((await journalOf(dir, id!)).at(-1)).toMatchObject({ step: 'run', outcome: 'ok' });
  });

  it('blue-green: another --to or --namespace than the incident is a usage error naming the flag', async () => {
    sim = await startSim();
    const dir = await tmp();
    const first = await runCli(['rollback', 'blue-green', '--yes', ...cluster(dir)]);
    expect(first.code, first.stderr).toBe(0);
    const [id] = await readdir(dir);
    const to = await runCli([
      'rollback',
      'blue-green',
      '--to',
      'green',
      '--yes',
      '--resume',
      id!,
      ...cluster(dir),
    ]);
    expect(to.code).toBe(2);
    expect(to.stderr).toMatch(
      /^error: --to: incident \S+ ran with "blue", this run has "green"; nothing changed$/m,
    );
    const ns = await runCli([
      'rollback',
      'blue-green',
      '-n',
      'other',
      '--yes',
      '--resume',
      id!,
      ...cluster(dir),
    ]);
    expect(ns.code).toBe(2);
    expect(ns.stderr).toMatch(
      /^error: --namespace: incident \S+ ran with "topsteel-marketplace", this run has "other"/m,
    );
    expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('blue');
  });

  it('native: an undo journaled done but gone from the cluster is not redone blindly (exit 3, nothing changed)', async () => {
    sim = await startSim();
    const dir = await tmp();
    const first = await runCli(['rollback', 'native', '--yes', ...cluster(dir)]);
    expect(first.code, first.stderr).toBe(0);
    const [id] = await readdir(dir);
    // Someone rolls the API forward again after the incident.
    await patch(`/apis/apps/v1/namespaces/${NS}/deployments/marketplace-api`, {
      spec: {
        template: {
          spec: { containers: [{ name: 'api', image: 'ghcr.io/topsteel/marketplace-api:v1.2.4' }] },
        },
      },
    });
    const deploymentsWritten = writes('deployments');
    const r = await runCli(['rollback', 'native', '--yes', '--resume', id!, ...cluster(dir)]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/^error: undo-api: .*marketplace-api now runs .*:v1\.2\.4/m);
    expect(r.stderr).not.toContain('rollback complete');
    expect(writes('deployments')).toBe(deploymentsWritten);
  });
});

describe('emergency --resume re-reads the cluster (issue 14)', () => {
  it('a finished emergency whose traffic went back to green: switched and verified again, the outcome notified again', async () => {
    sim = await startSim({ faults: { green: { errorRate: 0.2 } } });
    const hook = await webhookReceiver();
    const dir = await tmp();
    try {
      const args = ['emergency', '--yes', '--lang', 'en', ...cluster(dir)];
      const env = { SLACK_WEBHOOK: hook.url };
      const first = await runCli(args, { env });
      expect(first.code, first.stderr).toBe(0);
      const [id] = await readdir(dir);
      for (const service of ['marketplace-api-service', 'marketplace-web-service'])
        await patch(`/api/v1/namespaces/${NS}/services/${service}`, {
          spec: { selector: { version: 'green' } },
        });
      const r = await runCli([...args, '--resume', id!], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /switch-traffic was done .* but marketplace-api-service selects version=green/,
      );
      expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('blue');
      expect(await lastRun(dir, id!, 'switch/switch-traffic')).toEqual(['started', 'ok']);
      expect(await lastRun(dir, id!, 'verify')).toEqual(['started', 'ok']);
      // The start notice went out once; each run's outcome is notified.
      expect(hook.messages.map((m) => m.split('\n')[2])).toEqual([
        'Status: Emergency rollback initiated',
        'Status: Rollback completed successfully',
        'Status: Rollback completed successfully',
      ]);
    } finally {
      await hook.close();
    }
  });
});

describe('rollback version refuses a version the runbook does not declare', () => {
  it('exit 3 and nothing changed; --force goes on', async () => {
    sim = await startSim();
    const dir = await tmp();
    const r = await runCli(['rollback', 'version', 'v9.9.9', '--yes', ...cluster(dir)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^error: TAG: v9\.9\.9 is not a version the runbook declares \(v1\.2\.2, v1\.2\.3, v1\.2\.4\); nothing changed\nhint: .*--force/m,
    );
    expect(sim.requestLog.filter((q) => q.method !== 'GET')).toEqual([]);
    const forced = await runCli(['rollback', 'version', 'v9.9.9', '--force', '--dry-run', ...cluster(dir)]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('ghcr.io/topsteel/marketplace-api:v9.9.9');
  });
});
