/** @kubernetes/client-node 1.4 against the sim: the calls the rollback scripts make. */
import {
  type ApiException,
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  Watch,
} from '@kubernetes/client-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { clusterPerTest, until } from './helpers.ts';

const sim = clusterPerTest();
let core: CoreV1Api;
let apps: AppsV1Api;
let kc: KubeConfig;
const namespace = 'topsteel-marketplace';

beforeEach(async () => {
  kc = new KubeConfig();
  kc.loadFromFile(sim().kubeconfig);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
});

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const strategic = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

async function failure(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as ApiException<string>;
    return { code: err.code, body: JSON.parse(err.body) };
  }
  throw new Error('expected the call to fail');
}

function rolledOut(d: V1Deployment): boolean {
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    s.updatedReplicas === d.spec?.replicas &&
    s.availableReplicas === d.spec?.replicas &&
    s.replicas === d.spec?.replicas
  );
}

describe('client-node', () => {
  it('reads deployments and services', async () => {
    const list = await apps.listNamespacedDeployment({ namespace });
    expect(list.items.map((d) => d.metadata?.name)).toContain('marketplace-api-blue');
    const svc = await core.readNamespacedService({ name: 'marketplace-api-service', namespace });
    expect(svc.spec?.selector).toEqual({ app: 'marketplace-api', version: 'green' });
    const all = await apps.listDeploymentForAllNamespaces();
    expect(all.items).toHaveLength(4);
  });

  it('switches the service to blue with a merge patch', async () => {
    const body = { spec: { selector: { app: 'marketplace-api', version: 'blue' } } };
    const svc = await core.patchNamespacedService(
      { name: 'marketplace-api-service', namespace, body },
      merge,
    );
    expect(svc.spec?.selector?.version).toBe('blue');
    const res = await fetch(`${sim().services['marketplace-api-service']}/health`);
    expect(await res.json()).toMatchObject({ color: 'blue', version: 'v1.2.3' });
    const ep = await core.readNamespacedEndpoints({ name: 'marketplace-api-service', namespace });
    const blueIps = sim()
      .list('pod', namespace)
      .filter((p) => p.metadata.labels?.app === 'marketplace-api' && p.metadata.labels.version === 'blue')
      .map((p) => p.status.podIP)
      .sort();
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.ip).sort()).toEqual(blueIps);
  });

  it('sets an image with a strategic merge patch and sees the rollout through a Watch', async () => {
    const events: string[] = [];
    let done: V1Deployment | undefined;
    const watch = new Watch(kc);
    const abort = await watch.watch(
      `/apis/apps/v1/namespaces/${namespace}/deployments`,
      { fieldSelector: 'metadata.name=marketplace-api' },
      (type: string, obj: V1Deployment) => {
        events.push(type);
        if (type === 'MODIFIED' && obj.metadata?.generation === 2 && rolledOut(obj)) done = obj;
      },
      () => {},
    );
    const body = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'api' }],
            containers: [{ name: 'api', image: 'ghcr.io/topsteel/marketplace-api:v1.2.3' }],
          },
        },
      },
    };
    await apps.patchNamespacedDeployment({ name: 'marketplace-api', namespace, body }, strategic);
    await until(() => done !== undefined);
    abort.abort();
    expect(events[0]).toBe('ADDED');
    const container = done!.spec!.template.spec!.containers[0]!;
    expect(container.image).toBe('ghcr.io/topsteel/marketplace-api:v1.2.3');
    // The strategic merge kept the rest of the container.
    expect(container.ports?.[0]?.containerPort).toBe(3000);
    expect(done!.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
  });

  it('rolls back with a JSON patch of the template, as kubectl rollout undo does', async () => {
    const rsList = await apps.listNamespacedReplicaSet({
      namespace,
      labelSelector: 'app=marketplace-api,version=green',
    });
    const rev2 = rsList.items.find(
      (rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '2',
    )!;
    const template = structuredClone(rev2.spec!.template!);
    delete template.metadata!.labels!['pod-template-hash'];
    const body = [{ op: 'replace', path: '/spec/template', value: template }];
    await apps.patchNamespacedDeployment({ name: 'marketplace-api', namespace, body }, jsonPatch);
    await until(async () =>
      rolledOut(await apps.readNamespacedDeployment({ name: 'marketplace-api', namespace })),
    );
    const rs = await apps.readNamespacedReplicaSet({ name: rev2.metadata!.name!, namespace });
    expect(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    expect(rs.spec?.replicas).toBe(3);
  });

  it('scales through the scale subresource', async () => {
    const scale = await apps.patchNamespacedDeploymentScale(
      { name: 'marketplace-web', namespace, body: { spec: { replicas: 0 } } },
      merge,
    );
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 0 } });
    await until(
      () =>
        sim()
          .list('pod', namespace)
          .filter(
            (p) => p.metadata.labels?.app === 'marketplace-web' && p.metadata.labels.version === 'green',
          ).length === 0,
    );
    const read = await apps.readNamespacedDeploymentScale({ name: 'marketplace-web', namespace });
    await apps.replaceNamespacedDeploymentScale({
      name: 'marketplace-web',
      namespace,
      body: { ...read, spec: { replicas: 2 } },
    });
    await until(
      async () =>
        (await apps.readNamespacedDeployment({ name: 'marketplace-web', namespace })).status
          ?.readyReplicas === 2,
    );
    expect(read.status?.selector).toBe('app=marketplace-web,version=green');
  });

  it('reads pod logs', async () => {
    await fetch(`${sim().services['marketplace-web-service']}/`);
    const pods = await core.listNamespacedPod({
      namespace,
      labelSelector: 'app=marketplace-web,version=green',
    });
    const logs = await Promise.all(
      pods.items.map((p) =>
        core.readNamespacedPodLog({ name: p.metadata!.name!, namespace, container: 'web', tailLines: 5 }),
      ),
    );
    expect(logs.join('')).toMatch(/INFO\s+GET \/ 200/);
    expect(logs[0]!.trim().split('\n').length).toBeLessThanOrEqual(5);
  });
});

