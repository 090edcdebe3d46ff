/** Rolling updates, Recreate and pause, driven by real kubectl: the pod counts a real cluster keeps while it rolls. */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { KObject, SimCluster } from '../src/index.ts';
import { fastCluster, kubectl, kubectlOk, kubectlYaml, until } from './helpers.ts';

let sim: SimCluster;
afterEach(async () => {
  await sim?.stop();
});

const API = 'deployment/marketplace-api';
const NEW_IMAGE = 'ghcr.io/topsteel/marketplace-api:v1.2.5';
const WAITING = 'Waiting for deployment "marketplace-api" rollout to finish:';

const isReady = (p: KObject) =>
  (p.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );

/** The running (not Terminating) pods of green marketplace-api, recounted at every change of the store. */
function watchPods(cluster: SimCluster) {
  const seen = { maxRunning: 0, minReady: Number.POSITIVE_INFINITY, newWithOld: false };
  const pods = () =>
    cluster
      .list('pod', cluster.namespace)
      .filter((p) => p.metadata.labels?.app === 'marketplace-api' && p.metadata.labels.version === 'green');
  const stop = cluster.store.subscribe(() => {
    const all = pods();
    const running = all.filter((p) => !p.metadata.deletionTimestamp);
    seen.maxRunning = Math.max(seen.maxRunning, running.length);
    seen.minReady = Math.min(seen.minReady, running.filter(isReady).length);
    const isNew = (p: KObject) => p.spec.containers[0].image === NEW_IMAGE;
    // Terminating old pods count: Recreate waits until they are gone.
    if (all.some(isNew) && all.some((p) => !isNew(p))) seen.newWithOld = true;
  });
  return { seen, stop, pods };
}

const setImage = () => kubectlOk(sim, ['set', 'image', API, `api=${NEW_IMAGE}`]);

/** `kubectl rollout status` in the background: its output so far, and its end. */
function rolloutStatus(cluster: SimCluster): { out: () => string; done: Promise<number> } {
  let out = '';
  const child = spawn(
    '/usr/bin/kubectl',
    ['--kubeconfig', cluster.kubeconfig, 'rollout', 'status', API, '--timeout=30s'],
    { env: { ...process.env, KUBECONFIG: '' } },
  );
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  return { out: () => out, done };
}

