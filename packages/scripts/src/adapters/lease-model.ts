/**
 * A Lease as plain JSON turned back into client-node's V1Lease for a write: the model wants Date objects where
 * the wire has strings. MicroTime fields keep kubectl's microsecond format (milliseconds, then `000Z`).
 */
import type { V1Lease, V1MicroTime, V1ObjectMeta } from '@kubernetes/client-node';
import type { Lease, ObjectMeta } from './kube-types.ts';

type MicroTime = new (value: string) => V1MicroTime;

const date = (s: string | undefined) => (s === undefined ? undefined : new Date(s));

function metaModel(m: ObjectMeta): V1ObjectMeta {
  return {
    ...m,
    creationTimestamp: date(m.creationTimestamp),
    deletionTimestamp: date(m.deletionTimestamp),
    managedFields: m.managedFields?.map((f) => ({ ...f, time: date(f.time) })),
  };
}

export function leaseModel(lease: Lease, Micro: MicroTime): V1Lease {
  const micro = (s: string | undefined) => (s === undefined ? undefined : new Micro(s));
  const { metadata, spec } = lease;
  return {
    ...lease,
    metadata: metadata && metaModel(metadata),
    spec: spec && { ...spec, acquireTime: micro(spec.acquireTime), renewTime: micro(spec.renewTime) },
  };
}
