/**
 * connect(): bad input throws the typed errors the CLI prints for the same mistake (same code, exit code and
 * hint), before anything is written; good input runs a procedure journaled and under the lock.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, InvalidRunbookError, RunbookError } from '@runbook/core';
import type { SimCluster } from '@runbook/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';
import { connect } from '../../src/connect.ts';
import { LEASE_NAME } from '../../src/lock.ts';

let sim: SimCluster;
let dir: string;

beforeAll(async () => {
  sim = await startRunbookSim(defaultRunbook(), { readyDelayMs: 100 });
  dir = await mkdtemp(join(tmpdir(), 'runbook-connect-'));
});
afterAll(() => sim?.stop());

/** What connect() threw, as the fields a caller (and the CLI's main) reads. */
async function thrown(options: Parameters<typeof connect>[0]) {
  const err = await connect({ escalation: false, log: () => {}, ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RunbookError);
  const e = err as RunbookError;
  return { code: e.code, exitCode: e.exitCode, hint: e.hint, message: e.message };
}

/** The CLI's answer to the same mistake: its exit code and its error/hint lines. */
async function cli(args: string[]) {
  const r = await runCli(['rollback', 'blue-green', '--to', 'blue', '--incidents-dir', dir, ...args], {
    env: { ...process.env, KUBECONFIG: sim.kubeconfig },
  });
  const error = /^error: (.*)$/m.exec(r.stderr)?.[1];
  const hint = /^hint: (.*)$/m.exec(r.stderr)?.[1];
  return { exitCode: r.code, error, hint, stderr: r.stderr };
}

describe('connect() refuses bad input as the CLI does', () => {
  it('a missing runbook file: E_USAGE, exit 2, naming the option', async () => {
    const missing = join(dir, 'nope.yaml');
    const lib = await thrown({ runbook: missing, kubeconfig: sim.kubeconfig, incidentsDir: dir });
    const bin = await cli(['--runbook', missing]);
    expect(lib).toMatchObject({ code: 'E_USAGE', exitCode: 2 });
    expect(lib.message).toBe(`runbook: cannot read "${missing}" (ENOENT)`);
    expect(bin.exitCode).toBe(lib.exitCode);
    expect(bin.error).toBe(`--${lib.message}`);
    expect(bin.hint).toBe(lib.hint);
  });

  it('an unknown kube context: E_USAGE, exit 2, listing the known ones', async () => {
    const lib = await thrown({ context: 'prod-eu', kubeconfig: sim.kubeconfig, incidentsDir: dir });
    const bin = await cli(['--context', 'prod-eu', '--kubeconfig', sim.kubeconfig]);
    expect(lib).toMatchObject({ code: 'E_USAGE', exitCode: 2 });
    expect(lib.message).toMatch(/^context: no context "prod-eu" in the kubeconfig; known: sim/);
    expect(bin.exitCode).toBe(2);
    expect(bin.error).toBe(`--${lib.message}`);
    expect(bin.hint).toBe(lib.hint);
  });

  it('an invalid namespace: E_USAGE, exit 2, before any request', async () => {
    const before = sim.requestLog.length;
    const lib = await thrown({ namespace: 'Prod_EU', kubeconfig: sim.kubeconfig, incidentsDir: dir });
    const bin = await cli(['--namespace', 'Prod_EU', '--kubeconfig', sim.kubeconfig]);
    expect(lib).toMatchObject({ code: 'E_USAGE', exitCode: 2 });
    expect(lib.message).toBe(
      `namespace: expected a DNS-1123 label (lowercase letters, digits, '-'), got "Prod_EU"`,
    );
    expect(bin.exitCode).toBe(2);
    expect(bin.error).toBe(`--${lib.message}`);
    expect(sim.requestLog.length).toBe(before);
  });

  it('an environment the runbook does not have, and a language it is not written in', async () => {
    expect(await thrown({ env: 'staging', kubeconfig: sim.kubeconfig })).toMatchObject({
      code: 'E_USAGE',
      exitCode: 2,
      message: 'env: unknown environment "staging"; expected one of production, sim',
    });
    expect((await thrown({ lang: 'de', kubeconfig: sim.kubeconfig })).message).toBe(
      `lang: expected fr or en, the runbook's languages; got "de"`,
    );
  });

  it('an invalid runbook: every problem at once, as `runbook check` lists them', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, 'meta:\n  service: x\n');
    const err = await connect({ runbook: file, kubeconfig: sim.kubeconfig, log: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidRunbookError);
    expect((err as InvalidRunbookError).problems.length).toBeGreaterThan(1);
  });

  it('writes no journal when it refuses', async () => {
    const entries = (await readdir(dir)).filter((e) => !e.endsWith('.yaml'));
    expect(entries).toEqual([]);
  });
});

describe('connect() runs procedures as the CLI does', () => {
  it('switches to blue and verifies, journaled, the lock taken and released', async () => {
    const lines: string[] = [];
    const rb = await connect({
      kubeconfig: sim.kubeconfig,
      incidentsDir: dir,
      yes: true,
      escalation: false,
      processEnv: {},
      log: (l) => lines.push(l),
      out: (l) => lines.push(l),
    });
    expect(rb.envName).toBe('sim');
    const switched = await rb.rollback.blueGreen({ to: 'blue' });
    const verified = await rb.verify();
    await rb.close();
    expect(switched.to).toBe('blue');
    expect(verified.ok).toBe(true);
    for (const app of rb.runbook.meta.apps)
      expect(sim.get('service', rb.kube.namespace, app.service)?.spec?.selector?.version).toBe('blue');
    const journal = await readFile(join(dir, rb.incident, 'journal.jsonl'), 'utf8');
    const steps = journal
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).step);
    expect(steps).toEqual(expect.arrayContaining(['run', 'switch-traffic', 'verify']));
    // The Lease was created for the switch and deleted after it.
    const leaseWrites = sim.requestLog
      .filter((r) => r.path.includes(`/leases`) && r.method !== 'GET')
      .map((r) => r.method);
    expect(leaseWrites).toEqual(expect.arrayContaining(['POST', 'DELETE']));
    expect(sim.get('lease', rb.kube.namespace, LEASE_NAME)).toBeUndefined();
  });
});