describe('RollingUpdate', () => {
  it('never runs more than 3 + 25 % pods, keeps 3 Ready, and rollout status shows each step', async () => {
    // The new version starts unready, so that rollout status is watching before the first new pod is Ready.
    sim = await fastCluster({
      readyDelayMs: 150,
      graceScale: 0.005,
      faults: { 'v1.2.5': { notReady: true } },
    });
    const watch = watchPods(sim);
    await setImage();
    const status = rolloutStatus(sim);
    await until(
      () => status.out().includes(`${WAITING} 1 out of 3 new replicas have been updated...`),
      10_000,
    );
    sim.setFault('v1.2.5', null);
    expect(await status.done).toBe(0);
    watch.stop();
    expect(watch.seen.maxRunning).toBe(4);
    expect(watch.seen.minReady).toBe(3);
    expect(status.out()).toContain(`${WAITING} 1 old replicas are pending termination...`);
    expect(status.out()).toContain('deployment "marketplace-api" successfully rolled out');
    const rs = (await kubectlYaml(sim, ['get', 'rs', '-l', 'app=marketplace-api,version=green'])).items;
    const current = rs.find((r: KObject) => r.spec.template.spec.containers[0].image === NEW_IMAGE);
    expect(current.metadata.annotations['deployment.kubernetes.io/max-replicas']).toBe('4');
  });

  it('rounds surge up and unavailability down: 50 % of 3 is 2 more pods and 1 fewer Ready', async () => {
    sim = await fastCluster({ readyDelayMs: 150, graceScale: 0.005 });
    await kubectlOk(sim, [
      'patch',
      API,
      '-p',
      '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":"50%","maxUnavailable":"50%"}}}}',
    ]);
    const watch = watchPods(sim);
    await setImage();
    const status = await kubectlOk(sim, ['rollout', 'status', API, '--timeout=30s']);
    watch.stop();
    expect(watch.seen.maxRunning).toBe(5);
    expect(watch.seen.minReady).toBe(2);
    expect(status).toContain('successfully rolled out');
    const d = await kubectlYaml(sim, ['get', API]);
    const rs = (await kubectlYaml(sim, ['get', 'rs', '-l', 'app=marketplace-api,version=green'])).items;
    const current = rs.find((r: KObject) => r.spec.template.spec.containers[0].image === NEW_IMAGE);
    expect(current.metadata.annotations['deployment.kubernetes.io/max-replicas']).toBe('5');
    expect(d.status.conditions.find((c: { type: string }) => c.type === 'Available').status).toBe('True');
  });

  it('with maxSurge 0, takes one pod down first and never runs more than 3', async () => {
    sim = await fastCluster({ readyDelayMs: 150, graceScale: 0.005 });
    await kubectlOk(sim, [
      'patch',
      API,
      '-p',
      '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":1}}}}',
    ]);
    const watch = watchPods(sim);
    await setImage();
    await kubectlOk(sim, ['rollout', 'status', API, '--timeout=30s']);
    watch.stop();
    expect(watch.seen.maxRunning).toBe(3);
    expect(watch.seen.minReady).toBe(2);
  });

  it('with maxUnavailable 100 %, replaces all at once and reports updated replicas not yet available', async () => {
    sim = await fastCluster({ graceScale: 0.005, faults: { 'v1.2.5': { notReady: true } } });
    await kubectlOk(sim, [
      'patch',
      API,
      '-p',
      '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":"100%"}}}}',
    ]);
    await setImage();
    const status = rolloutStatus(sim);
    await until(() => status.out().includes(`${WAITING} 0 of 3 updated replicas are available...`), 10_000);
    sim.setFault('v1.2.5', null);
    expect(await status.done).toBe(0);
  });

  it('defaults the strategy to 25 %/25 % and rejects maxSurge and maxUnavailable both 0', async () => {
    sim = await fastCluster();
    const d = await kubectlYaml(sim, ['get', API]);
    expect(d.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    const r = await kubectl(sim, [
      'patch',
      API,
      '-p',
      '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":"0%"}}}}',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('spec.strategy.rollingUpdate.maxUnavailable: Invalid value');
    expect(r.stderr).toContain('may not be 0 when `maxSurge` is 0');
    const bad = await kubectl(sim, ['patch', API, '-p', '{"spec":{"strategy":{"type":"Recreate"}}}']);
    expect(bad.stderr).toContain("may not be specified when strategy `type` is 'Recreate'");
  });
});

describe('Recreate', () => {
  it('removes every old pod, Terminating ones included, before the new ReplicaSet exists', async () => {
    sim = await fastCluster({ readyDelayMs: 50, graceScale: 0.01 });
    await kubectlOk(sim, [
      'patch',
      API,
      '--type=merge',
      '-p',
      '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}',
    ]);
    const watch = watchPods(sim);
    let rsWhileOldPods = false;
    const stop = sim.store.subscribe((e) => {
      if (e.resource.kind !== 'ReplicaSet' || e.type !== 'ADDED') return;
      rsWhileOldPods = watch.pods().length > 0;
    });
    await setImage();
    const status = await kubectlOk(sim, ['rollout', 'status', API, '--timeout=30s']);
    watch.stop();
    stop();
    expect(status).toContain('successfully rolled out');
    expect(watch.seen.newWithOld).toBe(false);
    expect(rsWhileOldPods).toBe(false);
    expect(watch.seen.minReady).toBe(0);
    expect(watch.pods().map((p) => p.spec.containers[0].image)).toEqual(Array(3).fill(NEW_IMAGE));
  });
});

describe('spec.paused', () => {
  it('a paused Deployment does not roll out a new template until it is resumed', async () => {
    sim = await fastCluster({ graceScale: 0.005 });
    await kubectlOk(sim, ['rollout', 'pause', API]);
    await setImage();
    const observed = () => {
      const d = sim.get('deployment', sim.namespace, 'marketplace-api')!;
      const progressing = d.status.conditions.find((c: { type: string }) => c.type === 'Progressing');
      return (
        d.status.observedGeneration === d.metadata.generation && progressing.reason === 'DeploymentPaused'
      );
    };
    await until(observed);
    const rsImages = sim
      .list('replicaset', sim.namespace)
      .map((r) => r.spec.template.spec.containers[0].image);
    expect(rsImages).not.toContain(NEW_IMAGE);
    expect(sim.list('pod', sim.namespace).map((p) => p.spec.containers[0].image)).not.toContain(NEW_IMAGE);
    const waiting = await kubectl(sim, ['rollout', 'status', API, '--timeout=1s']);
    expect(waiting.code).not.toBe(0);
    expect(waiting.stdout).toContain(`${WAITING} 0 out of 3 new replicas have been updated...`);
    await kubectlOk(sim, ['rollout', 'resume', API]);
    await kubectlOk(sim, ['rollout', 'status', API, '--timeout=30s']);
    const running = sim
      .list('pod', sim.namespace)
      .filter((p) => p.metadata.labels?.app === 'marketplace-api' && p.metadata.labels.version === 'green')
      .filter((p) => !p.metadata.deletionTimestamp);
    expect(running.map((p) => p.spec.containers[0].image)).toEqual(Array(3).fill(NEW_IMAGE));
  });
});

describe('ReplicaSet annotations', () => {
  it('copies a change-cause annotated later onto the current ReplicaSet, for rollout history', async () => {
    sim = await fastCluster();
    await kubectlOk(sim, ['annotate', API, 'kubernetes.io/change-cause=hotfix of the payment route']);
    await until(async () =>
      (await kubectlOk(sim, ['rollout', 'history', API])).includes('3         hotfix of the payment route'),
    );
    const history = await kubectlOk(sim, ['rollout', 'history', API]);
    expect(history).toMatch(/^1\s+<none>$/m);
    expect(history).toMatch(/^3\s+hotfix of the payment route$/m);
  });
});

describe('delete --cascade=orphan', () => {
  it('leaves the ReplicaSets and pods, without the reference to the deleted Deployment', async () => {
    sim = await fastCluster();
    const web = () =>
      sim.list('replicaset', sim.namespace).filter((r) => r.metadata.name?.startsWith('marketplace-web-'));
    const before = web().filter((r) => r.metadata.labels?.version === 'green');
    expect(before).toHaveLength(3);
    await kubectlOk(sim, ['delete', 'deployment', 'marketplace-web', '--cascade=orphan']);
    expect(sim.get('deployment', sim.namespace, 'marketplace-web')).toBeUndefined();
    const after = web().filter((r) => r.metadata.labels?.version === 'green');
    expect(after.map((r) => r.metadata.name)).toEqual(before.map((r) => r.metadata.name));
    for (const r of after) expect(r.metadata.ownerReferences).toBeUndefined();
    // The orphaned ReplicaSet still runs its pods, through passes of the garbage collector.
    const live = after.find((r) => r.spec.replicas > 0)!;
    await kubectlOk(sim, ['scale', `rs/${live.metadata.name}`, '--replicas=3']);
    const pods = () =>
      sim
        .list('pod', sim.namespace)
        .filter(
          (p) => p.metadata.ownerReferences?.[0]?.uid === live.metadata.uid && !p.metadata.deletionTimestamp,
        );
    await until(() => pods().length === 3);
    expect(web().filter((r) => r.metadata.labels?.version === 'green')).toHaveLength(3);
  });
});
