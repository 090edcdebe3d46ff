/**
 * The incident as shared state (issue 18): Events on the objects each step acted on, the incident record in
 * the namespace, `runbook status` from a machine with no journal, and a take-over after a SIGKILL.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, localize } from '@runbook/core';
import type { KObject, SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.ts';
import { journalOf } from '../helpers/journal.ts';
import { startRunbookSim } from '../helpers/sim.ts';

const runbook = defaultRunbook();
const NS = runbook.meta.namespace;
let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

const tmp = () => mkdtemp(join(tmpdir(), 'runbook-incident-'));
const cluster = (dir: string) => ['--kubeconfig', sim!.kubeconfig, '--incidents-dir', dir];

function kubectl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('/usr/bin/kubectl', ['--kubeconfig', sim!.kubeconfig, ...args], (err, stdout, stderr) =>
      err ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    ),
  );
}

const recordText = (cm: KObject) => (cm.data as Record<string, string>)['incident.json']!;

/** The incident records in the namespace, as the sim stores them. */
function records(): Array<{
  incident: string;
  handovers: unknown[];
  records: Array<{ step: string; outcome: string }>;
}> {
  return sim!
    .list('configmap', NS)
    .filter((cm) => cm.metadata.labels?.['runbook.dev/incident-record'] === 'true')
    .map((cm) => JSON.parse(recordText(cm)));
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; !(await check()); i++) {
    if (i > 600) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the incident in the cluster', () => {
  it('emergency leaves its steps as Events in order, and status from another machine shows them', async () => {
    sim = await startRunbookSim(runbook, { readyDelayMs: 150, faults: { green: { errorRate: 0.2 } } });
    const dir = await tmp();
    const run = await runCli(['emergency', '--yes', '--lang', 'en', ...cluster(dir)]);
    expect(run.code, run.stderr).toBe(0);
    const journal = (await journalOf(dir)).filter((r) => r.outcome !== 'started' && r.step !== 'run');
    const [id] = await readdir(dir);

    const table = await kubectl([
      'get',
      'events',
      '-n',
      NS,
      '--field-selector',
      'source=runbook',
      '-o',
      'json',
    ]);
    const events = JSON.parse(table).items.filter((e: { message: string }) => e.message.includes(id!));
    const steps = events.map(
      (e: { message: string }) => /: (\S+) (?:ok|failed|skipped|started)/.exec(e.message)![1],
    );
    // One event per step (the switch: one per Service it switched), in the order of the journal.
    const expected = journal.flatMap((r) =>
      r.step.endsWith('switch-traffic') ? runbook.meta.apps.map(() => r.step) : [r.step],
    );
    expect(steps.filter((s: string) => s !== 'run')).toEqual(expected);
    const described = await kubectl(['describe', 'service', runbook.meta.apps[0]!.service, '-n', NS]);
    expect(described).toMatch(/Normal\s+RunbookSwitchTraffic\s+\S+\s+runbook\s+incident /);

    const elsewhere = await tmp();
    const status = await runCli(['status', '--lang', 'en', ...cluster(elsewhere)]);
    expect(status.code, status.stderr).toBe(0);
    expect(await readdir(elsewhere)).toEqual([]);
    expect(status.stdout).toContain(`incident ${id} · emergency · ok after`);
    for (const r of journal) expect(status.stdout).toMatch(new RegExp(`^${r.step} +${r.outcome} `, 'm'));
    const level = runbook.escalation.find((l) => l.fromMinutes === 0)!;
    expect(status.stdout).toContain(`escalation: level ${level.level} — ${localize(level.label, 'en')}`);
    expect(status.stdout).toMatch(/^api +\S+ +blue +\d+\/\d+ +\d+\/\d+$/m);

    const json = JSON.parse((await runCli(['status', '--json', ...cluster(elsewhere)])).stdout);
    expect(json.incident.steps.map((s: { step: string }) => s.step)).toEqual(journal.map((r) => r.step));
    expect(json.lock).toBeNull();
  });

  it('a rollback SIGKILLed on one machine is resumed from another with no journal, and completes', async () => {
    sim = await startRunbookSim(runbook, { readyDelayMs: 3000 });
    const first = await tmp();
    const child = spawn(process.execPath, [BIN, 'rollback', 'native', '--yes', ...cluster(first)], {
      stdio: 'ignore',
    });
    // Killed once the cluster's copy has the run inside its wait.
    await until(
      () => records().some((r) => r.records.some((x) => x.step === 'wait-api' && x.outcome === 'started')),
      'the record shows the wait',
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const [id] = await readdir(first);

    const second = await tmp();
    const r = await runCli(['rollback', 'native', '--yes', '--resume', id!, ...cluster(second)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`incident ${id}: taken over from \\S+@\\S+/${child.pid} `));
    expect(r.stderr).toMatch(/took over the stale lease/);
    const after = await journalOf(second);
    // The first machine's records came first, then this run's: the undo done there is not done twice.
    expect(after.filter((x) => x.step === 'undo-api').map((x) => x.outcome)).toEqual(['ok', 'skipped']);
    expect(after.find((x) => x.step === 'take-over')?.details).toMatchObject({
      to: expect.stringMatching(/@/),
    });
    expect(after.at(-1)).toMatchObject({ step: 'run', outcome: 'ok' });
    expect(sim.get('deployment', NS, 'marketplace-api')!.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/topsteel/marketplace-api:v1.2.3',
    );
    await until(() => records()[0]?.handovers.length === 1, 'the record names the hand-over');
    const lockEvents = await kubectl(['get', 'events', '-n', NS, '--field-selector', 'reason=RunbookLock']);
    expect(lockEvents).toMatch(new RegExp(`lock ok in \\d+ ms: \\S+/${child.pid} → `));
  });

  it('a record edited into another shape is refused with one line by status and by a take-over, nothing run', async () => {
    sim = await startRunbookSim(runbook, { readyDelayMs: 150 });
    const dir = await tmp();
    expect((await runCli(['rollback', 'blue-green', '--yes', ...cluster(dir)])).code).toBe(0);
    const [id] = await readdir(dir);
    const name = `runbook-incident-${id}`;
    const data = JSON.parse(recordText(sim.get('configmap', NS, name)!));
    data.records[0].outcome = 'done';
    await kubectl([
      'patch',
      'configmap',
      name,
      '-n',
      NS,
      '--type',
      'merge',
      '-p',
      JSON.stringify({ data: { 'incident.json': JSON.stringify(data) } }),
    ]);

    const status = await runCli(['status', '--incident', id!, ...cluster(await tmp())]);
    expect(status.code).toBe(3);
    expect(status.stderr).toMatch(
      new RegExp(`^error: configmap/${name}: records\\.0\\.outcome: .*not trusted$`, 'm'),
    );
    const before = sim.requestLog.filter((x) => x.method !== 'GET').length;
    const resume = await runCli([
      'rollback',
      'blue-green',
      '--yes',
      '--resume',
      id!,
      ...cluster(await tmp()),
    ]);
    expect(resume.code).toBe(3);
    expect(resume.stderr).toContain('not trusted');
    expect(sim.requestLog.filter((x) => x.method !== 'GET').length).toBe(before);
  });

  it('status --watch, piped, prints a new block when the traffic changes; bad flags are usage errors', async () => {
    sim = await startRunbookSim(runbook, { readyDelayMs: 150 });
    const child = spawn(
      process.execPath,
      [BIN, 'status', '--watch', '--interval', '100ms', ...cluster(await tmp())],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      await until(() => /^api +\S+ +green /m.test(out), 'the first block');
      expect(out).toContain(`no incident recorded in namespace ${NS}`);
      expect((await runCli(['rollback', 'blue-green', '--yes', ...cluster(await tmp())])).code).toBe(0);
      await until(() => /^api +\S+ +blue /m.test(out), 'a block with the traffic on blue');
      expect(out.match(/^lock: /gm)!.length).toBeGreaterThanOrEqual(2);
    } finally {
      child.kill('SIGINT');
    }
    const bad = await runCli(['status', '--interval', 'soon', ...cluster(await tmp())]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --interval: /m);
    const none = await runCli(['status', '--incident', 'nope-1', ...cluster(await tmp())]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: --incident: no record of incident "nope-1" in namespace /m);
  });
});
