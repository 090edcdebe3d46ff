/**
 * What a `dryRun=All` write answers: the object as the registry would have stored it (name generated, uid,
 * creationTimestamp, generation set or bumped), with nothing stored and no new resourceVersion.
 */
import { newUid, now } from './_ids.ts';
import { deepEqual } from './_json.ts';
import { alreadyExists, conflict } from './errors.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import { nameObject, type Store } from './store.ts';
import type { KObject } from './types.ts';

/** A dry-run create: the checks of Store.create, and the fields it would set, on a copy the caller owns. */
export function dryRunCreate(store: Store, r: ResourceType, obj: KObject, namespace?: string): KObject {
  const meta = obj.metadata;
  nameObject(r, meta);
  if (store.peek(r, namespace, meta.name)) throw alreadyExists(r, meta.name);
  meta.uid = newUid();
  meta.creationTimestamp = now();
  if (r.generation) meta.generation = 1;
  delete meta.resourceVersion;
  return { ...obj, apiVersion: apiVersionOf(r), kind: r.kind };
}

/** A dry-run update of `old` to `next`: the checks of Store.update, and generation bumped on a spec change. */
export function dryRunUpdate(r: ResourceType, old: KObject, next: KObject): KObject {
  const rv = next.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict(r, old.metadata.name ?? '');
  const changed = r.generation && !deepEqual(old.spec, next.spec);
  const generation =
    old.metadata.generation === undefined ? undefined : old.metadata.generation + (changed ? 1 : 0);
  return {
    ...next,
    apiVersion: apiVersionOf(r),
    kind: r.kind,
    metadata: {
      ...old.metadata,
      ...next.metadata,
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      resourceVersion: old.metadata.resourceVersion,
      ...(generation === undefined ? {} : { generation }),
    },
  };
}
