/** Graceful pod deletion seen through real kubectl: Terminating for the grace period, out of the endpoints at once. */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimCluster } from '../src/index.ts';
import type { StoreEvent } from '../src/store.ts';
import { fastCluster, kubectl, kubectlOk, kubectlYaml, until } from './helpers.ts';

let sim: SimCluster;
afterEach(async () => {
  await sim?.stop();
});

const apiPods = () =>
  sim
    .list('pod', sim.namespace)
    .filter((p) => p.metadata.labels?.app === 'marketplace-api' && p.metadata.labels.version === 'green');

describe('pod deletion', () => {
  it('a deleted pod is Terminating, unready and out of the endpoints, then DELETED once its grace is over', async () => {
    // 30 s of grace become 1.5 s: long enough for kubectl to see the pod Terminating.
    sim = await fastCluster({ graceScale: 0.05 });
    const name = apiPods()[0]!.metadata.name!;
    const events: StoreEvent[] = [];
    const stop = sim.store.subscribe((e) => {
      if (e.resource.kind === 'Pod' && e.object.metadata.name === name) events.push(e);
    });
    await kubectlOk(sim, ['delete', 'pod', name, '--wait=false']);
    const pod = await kubectlYaml(sim, ['get', 'pod', name]);
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(Date.parse(pod.metadata.deletionTimestamp)).toBeGreaterThan(Date.now() + 20_000);
    const table = await kubectlOk(sim, ['get', 'pod', name, '--no-headers']);
    expect(table.split(/\s+/)[2]).toBe('Terminating');
    await until(() => {
      const ready = sim
        .get('pod', sim.namespace, name)
        ?.status.conditions.find((c: { type: string }) => c.type === 'Ready');
      if (ready?.status !== 'False') return false;
      const ep = sim.get('endpoints', sim.namespace, 'marketplace-api-service')!;
      const subset = (ep.subsets as Array<{ addresses?: Array<{ targetRef: { name: string } }> }>)[0]!;
      return (
        (subset.addresses ?? []).length === 3 && subset.addresses!.every((a) => a.targetRef.name !== name)
      );
    });
    // The ReplicaSet replaced it at once: a Terminating pod is not active.
    expect(apiPods().filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(3);
    await until(() => !sim.get('pod', sim.namespace, name), 10_000);
    stop();
    expect(events[0]).toMatchObject({
      type: 'MODIFIED',
      object: { metadata: { deletionGracePeriodSeconds: 30 } },
    });
    expect(events.at(-1)!.type).toBe('DELETED');
  });

  it('--grace-period=0 --force removes the pod at once; a plain delete waits until it is gone', async () => {
    sim = await fastCluster({ graceScale: 0.05 });
    const [first, second] = apiPods().map((p) => p.metadata.name!);
    const forced = await kubectl(sim, ['delete', 'pod', first!, '--grace-period=0', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`pod "${first}" force deleted`);
    expect(sim.get('pod', sim.namespace, first!)).toBeUndefined();
    await kubectlOk(sim, ['delete', 'pod', second!]);
    expect(sim.get('pod', sim.namespace, second!)).toBeUndefined();
  });

  it('scale-down leaves Terminating pods that the status counts no more', async () => {
    sim = await fastCluster({ graceScale: 0.05 });
    await kubectlOk(sim, ['scale', 'deployment/marketplace-api', '--replicas=1']);
    await kubectlOk(sim, ['rollout', 'status', 'deployment/marketplace-api', '--timeout=20s']);
    const rows = (
      await kubectlOk(sim, ['get', 'pods', '-l', 'app=marketplace-api,version=green', '--no-headers'])
    )
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[2]);
    expect(rows.sort()).toEqual(['Running', 'Terminating', 'Terminating']);
    const d = sim.get('deployment', sim.namespace, 'marketplace-api')!;
    expect(d.status).toMatchObject({ replicas: 1, updatedReplicas: 1, availableReplicas: 1 });
    await until(() => apiPods().length === 1, 10_000);
  });
});
