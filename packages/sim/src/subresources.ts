/** The scale subresource (autoscaling/v1 Scale) and pod logs. */
import { clone, isPlainObject } from './_json.ts';
import type { SimApps } from './app.ts';
import { R } from './context.ts';
import { badRequest, conflict, invalid } from './errors.ts';
import type { Target } from './handlers.ts';
import { recordUpdate } from './managed-fields.ts';
import { applyPatch } from './patch.ts';
import { apiVersionOf } from './resources.ts';
import { selectorString } from './selectors.ts';
import type { Store } from './store.ts';
import type { KObject } from './types.ts';
import type { WriteOptions } from './write-options.ts';

export function toScale(o: KObject): KObject {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, selector: selectorString(o.spec?.selector) },
  };
}

export function getScale(store: Store, t: Target): KObject {
  return toScale(store.must(t.resource, t.namespace, t.name!));
}

export function setScale(
  store: Store,
  t: Target,
  scale: KObject,
  dryRun: boolean,
  w?: WriteOptions,
): KObject {
  const o = store.must(t.resource, t.namespace, t.name!);
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== o.metadata.resourceVersion) throw conflict(t.resource, t.name!);
  const replicas = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid({ ...t.resource, kind: 'Scale', group: 'autoscaling' }, t.name!, [
      {
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  const next = clone(o);
  next.spec.replicas = replicas;
  // The API server records a scale write against the parent's fields, under the subresource.
  if (w)
    recordUpdate(o, next, {
      manager: w.manager,
      apiVersion: apiVersionOf(t.resource),
      subresource: 'scale',
      scope: 'main',
    });
  if (dryRun) return toScale(next);
  return toScale(store.update(t.resource, next));
}

export function patchScale(
  store: Store,
  t: Target,
  contentType: string,
  body: string,
  dryRun: boolean,
  w?: WriteOptions,
): KObject {
  const scale = applyPatch(getScale(store, t), contentType, body);
  if (!isPlainObject(scale)) throw badRequest('the patch did not produce a Scale object');
  return setScale(store, t, scale as KObject, dryRun, w);
}

export function podLog(store: Store, apps: SimApps, t: Target, query: URLSearchParams): string {
  const pod = store.must(R.pods, t.namespace, t.name!);
  const names: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  const container = query.get('container');
  if (!container && names.length > 1) {
    throw badRequest(
      `a container name must be specified for pod ${t.name}, choose one of: [${names.join(' ')}]`,
    );
  }
  if (container && !names.includes(container))
    throw badRequest(`container ${container} is not valid for pod ${t.name}`);
  const tail = query.get('tailLines');
  return apps.logsOf(t.namespace ?? '', t.name!, tail === null ? undefined : Number(tail));
}
