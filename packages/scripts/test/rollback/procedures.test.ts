/** Native rollback, version pin, capture and emergency, end to end against the sim. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimCluster } from '@runbook/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { captureState } from '../../src/procedures/capture-state.ts';
import { emergency } from '../../src/procedures/emergency.ts';
import { nativeRollback } from '../../src/procedures/native.ts';
import { verify } from '../../src/procedures/verify.ts';
import { versionRollback } from '../../src/procedures/version.ts';
import { closeJournals, makeDeps, mutations, NS, selectorOf, startSim, webhookReceiver } from './setup.ts';

let sim: SimCluster;
afterEach(async () => {
  await closeJournals();
  await sim?.stop();
});

const image = (name: string) => sim.get('deployment', NS, name)?.spec.template.spec.containers[0].image;

describe('procedures against the sim', () => {
  it('native rollback undoes one revision, as kubectl does, and waits for the rollout', async () => {
    sim = await startSim();
    const deps = await makeDeps(sim);
    const r = await nativeRollback(deps);
    expect(r.apps.map((a) => [a.fromRevision, a.toRevision])).toEqual([
      [3, 2],
      [3, 2],
    ]);
    expect(image('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.3');
    const d = sim.get('deployment', NS, 'marketplace-web')!;
    expect(d.status.updatedReplicas).toBe(2);
    expect(d.status.availableReplicas).toBe(2);
    expect(d.status.replicas).toBe(2);
    const patch = sim.requestLog.find(
      (q) => q.method === 'PATCH' && q.path.endsWith('/deployments/marketplace-api'),
    );
    expect(patch).toBeDefined();
    expect(deps.logs.some((l) => l.includes('successfully rolled out'))).toBe(true);
    // --to-revision 1 reaches v1.2.2.
    await nativeRollback(await makeDeps(sim), { toRevision: 1 });
    expect(image('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.2');
  });

  it('version pin sets both images and waits; a malformed tag changes nothing', async () => {
    sim = await startSim();
    const deps = await makeDeps(sim);
    await expect(versionRollback(deps, { tag: 'v1;rm -rf /' })).rejects.toMatchObject({ exitCode: 2 });
    expect(mutations(sim)).toEqual([]);
    await versionRollback(deps, { tag: 'v1.2.2' });
    expect(image('marketplace-api')).toBe('ghcr.io/topsteel/marketplace-api:v1.2.2');
    expect(image('marketplace-web')).toBe('ghcr.io/topsteel/marketplace-web:v1.2.2');
    expect(sim.get('deployment', NS, 'marketplace-api')!.status.updatedReplicas).toBe(3);
  });

  it('capture-state writes YAML and logs, and never a secret', async () => {
    sim = await startSim();
    const deps = await makeDeps(sim);
    // A secret-looking env value in the pod template must not reach the capture.
    const res = await fetch(`${sim.server}/apis/apps/v1/namespaces/${NS}/deployments/marketplace-api-blue`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
      body: JSON.stringify({
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'api',
                  env: [
                    { name: 'DB_PASSWORD', value: 'hunter2-secret' },
                    { name: 'STRIPE_SK', value: 'sk_live_stripe-secret' },
                    { name: 'PORT', value: '8080' },
                  ],
                  command: ['sh', '-c', 'ADMIN_PASSWORD=pw-in-shell-secret exec node server.js --port 8080'],
                  args: ['--db-password=flag-secret', '--api-token', 'pair-secret', '--log-level=debug'],
                },
              ],
            },
          },
        },
      }),
    });
    expect(res.status).toBe(200);
    await deps.kube.waitForRollout('marketplace-api-blue', { deadline: Date.now() + 10_000 });
    // The replaced pods stay Terminating a while after the rollout, as on a real cluster; the capture counted
    // below is of the settled world.
    while (sim.list('pod', NS).some((p) => p.metadata.deletionTimestamp))
      await new Promise((r) => setTimeout(r, 20));
    const r = await captureState(deps, { outBase: deps.dir });
    const all = await Promise.all(r.files.map((f) => readFile(join(r.dir, f), 'utf8')));
    const text = all.join('\n');
    for (const kept of ['DB_PASSWORD', 'STRIPE_SK', '--api-token', '--log-level=debug', '--port 8080'])
      expect(text).toContain(kept);
    expect(text).not.toMatch(/[\w-]*-secret/);
    expect(r.files).toEqual(
      expect.arrayContaining([
        'deployments.yaml',
        'replicasets.yaml',
        'pods.yaml',
        'services.yaml',
        'endpoints.yaml',
        'revisions.yaml',
      ]),
    );
    const revisions = await readFile(join(r.dir, 'revisions.yaml'), 'utf8');
    expect(revisions).toMatch(/revision: 3[\s\S]*v1\.2\.4[\s\S]*sha256:/);
    const logs = await readdir(join(r.dir, 'logs'));
    expect(logs.length).toBe(10);
    expect(await readFile(join(r.dir, 'logs', logs[0]!), 'utf8')).toMatch(/INFO/);
  });

  it('verify fails (exit 4 material) on a faulty green, with ERROR lines found', async () => {
    sim = await startSim({ faults: { green: { errorRate: 0.2 } } });
    await new Promise((r) => setTimeout(r, 600));
    const r = await verify(await makeDeps(sim));
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.check === 'error-logs' && c.app === 'api')?.status).toBe('FAIL');
    expect(r.checks.find((c) => c.check === 'error-rate' && c.app === 'api')?.status).toBe('FAIL');
  });

  it('verify reads the logs of the pods the Service serves from, not of Terminating ones', async () => {
    // Terminating lasts the real 30 s here: the bad version's pod is still there while verify runs.
    sim = await startSim({ faults: { 'v1.2.5': { notReady: true } }, graceScale: 1 });
    const res = await fetch(`${sim.server}/apis/apps/v1/namespaces/${NS}/deployments/marketplace-api`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
      body: JSON.stringify({
        spec: {
          template: {
            spec: { containers: [{ name: 'api', image: 'ghcr.io/topsteel/marketplace-api:v1.2.5' }] },
          },
        },
      }),
    });
    expect(res.status).toBe(200);
    const bad = () => sim.list('pod', NS).filter((p) => p.spec.containers[0].image.endsWith(':v1.2.5'));
    while (!bad().length) await new Promise((r) => setTimeout(r, 20));
    await nativeRollback(await makeDeps(sim));
    const r = await verify(await makeDeps(sim));
    expect(bad().map((p) => Boolean(p.metadata.deletionTimestamp))).toEqual([true]);
    expect(r.checks.find((c) => c.check === 'error-logs' && c.app === 'api')?.status).toBe('PASS');
  });

  it('emergency with a faulty green ends on blue, verified, and both notices reach the webhook', async () => {
    sim = await startSim({ faults: { green: { errorRate: 0.2 } } });
    const hook = await webhookReceiver();
    try {
      const deps = await makeDeps(sim, { webhook: hook.url });
      const r = await emergency(deps, { captureBase: deps.dir });
      expect(r.ok).toBe(true);
      expect(r.exitCode).toBe(0);
      expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('blue');
      expect(selectorOf(sim, 'marketplace-web-service')?.version).toBe('blue');
      expect(hook.messages).toHaveLength(2);
      expect(hook.messages[0]).toMatch(/Emergency rollback initiated/);
      expect(hook.messages[1]).toMatch(/Rollback completed successfully/);
      const journal = await readFile(deps.journal.path, 'utf8');
      expect(journal).not.toContain('s3cr3t-hook-token');
      expect([...deps.logs, ...deps.outs].join('\n')).not.toContain('s3cr3t-hook-token');
    } finally {
      await hook.close();
    }
  });

  it('emergency sends its failure notice when the switch is refused, and exits non-zero', async () => {
    sim = await startSim({ faults: { blue: { notReady: true } } });
    const hook = await webhookReceiver();
    try {
      const deps = await makeDeps(sim, { webhook: hook.url });
      const r = await emergency(deps, { captureBase: deps.dir });
      expect(r.ok).toBe(false);
      expect(r.exitCode).toBe(3);
      expect(hook.messages.at(-1)).toMatch(/Rollback failed – manual intervention required/);
      expect(selectorOf(sim, 'marketplace-api-service')?.version).toBe('green');
    } finally {
      await hook.close();
    }
  });
});
