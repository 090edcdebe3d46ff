/** The kube adapter's calls on Leases (coordination.k8s.io/v1), which hold the run's lock. */
import type { CoordinationV1Api } from '@kubernetes/client-node';
import type { CallTools } from './_kube-call.ts';
import type { Lease } from './kube-types.ts';
import { leaseModel } from './lease-model.ts';

interface Tools extends Pick<CallTools, 'call' | 'orNull'> {
  coordination: CoordinationV1Api;
  /** client-node's class for a Lease's times, which leaseModel turns the wire's strings into. */
  V1MicroTime: Parameters<typeof leaseModel>[1];
  namespace: string;
}

export function leaseCalls({ coordination, V1MicroTime, namespace, call, orNull }: Tools) {
  return {
    getLease: (name: string) =>
      orNull(call(`GET leases/${name}`, () => coordination.readNamespacedLease({ name, namespace }))),
    createLease: (lease: Lease) =>
      call('POST leases', () =>
        coordination.createNamespacedLease({ namespace, body: leaseModel(lease, V1MicroTime) }),
      ),
    replaceLease: (name: string, lease: Lease) =>
      call(`PUT leases/${name}`, () =>
        coordination.replaceNamespacedLease({ name, namespace, body: leaseModel(lease, V1MicroTime) }),
      ),
    deleteLease: async (name: string, preconditions?: { uid?: string; resourceVersion?: string }) => {
      const body = preconditions ? { preconditions } : undefined;
      await call(`DELETE leases/${name}`, () =>
        coordination.deleteNamespacedLease({ name, namespace, body }),
      );
    },
  };
}
