/** Blue-green against the sim: refusals change nothing, a failed patch is undone, success is verified fast. */
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireRollbackLock, LEASE_NAME } from '../../src/lock.ts';
import { blueGreenRollback } from '../../src/procedures/blue-green.ts';
import { closeJournals, makeDeps, mutations, NS, selectorOf, startSim } from './setup.ts';

let sim: SimCluster;
afterEach(async () => {
  await closeJournals();
  await sim?.stop();
});

const API = 'marketplace-api-service';
const WEB = 'marketplace-web-service';

describe('rollback blue-green', () => {
  it('switches both services, waits for blue endpoints and health, and journals each step', async () => {
    sim = await startSim();
    const deps = await makeDeps(sim);
    const r = await blueGreenRollback(deps, { to: 'blue' });
    expect(selectorOf(sim, API)).toEqual({ app: 'marketplace-api', version: 'blue' });
    expect(selectorOf(sim, WEB)).toEqual({ app: 'marketplace-web', version: 'blue' });
    const ep = sim.get('endpoints', NS, API) as unknown as {
      subsets: Array<{ addresses: Array<{ targetRef: { name: string } }> }>;
    };
    const names = ep.subsets.flatMap((s) => s.addresses.map((a) => a.targetRef.name));
    expect(names.length).toBe(3);
    expect(names.every((n: string) => n.startsWith('marketplace-api-blue-'))).toBe(true);
    expect(r.health.map((h) => h.status)).toEqual([200, 200]);
    const steps = deps.journal
      .history()
      .filter((x) => x.outcome === 'ok')
      .map((x) => x.step);
    expect(steps).toEqual([
      'lock',
      'check-target-ready',
      'record-selectors',
      'switch-traffic',
      'wait-endpoints',
      'check-health',
    ]);
    expect(sim.get('lease', NS, LEASE_NAME)).toBeUndefined();
  });

  it('refuses when blue is not ready, and both selectors stay unchanged', async () => {
    sim = await startSim({ faults: { blue: { notReady: true } } });
    const deps = await makeDeps(sim);
    await expect(blueGreenRollback(deps, { to: 'blue' })).rejects.toMatchObject({
      code: 'E_NOT_READY',
      exitCode: 3,
    });
    expect(selectorOf(sim, API)?.version).toBe('green');
    expect(selectorOf(sim, WEB)?.version).toBe('green');
    expect(mutations(sim).filter((m) => m.path.includes('/services/'))).toEqual([]);
    expect(
      deps.journal.history().some((x) => x.step === 'check-target-ready' && x.outcome === 'failed'),
    ).toBe(true);
  });

  it('a fault on the second service PATCH leaves both services on the old colour', async () => {
    sim = await startSim();
    sim.injectRequestFault({
      method: 'PATCH',
      path: `/api/v1/namespaces/${NS}/services/${WEB}`,
      status: 500,
      message: 'etcd timeout',
    });
    const deps = await makeDeps(sim);
    await expect(blueGreenRollback(deps, { to: 'blue' })).rejects.toMatchObject({ exitCode: 5 });
    expect(selectorOf(sim, API)?.version).toBe('green');
    expect(selectorOf(sim, WEB)?.version).toBe('green');
    // The API service was switched, then put back.
    expect(mutations(sim).filter((m) => m.path.endsWith(`/services/${API}`)).length).toBe(2);
    expect(deps.logs.join('\n')).toMatch(/restored to its previous selector/);
  });

  it('--dry-run prints the exact calls and their kubectl equivalents, and changes nothing', async () => {
    sim = await startSim();
    const deps = await makeDeps(sim, { dryRun: true });
    await blueGreenRollback(deps, { to: 'blue' });
    expect(mutations(sim)).toEqual([]);
    const out = deps.outs.join('\n');
    expect(out).toContain(`PATCH /api/v1/namespaces/${NS}/services/${API}  (application/merge-patch+json)`);
    expect(out).toContain('{"spec":{"selector":{"version":"blue"}}}');
    expect(out).toContain(
      `kubectl patch service ${WEB} -n ${NS} --type merge -p '{"spec":{"selector":{"version":"blue"}}}'`,
    );
  });

  it('refuses a second rollback while the lock is held, naming the holder', async () => {
    sim = await startSim();
    const deps = await makeDeps(sim);
    const lock = await acquireRollbackLock(deps.kube, { identity: 'alice@ops-laptop/4242' });
    const err = await blueGreenRollback(deps, { to: 'blue' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'E_LOCKED', exitCode: 3 });
    expect(err.message).toMatch(/alice@ops-laptop\/4242, since \d{4}-\d\d-\d\dT/);
    expect(selectorOf(sim, API)?.version).toBe('green');
    await lock.release();
    await blueGreenRollback(deps, { to: 'blue' });
    expect(selectorOf(sim, API)?.version).toBe('blue');
  });

  it('takes over a lease past its duration', async () => {
    sim = await startSim();
    const deps = await makeDeps(sim);
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    await deps.kube.createLease({
      metadata: { name: LEASE_NAME },
      spec: { holderIdentity: 'bob@elsewhere/1', acquireTime: old, renewTime: old, leaseDurationSeconds: 60 },
    });
    const lock = await acquireRollbackLock(deps.kube);
    expect(lock.tookOverFrom).toBe('bob@elsewhere/1');
    await lock.release();
    expect(sim.get('lease', NS, LEASE_NAME)).toBeUndefined();
  });

  it('releases only the Lease it wrote: one taken over meanwhile stays; one only renewed since is deleted', async () => {
    sim = await startSim();
    const deps = await makeDeps(sim);
    const taken = await acquireRollbackLock(deps.kube, { identity: 'alice@ops-laptop/1' });
    const lease = await deps.kube.getLease(LEASE_NAME);
    await deps.kube.replaceLease(LEASE_NAME, {
      ...lease!,
      spec: { ...lease!.spec, holderIdentity: 'bob@ops-2/2' },
    });
    await taken.release();
    expect(sim.get('lease', NS, LEASE_NAME)?.spec?.holderIdentity).toBe('bob@ops-2/2');
    await deps.kube.deleteLease(LEASE_NAME);

    const renewed = await acquireRollbackLock(deps.kube, { identity: 'alice@ops-laptop/1' });
    const mine = await deps.kube.getLease(LEASE_NAME);
    // The resourceVersion moves, as a renewal this run still had in flight would move it.
    await deps.kube.replaceLease(LEASE_NAME, {
      ...mine!,
      spec: { ...mine!.spec, renewTime: mine!.spec!.acquireTime },
    });
    await renewed.release();
    expect(sim.get('lease', NS, LEASE_NAME)).toBeUndefined();
  });
});