describe('errors as Status objects', () => {
  it('404 for a missing object', async () => {
    const f = await failure(apps.readNamespacedDeployment({ name: 'x', namespace }));
    expect(f.code).toBe(404);
    expect(f.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "x" not found',
      reason: 'NotFound',
      details: { name: 'x', group: 'apps', kind: 'deployments' },
      code: 404,
    });
  });

  it('404 for an unknown resource', async () => {
    const res = await fetch(`${sim().server}/api/v1/namespaces/${namespace}/widgets`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });

  it('400 for a namespace in the body that differs from the URL', async () => {
    const f = await failure(
      core.createNamespacedConfigMap({
        namespace,
        body: { metadata: { name: 'c', namespace: 'default' }, data: {} },
      }),
    );
    expect(f.code).toBe(400);
    expect(f.body).toMatchObject({
      reason: 'BadRequest',
      message: 'the namespace of the provided object does not match the namespace sent on the request',
    });
  });

  it('400 or 422 for malformed patches', async () => {
    const url = `${sim().server}/api/v1/namespaces/${namespace}/services/marketplace-api-service`;
    const bad = await fetch(url, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '{"spec":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
    });
    const notList = await failure(
      core.patchNamespacedService(
        { name: 'marketplace-api-service', namespace, body: { spec: {} } },
        jsonPatch,
      ),
    );
    expect(notList.code).toBe(400);
    const missing = await failure(
      core.patchNamespacedService(
        {
          name: 'marketplace-api-service',
          namespace,
          body: [{ op: 'replace', path: '/spec/nope/x', value: 1 }],
        },
        jsonPatch,
      ),
    );
    expect(missing.code).toBe(422);
    const invalid = await failure(
      apps.patchNamespacedDeployment(
        { name: 'marketplace-api', namespace, body: { spec: { replicas: -1 } } },
        merge,
      ),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.body).toMatchObject({
      reason: 'Invalid',
      details: { name: 'marketplace-api', kind: 'Deployment' },
    });
  });

  it('injected request faults fail the second service patch of a switch', async () => {
    sim().injectRequestFault({
      method: 'PATCH',
      path: /services\/marketplace-web-service$/,
      status: 500,
      message: 'etcdserver: request timed out',
    });
    const body = { spec: { selector: { version: 'blue' } } };
    await core.patchNamespacedService({ name: 'marketplace-api-service', namespace, body }, merge);
    const f = await failure(
      core.patchNamespacedService({ name: 'marketplace-web-service', namespace, body }, merge),
    );
    expect(f.code).toBe(500);
    expect(f.body).toMatchObject({
      kind: 'Status',
      reason: 'InternalError',
      message: 'etcdserver: request timed out',
    });
    expect(sim().get('service', namespace, 'marketplace-web-service')?.spec.selector.version).toBe('green');
    // Only once: a retry goes through.
    await core.patchNamespacedService({ name: 'marketplace-web-service', namespace, body }, merge);
    expect(sim().get('service', namespace, 'marketplace-web-service')?.spec.selector.version).toBe('blue');
    expect(
      sim()
        .requestLog.filter((r) => r.method === 'PATCH')
        .map((r) => r.path.split('/').pop()),
    ).toEqual(['marketplace-api-service', 'marketplace-web-service', 'marketplace-web-service']);
  });
});

describe('leases', () => {
  it('create, conflict on re-create and on stale update, release', async () => {
    const leases = kc.makeApiClient(CoordinationV1Api);
    const body = {
      metadata: { name: 'rollback-lock' },
      spec: { holderIdentity: 'drill-1', leaseDurationSeconds: 60 },
    };
    const lease = await leases.createNamespacedLease({ namespace, body });
    expect(lease.metadata?.resourceVersion).toMatch(/^\d+$/);
    const again = await failure(leases.createNamespacedLease({ namespace, body }));
    expect(again.code).toBe(409);
    expect(again.body).toMatchObject({
      reason: 'AlreadyExists',
      message: 'leases.coordination.k8s.io "rollback-lock" already exists',
    });

    const renewed = await leases.replaceNamespacedLease({
      name: 'rollback-lock',
      namespace,
      body: { ...lease, spec: { ...lease.spec, holderIdentity: 'drill-2' } },
    });
    expect(renewed.spec?.holderIdentity).toBe('drill-2');
    const stale = await failure(
      leases.replaceNamespacedLease({
        name: 'rollback-lock',
        namespace,
        body: { ...lease, spec: { holderIdentity: 'drill-3' } },
      }),
    );
    expect(stale.code).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'Conflict' });
    expect(String(stale.body.message)).toContain('the object has been modified');

    await leases.deleteNamespacedLease({ name: 'rollback-lock', namespace });
    expect((await failure(leases.readNamespacedLease({ name: 'rollback-lock', namespace }))).code).toBe(404);
  });
});
