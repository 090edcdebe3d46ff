/**
 * metadata.managedFields: who owns which field, recorded on every API write as the API server's field manager does
 * (k8s.io/apimachinery/pkg/util/managedfields over structured-merge-diff). Controllers' own writes go to the store
 * directly and record nothing, so the 5,000-pod bench pays nothing for this.
 */
import { now } from './_ids.ts';
import { deepEqual, isPlainObject } from './_json.ts';
import { compare, type Flat, flatten, type Scope, SEP } from './field-paths.ts';
import type { ResourceType } from './resources.ts';
import { apiVersionOf } from './resources.ts';
import type { KObject } from './types.ts';

export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: Set<string>;
  /** The entry as stored, reused when the entry did not change: decoding and encoding are most of a write's cost. */
  stored?: Tree;
}

/** Who writes: the manager, the version it wrote in, and the subresource it wrote through. */
export interface Writer {
  manager: string;
  apiVersion: string;
  subresource?: string;
  scope: Scope;
}

/** Who writes `r` through `sub`: a resource with a status subresource tracks its status apart. */
export function writerOf(r: ResourceType, manager: string, sub: string | undefined): Writer {
  const scope = sub === 'status' ? 'status' : r.subresources?.includes('status') ? 'main' : 'object';
  return { manager, apiVersion: apiVersionOf(r), subresource: sub, scope };
}

// biome-ignore lint/suspicious/noExplicitAny: FieldsV1 is arbitrary JSON
type Tree = Record<string, any>;

/** The manager identifier: appliers are one manager whatever version they apply in, updaters one per version. */
export function managerId(
  e: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  return JSON.stringify([
    e.manager,
    e.operation,
    e.operation === 'Apply' ? '' : e.apiVersion,
    e.subresource ?? '',
  ]);
}

export function fromFieldsV1(tree: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (!isPlainObject(tree)) return out;
  for (const [k, v] of Object.entries(tree)) {
    if (k === '.') {
      if (prefix) out.add(prefix);
      continue;
    }
    const p = prefix ? `${prefix}${SEP}${k}` : k;
    if (isPlainObject(v) && Object.keys(v).length === 0) out.add(p);
    else fromFieldsV1(v, p, out);
  }
  return out;
}

const RANK: Record<string, number> = { '.': 0, f: 1, k: 2, v: 3, i: 4 };

function sortTree(t: Tree, member: Set<Tree>): Tree {
  const keys = Object.keys(t).sort(
    (a, b) => (RANK[a[0]!] ?? 5) - (RANK[b[0]!] ?? 5) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const out: Tree = {};
  if (member.has(t) && keys.length) out['.'] = {};
  for (const k of keys) out[k] = sortTree(t[k], member);
  return out;
}

export function toFieldsV1(set: Set<string>): Tree {
  const root: Tree = {};
  const member = new Set<Tree>();
  for (const p of set) {
    let node = root;
    for (const el of p.split(SEP)) node = node[el] ??= {};
    member.add(node);
  }
  return sortTree(root, member);
}

/** Times as metav1.Time serializes them, whatever precision a client sent back (client-node sends milliseconds). */
function rfc3339(v: unknown): string | undefined {
  const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `reuse`: entries may be written back as they are when unchanged; not so for entries a client sent. */
export function decodeManaged(list: unknown, reuse = true): ManagerEntry[] {
  if (!Array.isArray(list)) return [];
  const out: ManagerEntry[] = [];
  for (const e of list) {
    if (!isPlainObject(e) || typeof e.manager !== 'string' || !e.manager) continue;
    out.push({
      manager: e.manager,
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: String(e.apiVersion ?? ''),
      time: rfc3339(e.time),
      subresource: typeof e.subresource === 'string' && e.subresource ? e.subresource : undefined,
      set: fromFieldsV1(e.fieldsV1),
      stored: reuse ? e : undefined,
    });
  }
  return out;
}

/** The entries as the API server stores them: none empty, sorted by operation, time, manager, version. */
export function encodeManaged(entries: ManagerEntry[]): Tree[] {
  const live = entries.filter((e) => e.set.size > 0);
  live.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      cmp(p.time ?? '', q.time ?? '') ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  return live.map(
    (e) =>
      e.stored ?? {
        manager: e.manager,
        operation: e.operation,
        apiVersion: e.apiVersion,
        ...(e.time ? { time: e.time } : {}),
        fieldsType: 'FieldsV1',
        fieldsV1: toFieldsV1(e.set),
        ...(e.subresource ? { subresource: e.subresource } : {}),
      },
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The managed fields a write starts from: those it sends when they differ from the live ones (a reset), else the live ones. */
function baseEntries(old: KObject | undefined, next: KObject): ManagerEntry[] {
  const given = next.metadata.managedFields;
  if (Array.isArray(given) && given.length && !deepEqual(given, old?.metadata.managedFields))
    return decodeManaged(given, false);
  return decodeManaged(old?.metadata.managedFields);
}

/** Removes `paths` from the entry's set; an entry that loses any is encoded anew. */
export function dropPaths(e: ManagerEntry, paths: Iterable<string>): void {
  for (const p of paths) if (e.set.delete(p)) e.stored = undefined;
}

export function setManaged(obj: KObject, entries: ManagerEntry[]): void {
  const encoded = encodeManaged(entries);
  if (encoded.length) obj.metadata.managedFields = encoded;
  else delete obj.metadata.managedFields;
}

// Fields of Go types that serialize even when empty (structs, lists without omitempty): the API server compares
// against a zero object that already has them, so it never sees them added and never owns them as a whole.
const ALWAYS_PRESENT = new Set([
  'f:spec',
  'f:status',
  'f:metadata',
  'f:template',
  'f:strategy',
  'f:containers',
]);

function alwaysPresent(path: string, flat: Flat): boolean {
  const last = path.slice(path.lastIndexOf(SEP) + 1);
  return ALWAYS_PRESENT.has(last) && flat.get(path)?.member === false;
}

/** Records an Update (create, PUT, patch) by `w`: it takes every field it changed, from every other manager. */
export function recordUpdate(old: KObject | undefined, next: KObject, w: Writer): void {
  const entries = baseEntries(old, next);
  const after = flatten(next, w.scope);
  const diff = compare(flatten(old ?? {}, w.scope), after);
  const changed = new Set([...diff.added].filter((p) => !alwaysPresent(p, after)));
  for (const p of diff.modified) changed.add(p);
  for (const e of entries) dropPaths(e, [...changed, ...diff.removed]);
  if (changed.size) {
    const id = managerId({ ...w, operation: 'Update' });
    let self = entries.find((e) => managerId(e) === id);
    if (!self) {
      self = {
        manager: w.manager,
        operation: 'Update',
        apiVersion: w.apiVersion,
        subresource: w.subresource,
        set: new Set(),
      };
      entries.push(self);
    }
    for (const p of changed) self.set.add(p);
    self.time = now();
    self.stored = undefined;
  }
  setManaged(next, entries);
}
