/**
 * Objects as sets of field paths, the way structured-merge-diff sees them for managed fields: FieldsV1 path
 * elements (`f:name`, `k:{"name":"api"}`, `v:"x"`), lists with merge keys as associative lists, other lists atomic.
 */
import { deepEqual, isPlainObject, stableStringify } from './_json.ts';
import { MERGE_KEYS, MERGED_SCALAR_LISTS } from './strategic-merge.ts';

/** Separates the elements of a path; FieldsV1 keys never contain it. */
export const SEP = '\u0000';

/** A path of a flattened object: `leaf` is the JSON of a scalar or atomic value; `member` when structured-merge-diff's field set of the object holds the path itself. */
export interface PathInfo {
  leaf?: string;
  member: boolean;
}
export type Flat = Map<string, PathInfo>;

/** Which part of an object a write owns: a resource with a status subresource tracks its status apart. */
export type Scope = 'object' | 'main' | 'status';

// Metadata the API server never tracks (its field manager's strip set).
const STRIPPED_META = new Set([
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'generation',
  'managedFields',
  'resourceVersion',
]);

// Key fields with a schema default: the key of an item that omits them uses the default.
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/** The list map keys of a field (structured-merge-diff's `listMapKeys`), `set` for lists of scalars merged as sets. */
export function listKeys(field: string, items: unknown[]): string[] | 'set' | undefined {
  if (MERGED_SCALAR_LISTS.has(field)) return 'set';
  if (field === 'ports') {
    return items.some((i) => isPlainObject(i) && 'containerPort' in i)
      ? ['containerPort', 'protocol']
      : ['port', 'protocol'];
  }
  const k = MERGE_KEYS[field];
  return k ? [k] : undefined;
}

/** LabelSelector is `structType=atomic`: owned and replaced as a whole. */
export function isAtomicStruct(field: string, v: Record<string, unknown>): boolean {
  return field === 'selector' && ('matchLabels' in v || 'matchExpressions' in v);
}

/** The `k:` element of a list item, or undefined when the item lacks a key. */
export function itemKey(item: unknown, keys: string[]): string | undefined {
  if (!isPlainObject(item)) return undefined;
  const parts: Record<string, unknown> = {};
  for (const k of keys) {
    const v = item[k] ?? KEY_DEFAULTS[k];
    if (v === undefined || v === null) return undefined;
    parts[k] = v;
  }
  return `k:${stableStringify(parts)}`;
}

/** The `k:` elements of a keyed list's items, or undefined when the list must be treated as atomic. */
export function itemKeys(field: string, list: unknown[]): string[] | undefined {
  const keys = listKeys(field, list);
  if (!Array.isArray(keys) || list.length === 0) return undefined;
  const ids = list.map((i) => itemKey(i, keys));
  if (ids.some((i) => i === undefined) || new Set(ids).size !== ids.length) return undefined;
  return ids as string[];
}

export function isScalarSet(field: string, list: unknown[]): boolean {
  return listKeys(field, list) === 'set' && list.every((x) => typeof x !== 'object' || x === null);
}

function walk(out: Flat, path: string, field: string, v: unknown): void {
  if (Array.isArray(v)) {
    walkList(out, path, field, v);
    return;
  }
  if (isPlainObject(v) && Object.keys(v).length > 0 && !isAtomicStruct(field, v)) {
    out.set(path, { member: false });
    for (const [k, x] of Object.entries(v)) if (x !== undefined) walk(out, `${path}${SEP}f:${k}`, k, x);
    return;
  }
  out.set(path, { leaf: typeof v === 'object' ? stableStringify(v) : JSON.stringify(v), member: true });
}

function walkList(out: Flat, path: string, field: string, list: unknown[]): void {
  if (list.length && isScalarSet(field, list)) {
    out.set(path, { member: false });
    for (const x of list) out.set(`${path}${SEP}v:${JSON.stringify(x)}`, { leaf: '', member: true });
    return;
  }
  const ids = itemKeys(field, list);
  if (!ids) {
    out.set(path, { leaf: stableStringify(list), member: true });
    return;
  }
  out.set(path, { member: false });
  list.forEach((item, i) => {
    const p = `${path}${SEP}${ids[i]}`;
    out.set(p, { member: true });
    for (const [k, x] of Object.entries(item as Record<string, unknown>))
      if (x !== undefined) walk(out, `${p}${SEP}f:${k}`, k, x);
  });
}

/** Every path of `obj` in `scope`, intermediate maps and list items included. */
export function flatten(obj: unknown, scope: Scope): Flat {
  const out: Flat = new Map();
  if (!isPlainObject(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || v === undefined) continue;
    if ((scope === 'main' && k === 'status') || (scope === 'status' && k !== 'status')) continue;
    if (k === 'metadata' && isPlainObject(v)) {
      for (const [mk, mv] of Object.entries(v))
        if (!STRIPPED_META.has(mk) && mv !== undefined) walk(out, `f:metadata${SEP}f:${mk}`, mk, mv);
      continue;
    }
    walk(out, `f:${k}`, k, v);
  }
  return out;
}

export function members(flat: Flat): Set<string> {
  const out = new Set<string>();
  for (const [p, info] of flat) if (info.member) out.add(p);
  return out;
}

export interface Comparison {
  added: Set<string>;
  modified: Set<string>;
  removed: Set<string>;
}

/** structured-merge-diff's Compare: paths only in `b`, leaves whose value changed, paths only in `a`. */
export function compare(a: Flat, b: Flat): Comparison {
  const out: Comparison = { added: new Set(), modified: new Set(), removed: new Set() };
  for (const [p, x] of b) {
    const y = a.get(p);
    if (!y) out.added.add(p);
    else if (x.leaf !== y.leaf) out.modified.add(p);
  }
  for (const p of a.keys()) if (!b.has(p)) out.removed.add(p);
  return out;
}

/** A path as structured-merge-diff prints it: `.spec.template.spec.containers[name="api"].image`. */
export function displayPath(path: string): string {
  return path
    .split(SEP)
    .map((el) => {
      const body = el.slice(2);
      if (el.startsWith('f:')) return `.${body}`;
      if (el.startsWith('v:')) return `[=${body}]`;
      if (el.startsWith('i:')) return `[${body}]`;
      const key = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

/** Removes the value at `path` from `obj`; false when it is not there. */
export function removePath(obj: unknown, path: string): boolean {
  const els = path.split(SEP);
  let cur: unknown = obj;
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    const last = i === els.length - 1;
    if (el.startsWith('f:')) {
      if (!isPlainObject(cur) || !(el.slice(2) in cur)) return false;
      if (last) return delete cur[el.slice(2)];
      cur = cur[el.slice(2)];
      continue;
    }
    if (!Array.isArray(cur)) return false;
    const idx = findItem(cur, el);
    if (idx < 0) return false;
    if (last) return cur.splice(idx, 1).length > 0;
    cur = cur[idx];
  }
  return false;
}

function findItem(list: unknown[], el: string): number {
  if (el.startsWith('v:')) {
    const want = JSON.parse(el.slice(2)) as unknown;
    return list.findIndex((x) => deepEqual(x, want));
  }
  if (el.startsWith('i:')) return Number(el.slice(2));
  const keys = Object.keys(JSON.parse(el.slice(2)) as object);
  return list.findIndex((x) => itemKey(x, keys) === el);
}

/** The value at `path`, or undefined. */
export function valueAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const el of path.split(SEP)) {
    if (el.startsWith('f:')) cur = isPlainObject(cur) ? cur[el.slice(2)] : undefined;
    else cur = Array.isArray(cur) ? cur[findItem(cur, el)] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}
