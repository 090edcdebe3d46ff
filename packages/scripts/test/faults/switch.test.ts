/** rollback blue-green through a fault-injection proxy: the API failing or the target dying mid-switch. */

import { respondStatus } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { API, type Faulty, faultySim, journalOf, NS, SERVICES, selectorOf, WEB } from './setup.ts';

let f: Faulty | undefined;
afterEach(async () => {
  await f?.stop();
  f = undefined;
});

const patches = (f: Faulty) =>
  f.proxy.requests().filter((r) => r.method === 'PATCH' && SERVICES.test(r.path));

describe('blue-green switch under API faults', () => {
  it('API down between the two patches: half switch reported with the exact fix, exit 5', async () => {
    f = await faultySim();
    const sim = f.sim;
    f.proxy.setRules([
      // The first patch lands, then the API server goes away before the second one reaches it.
      { method: 'PATCH', path: SERVICES, nth: 1, action: { kind: 'pass', after: () => sim.stop() } },
      { method: 'PATCH', path: SERVICES, nth: 2, action: { kind: 'drop' } },
    ]);
    const r = await runCli(['rollback', 'blue-green', '--yes', ...f.flags]);
    expect(r.code, r.stderr).toBe(5);
    const [first] = patches(f);
    const switched = first!.path.endsWith(API) ? API : WEB;
    const other = switched === API ? WEB : API;
    expect(selectorOf(sim, switched)?.version).toBe('blue');
    expect(selectorOf(sim, other)?.version).toBe('green');
    expect(r.stderr).toMatch(/traffic may be half switched/);
    // The fix is the exact command that puts each service back, runnable as printed.
    for (const [svc, app] of [
      [API, 'marketplace-api'],
      [WEB, 'marketplace-web'],
    ])
      expect(r.stderr).toContain(
        `kubectl patch service ${svc} -n ${NS} --type merge -p '{"spec":{"selector":{"app":"${app}","version":"green"}}}'`,
      );
    const journal = await journalOf(f.dir);
    expect(journal.find((l) => l.step === 'switch-traffic' && l.outcome === 'failed')?.details).toMatchObject(
      {
        code: 'E_HALF_SWITCHED',
      },
    );
    expect(journal.at(-1)).toMatchObject({ step: 'run', outcome: 'failed', details: { exitCode: 5 } });
  });

  it('a 409 on one patch: the other service is restored, traffic unchanged, exit 5', async () => {
    f = await faultySim([{ method: 'PATCH', path: SERVICES, nth: 1, action: respondStatus(409) }]);
    const r = await runCli(['rollback', 'blue-green', '--yes', ...f.flags]);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toMatch(/answered 409 Conflict/);
    expect(r.stderr).toMatch(/every service restored to its previous selector: traffic unchanged/);
    expect(selectorOf(f.sim, API)?.version).toBe('green');
    expect(selectorOf(f.sim, WEB)?.version).toBe('green');
    // Two switch patches, then two restores.
    expect(patches(f).map((p) => p.status)).toEqual([409, 200, 200, 200]);
  });
});

describe('blue-green switch when the target dies (defect 5)', () => {
  it('blue unready right after the switch: selectors restored and verified, said and journaled, exit 4', async () => {
    f = await faultySim();
    const sim = f.sim;
    f.proxy.setRules([
      {
        method: 'PATCH',
        path: SERVICES,
        nth: 2,
        action: { kind: 'pass', after: () => sim.setFault('blue', { notReady: true }) },
      },
    ]);
    const r = await runCli(['rollback', 'blue-green', '--yes', '--deadline', '20s', ...f.flags]);
    expect(r.code, r.stderr).toBe(4);
    expect(selectorOf(sim, API)?.version).toBe('green');
    expect(selectorOf(sim, WEB)?.version).toBe('green');
    expect(r.stderr).toMatch(/no ready endpoint on blue/);
    expect(r.stderr).toMatch(/restored to green/);
    const journal = await journalOf(f.dir);
    expect(journal.find((l) => l.step === 'restore-selectors' && l.outcome === 'ok')?.details).toMatchObject({
      restored: {
        [API]: { app: 'marketplace-api', version: 'green' },
        [WEB]: { app: 'marketplace-web', version: 'green' },
      },
    });
    expect(journal.at(-1)).toMatchObject({ step: 'run', outcome: 'failed', details: { exitCode: 4 } });
    expect(r.stderr).toContain(`hint: see why blue is not ready: kubectl get pods -n ${NS} -l version=blue`);
  });

  it('blue unready and the restore refused: the exact commands printed back, exit 5', async () => {
    f = await faultySim();
    const { sim, proxy } = f;
    const dieAndRefuse = () => {
      sim.setFault('blue', { notReady: true });
      proxy.setRules([{ method: 'PATCH', path: SERVICES, action: respondStatus(503) }]);
    };
    proxy.setRules([
      { method: 'PATCH', path: SERVICES, nth: 2, action: { kind: 'pass', after: dieAndRefuse } },
    ]);
    const r = await runCli(['rollback', 'blue-green', '--yes', '--deadline', '20s', ...f.flags]);
    expect(r.code, r.stderr).toBe(5);
    expect(selectorOf(sim, API)?.version).toBe('blue');
    expect(r.stderr).toMatch(/target dead after the switch \(.*no ready endpoint on blue.*\) AND restoring/);
    expect(r.stderr).toContain(
      `kubectl patch service ${API} -n ${NS} --type merge -p '{"spec":{"selector":{"app":"marketplace-api","version":"green"}}}'`,
    );
    const journal = await journalOf(f.dir);
    expect(
      journal.find((l) => l.step === 'restore-selectors' && l.outcome === 'failed')?.details,
    ).toMatchObject({
      code: 'E_HALF_SWITCHED',
    });
  });
});
