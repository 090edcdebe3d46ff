/** The fault-injection proxy in front of the sim: each action as real kubectl and client-node see it. */
import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, respondStatus, type SimCluster, startFaultProxy } from '../src/index.ts';
import { kubeconfigYaml } from '../src/kubeconfig.ts';
import { fastCluster, until } from './helpers.ts';

const namespace = 'topsteel-marketplace';
const svcPath = `/api/v1/namespaces/${namespace}/services/marketplace-api-service`;
let sim: SimCluster | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await sim?.stop();
  proxy = undefined;
  sim = undefined;
});

async function setup(): Promise<{ sim: SimCluster; proxy: FaultProxy; core: CoreV1Api; kc: KubeConfig }> {
  sim = await fastCluster();
  proxy = await startFaultProxy({ upstream: sim.server });
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml(proxy.url, namespace));
  return { sim, proxy, core: kc.makeApiClient(CoreV1Api), kc };
}

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const patch = (core: CoreV1Api, color: string) =>
  core.patchNamespacedService(
    {
      name: 'marketplace-api-service',
      namespace,
      body: { spec: { selector: { app: 'marketplace-api', version: color } } },
    },
    merge,
  );

describe('fault proxy', () => {
  it('forwards what no rule matches and logs it', async () => {
    const { core, proxy } = await setup();
    const svc = await core.readNamespacedService({ name: 'marketplace-api-service', namespace });
    expect(svc.metadata?.name).toBe('marketplace-api-service');
    expect(proxy.requests()).toEqual([
      expect.objectContaining({ method: 'GET', path: svcPath, action: 'forward', status: 200 }),
    ]);
  });

  it('answers a Kubernetes Status on the nth matching request only', async () => {
    const { core, proxy, sim } = await setup();
    proxy.setRules([{ method: 'PATCH', path: svcPath, nth: 2, action: respondStatus(409, 'conflict here') }]);
    await patch(core, 'blue');
    const err = await patch(core, 'green').catch((e: unknown) => e as { code: number; body: string });
    expect(err).toMatchObject({ code: 409 });
    expect(JSON.parse((err as { body: string }).body)).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      message: 'conflict here',
    });
    expect(sim.get('service', namespace, 'marketplace-api-service')?.spec).toMatchObject({
      selector: { version: 'blue' },
    });
    await patch(core, 'green');
    expect(proxy.requests().map((r) => r.status)).toEqual([200, 409, 200]);
  });

  it('drops the connection', async () => {
    const { core, proxy } = await setup();
    proxy.setRules([{ path: /\/services\//, action: { kind: 'drop' } }]);
    await expect(
      core.readNamespacedService({ name: 'marketplace-api-service', namespace }),
    ).rejects.toThrow();
    expect(proxy.requests()[0]?.action).toBe('drop');
  });

  it('hangs until the client aborts, and close() ends hung requests', async () => {
    const { proxy } = await setup();
    proxy.setRules([{ method: 'GET', path: '/version', action: { kind: 'hang' } }]);
    const ac = new AbortController();
    const hung = fetch(`${proxy.url}/version`, { signal: ac.signal });
    await until(() => proxy.requests().length === 1);
    ac.abort();
    await expect(hung).rejects.toThrow(/abort/i);
    const second = fetch(`${proxy.url}/version`);
    await until(() => proxy.requests().length === 2);
    await proxy.close();
    await expect(second).rejects.toThrow();
  });

  it('delays then forwards', async () => {
    const { proxy } = await setup();
    proxy.setRules([{ path: '/version', action: { kind: 'delay', ms: 50 } }]);
    const res = await fetch(`${proxy.url}/version`);
    expect(res.status).toBe(200);
    expect(proxy.requests()[0]).toMatchObject({ action: 'delay', status: 200 });
  });

  it('runs the after hook before the client gets the answer', async () => {
    const { core, proxy, sim } = await setup();
    proxy.setRules([
      { method: 'PATCH', path: svcPath, nth: 1, action: { kind: 'pass', after: () => sim.stop() } },
    ]);
    await patch(core, 'blue');
    // The upstream is gone by the time the first answer arrived: the next call finds the connection dropped.
    await expect(patch(core, 'green')).rejects.toThrow();
    expect(proxy.requests()[1]?.error).toMatch(/ECONNREFUSED/);
  });

  it('passes watch streams through', async () => {
    const { proxy, kc, core } = await setup();
    const events: string[] = [];
    const watch = new Watch(kc);
    const req = await watch.watch(
      `/api/v1/namespaces/${namespace}/services`,
      {},
      (type, obj: { spec?: { selector?: Record<string, string> } }) =>
        events.push(`${type} ${obj.spec?.selector?.version}`),
      () => {},
    );
    await until(() => events.length > 0);
    await patch(core, 'blue');
    await until(() => events.includes('MODIFIED blue'));
    req.abort();
    expect(proxy.requests().some((r) => r.query.includes('watch=true'))).toBe(true);
  });
});
