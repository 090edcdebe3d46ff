/**
 * db-rollback as the subject of `runbook rbac`'s Role: the one procedure that scales the writers down and runs
 * the migration Job, against the real PostgreSQL of 127.0.0.1:5432 (issue 15).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropAll } from '../../packages/scripts/test/db/helpers.ts';
import { type DbSim, makeScenario, startDbSim } from '../../packages/scripts/test/db/sim.ts';
import { runCli } from '../helpers/cli.ts';
import {
  applyAsAdmin,
  DB_ONLY,
  hintFor,
  roleWithout,
  SUBJECT,
  subjectKubeconfig,
  usedAccess,
} from './_setup.ts';

let sim: DbSim;
let role: string;
const created: string[] = [];

beforeAll(async () => {
  sim = await startDbSim({ rbac: { users: [SUBJECT] } });
  const printed = await runCli(['rbac']);
  if (printed.code !== 0) throw new Error(printed.stderr);
  role = printed.stdout;
}, 60_000);
afterAll(async () => {
  await sim?.stop();
  for (const base of created) await dropAll(base);
});

/** `db-rollback --revert-migrations 1` on a fresh database, through the CLI as the Role's subject. */
async function revertAsSubject(tag: string) {
  await sim.reset('v1.2.3');
  const s = await makeScenario(sim, created, tag);
  const kubeconfig = await subjectKubeconfig(sim.cluster, await mkdtemp(join(tmpdir(), 'runbook-rbac-db-')));
  const args = s
    .args(['--revert-migrations', '1'])
    .map((a) => (a === sim.cluster.kubeconfig ? kubeconfig : a));
  const from = sim.cluster.requestLog.length;
  const result = await runCli(args);
  return { result, used: usedAccess(sim.cluster, from) };
}

describe('runbook rbac: db-rollback', () => {
  it('reverts a migration as the subject; it is what needs the scale subresource and the Jobs', async () => {
    await applyAsAdmin(sim.cluster, role);
    const { result, used } = await revertAsSubject('rbacok');
    expect(result.code, result.stderr).toBe(0);
    expect(DB_ONLY.filter((k) => !used.has(k))).toEqual([]);
    expect(sim.jobs.at(-1)).toMatchObject({ exitCode: 0 });
  });

  it('without one of them, it exits 5 with a hint naming the verb and resource', async () => {
    for (const missing of DB_ONLY) {
      await applyAsAdmin(sim.cluster, roleWithout(missing));
      const { result } = await revertAsSubject(`rbac${DB_ONLY.indexOf(missing)}`);
      expect(result.code, `without ${missing}: ${result.stderr}`).toBe(5);
      expect(result.stderr, `without ${missing}`).toContain(hintFor(missing));
    }
  }, 120_000);
});
