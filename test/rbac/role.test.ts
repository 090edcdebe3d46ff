/** `runbook rbac`'s Role on an RBAC sim: every procedure passes as its subject, and needs every rule (issue 15). */
import { defaultRunbook } from '@runbook/core';
import { requiredAccess } from '@runbook/scripts';
import type { SimCluster } from '@runbook/sim';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import {
  accessKey,
  applyAsAdmin,
  DB_ONLY,
  hintFor,
  leaveStaleLease,
  PROCEDURES,
  type Procedure,
  RECORDED,
  rbacSim,
  recordIncidentAsAdmin,
  roleWithout,
  runAsSubject,
  usedAccess,
} from './_setup.ts';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/**
 * Permissions whose refusal warns instead of failing: deleting the Lease comes after the rollback is done, and
 * the incident's copy in the cluster (its Events and record) is best effort, the local journal being the first.
 * Reading one record (`get configmaps`) is not among them: `status --incident` has nothing else to show.
 */
const WARN_ONLY = new Set([
  'delete coordination.k8s.io/leases',
  'create events',
  'create configmaps',
  'update configmaps',
]);

/** Runs one procedure on a fresh RBAC sim whose subject is bound to `roleText`; what it sent, and how it ended. */
async function runWithRole(p: Procedure, roleText: string) {
  sim = await rbacSim();
  await applyAsAdmin(sim, roleText);
  if (p.staleLease) await leaveStaleLease(sim);
  const id = p.recorded ? await recordIncidentAsAdmin(sim) : '';
  const from = sim.requestLog.length;
  const result = await runAsSubject(
    sim,
    p.args.map((a) => (a === RECORDED ? id : a)),
  );
  const used = usedAccess(sim, from);
  await sim.stop();
  sim = undefined;
  return { result, used };
}

describe('runbook rbac', () => {
  /** What each procedure sent, by permission, when run as the subject of the printed Role. */
  const used = new Map<string, Set<string>>();
  const results = new Map<string, { code: number | null; stderr: string }>();

  beforeAll(async () => {
    const role = await runCli(['rbac']);
    if (role.code !== 0) throw new Error(role.stderr);
    for (const p of PROCEDURES) {
      const run = await runWithRole(p, role.stdout);
      results.set(p.name, run.result);
      used.set(p.name, run.used);
    }
  }, 180_000);

  it('every procedure passes through the CLI as the subject of the printed Role', () => {
    for (const p of PROCEDURES) expect(results.get(p.name), p.name).toMatchObject({ code: 0 });
  });

  it('the Role is the union of what the procedures send: nothing missing, nothing unused (drift)', () => {
    const sent = new Set([...used.values()].flatMap((s) => [...s]));
    const role = requiredAccess(defaultRunbook()).map(accessKey);
    expect([...sent].filter((k) => !role.includes(k))).toEqual([]);
    expect(role.filter((k) => !sent.has(k)).sort()).toEqual([...DB_ONLY].sort());
  });

  it('without any one of its permissions, the procedure that needs it exits 5 with a hint naming the verb and resource', async () => {
    const needs = new Map<string, Procedure>();
    for (const p of PROCEDURES) for (const k of used.get(p.name) ?? []) if (!needs.has(k)) needs.set(k, p);
    expect(needs.size).toBeGreaterThan(10);
    for (const [missing, p] of needs) {
      const { result } = await runWithRole(p, roleWithout(missing));
      const code = WARN_ONLY.has(missing) ? 0 : 5;
      expect(result.code, `${p.name} without ${missing}: ${result.stderr}`).toBe(code);
      expect(result.stderr, `${p.name} without ${missing}`).toContain(hintFor(missing));
    }
  }, 300_000);
});
