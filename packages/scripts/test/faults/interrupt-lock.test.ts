/**
 * SIGINT while the rollback holds the Lease: the lock is released on a deadline of its own, not with the
 * run's aborted signal; when the API does not answer the release either, one line names the leftover lock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runProcess } from '../../../../test/helpers/cli.ts';
import { type Faulty, faultySim, interruptedSwitch, NS, SERVICES, until } from './setup.ts';

const LEASE = /\/leases\/runbook-rollback$/;

let f: Faulty | undefined;
afterEach(async () => {
  await f?.stop();
  f = undefined;
});

/** The Lease as kubectl reads it straight from the sim (not through the proxy), or null. */
async function leaseInSim(f: Faulty): Promise<{ spec?: { holderIdentity?: string } } | null> {
  const r = await runProcess(
    'kubectl',
    ['--kubeconfig', f.sim.kubeconfig, '-n', NS, 'get', 'lease', 'runbook-rollback', '-o', 'json'],
    { env: process.env },
  );
  if (r.code !== 0 && /NotFound|not found/.test(r.stderr)) return null;
  if (r.code !== 0) throw new Error(`kubectl get lease: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('the Lease after SIGINT', () => {
  it('SIGINT during a hung PATCH: exit 130 and the Lease is released', async () => {
    f = await faultySim([{ method: 'PATCH', path: SERVICES, action: { kind: 'hang' } }]);
    const { code, stderr } = await interruptedSwitch(f);
    expect(code, stderr).toBe(130);
    expect(f.proxy.requests().some((r) => r.method === 'DELETE' && LEASE.test(r.path))).toBe(true);
    expect(await leaseInSim(f)).toBeNull();
    expect(stderr).not.toMatch(/lock may remain/);
  });

  it('the release hangs too: exit 130, one line names the leftover lock and the command that removes it', async () => {
    f = await faultySim([
      { method: 'PATCH', path: SERVICES, action: { kind: 'hang' } },
      { method: 'DELETE', path: LEASE, action: { kind: 'hang' } },
    ]);
    const { code, stderr } = await interruptedSwitch(f);
    expect(code, stderr).toBe(130);
    // The release was attempted, and given up on: its connection closed by the deadline, not left open.
    const release = f.proxy.requests().find((r) => r.method === 'DELETE' && LEASE.test(r.path));
    expect(release, 'a DELETE of the Lease').toBeDefined();
    await until(() => release?.closedEarly === true, 'the hung DELETE is closed');
    const lines = stderr.split('\n').filter((l) => /lock may remain/.test(l));
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toContain(`kubectl delete lease runbook-rollback -n ${NS} --context sim`);
    expect((await leaseInSim(f))?.spec?.holderIdentity).toMatch(/\/\d+$/);
  });
});
