/**
 * A DELETE with preconditions (meta/v1 Preconditions), through client-node: the object goes only while its
 * uid and resourceVersion still match; otherwise a 409 Conflict in the API server's words, and it stays.
 */
import { type ApiException, CoordinationV1Api, KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { clusterPerTest } from './helpers.ts';

const sim = clusterPerTest();
let leases: CoordinationV1Api;
const namespace = 'topsteel-marketplace';
const name = 'rollback-lock';

beforeEach(async () => {
  const kc = new KubeConfig();
  kc.loadFromFile(sim().kubeconfig);
  leases = kc.makeApiClient(CoordinationV1Api);
});

async function conflict(p: Promise<unknown>): Promise<{ reason: string; message: string }> {
  const err = (await p.then(
    () => {
      throw new Error('expected a 409');
    },
    (e: unknown) => e,
  )) as ApiException<string>;
  expect(err.code).toBe(409);
  return JSON.parse(err.body);
}

describe('DELETE with preconditions', () => {
  it('refuses a stale resourceVersion or another uid with a Conflict, and deletes when both match', async () => {
    const created: V1Lease = await leases.createNamespacedLease({
      namespace,
      body: { metadata: { name }, spec: { holderIdentity: 'alice' } },
    });
    const renewed = await leases.replaceNamespacedLease({
      name,
      namespace,
      body: { ...created, spec: { holderIdentity: 'bob' } },
    });
    const { uid, resourceVersion: stale } = created.metadata!;
    const current = renewed.metadata!.resourceVersion!;

    const byVersion = await conflict(
      leases.deleteNamespacedLease({
        name,
        namespace,
        body: { preconditions: { uid, resourceVersion: stale } },
      }),
    );
    expect(byVersion.reason).toBe('Conflict');
    expect(byVersion.message).toContain(
      `Operation cannot be fulfilled on leases.coordination.k8s.io "${name}"`,
    );
    expect(byVersion.message).toContain(
      `Precondition failed: ResourceVersion in precondition: ${stale}, ResourceVersion in object meta: ${current}`,
    );
    const byUid = await conflict(
      leases.deleteNamespacedLease({ name, namespace, body: { preconditions: { uid: 'someone-else' } } }),
    );
    expect(byUid.message).toContain(
      `Precondition failed: UID in precondition: someone-else, UID in object meta: ${uid}`,
    );
    expect(sim().get('lease', namespace, name)?.spec?.holderIdentity).toBe('bob');

    await leases.deleteNamespacedLease({
      name,
      namespace,
      body: { preconditions: { uid, resourceVersion: current } },
    });
    expect(sim().get('lease', namespace, name)).toBeUndefined();
  });
});
