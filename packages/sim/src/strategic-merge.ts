/**
 * Kubernetes strategic merge patch, for the core and apps types the sim serves.
 * Go code reads patch strategies from struct tags; here they come from the field name.
 */
import { clone, deepEqual, isPlainObject } from './_json.ts';
import { badRequest } from './errors.ts';

type Obj = Record<string, unknown>;

// Field name → merge key, from the `patchMergeKey` struct tags of k8s.io/api.
export const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  resourceClaims: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  addresses: 'ip',
};

// Lists of scalars with patchStrategy "merge": union, not replacement.
export const MERGED_SCALAR_LISTS = new Set(['finalizers']);

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') {
    // Container ports merge on containerPort, Service ports on port.
    return items.some((i) => isPlainObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  }
  return MERGE_KEYS[field];
}

function order(list: unknown[], mergeKey: string, wanted: unknown): unknown[] {
  if (!Array.isArray(wanted)) return list;
  const keys = wanted.map((w) => (isPlainObject(w) ? w[mergeKey] : w));
  const ranked = list.map((item, i) => {
    const k = isPlainObject(item) ? item[mergeKey] : item;
    const pos = keys.findIndex((x) => deepEqual(x, k));
    return { item, rank: pos === -1 ? keys.length + i : pos };
  });
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.item);
}

function mergeList(field: string, original: unknown, patch: unknown[], setOrder: unknown): unknown[] {
  const orig = Array.isArray(original) ? clone(original) : [];
  if (patch.some((p) => isPlainObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isPlainObject(p) && p.$patch === 'replace')).map(clone);
  }
  if (MERGED_SCALAR_LISTS.has(field)) {
    const out = [...orig];
    for (const p of patch) if (!out.some((o) => deepEqual(o, p))) out.push(clone(p));
    return out;
  }
  const mergeKey = mergeKeyFor(field, [...orig, ...patch]);
  if (!mergeKey || !patch.every(isPlainObject)) return patch.map(clone);
  let out = orig;
  for (const p of patch as Obj[]) {
    if (!(mergeKey in p)) {
      throw badRequest(`map: ${JSON.stringify(p)} does not contain declared merge key: ${mergeKey}`);
    }
    const idx = out.findIndex((o) => isPlainObject(o) && deepEqual(o[mergeKey], p[mergeKey]));
    if (p.$patch === 'delete') {
      if (idx >= 0) out = out.filter((_, i) => i !== idx);
      continue;
    }
    if (idx >= 0) out[idx] = mergeMap(out[idx], p);
    else out.push(mergeMap({}, p));
  }
  return order(out, mergeKey, setOrder);
}

function mergeMap(original: unknown, patch: Obj): Obj | undefined {
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') {
    const rest = clone(patch);
    delete rest.$patch;
    return rest;
  }
  const out: Obj = isPlainObject(original) ? clone(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const list = out[field];
      if (Array.isArray(list) && Array.isArray(v))
        out[field] = list.filter((x) => !v.some((d) => deepEqual(d, x)));
      continue;
    }
    if (v === null) {
      delete out[k];
    } else if (Array.isArray(v)) {
      out[k] = mergeList(k, out[k], v, patch[`$setElementOrder/${k}`]);
    } else if (isPlainObject(v)) {
      const merged = mergeMap(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else {
      out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/')) continue;
    const field = k.slice('$setElementOrder/'.length);
    if (field in patch || !Array.isArray(out[field])) continue;
    const list = out[field] as unknown[];
    const mergeKey = mergeKeyFor(field, list);
    if (mergeKey) out[field] = order(list, mergeKey, v);
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.map(String));
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

export function strategicMerge(target: unknown, patch: Obj): unknown {
  return mergeMap(target, patch) ?? {};
}
