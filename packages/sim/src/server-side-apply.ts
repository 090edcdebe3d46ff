/**
 * Server-side apply (PATCH as application/apply-patch+yaml), after structured-merge-diff's Updater.Apply: merge the
 * applied configuration into the live object, drop what this manager applied before and no longer sends (unless
 * someone else owns it), and refuse, unless forced, to change a field another manager set.
 */
import { parse as parseYaml } from 'yaml';
import { now } from './_ids.ts';
import { clone, isPlainObject } from './_json.ts';
import { ApiError, badRequest, notFound } from './errors.ts';
import {
  compare,
  displayPath,
  flatten,
  isAtomicStruct,
  isScalarSet,
  itemKeys,
  members,
  removePath,
  type Scope,
  SEP,
  valueAt,
} from './field-paths.ts';
import { validateApplied } from './field-validation.ts';
import { allowedByLastApplied, syncLastApplied } from './last-applied.ts';
import {
  decodeManaged,
  dropPaths,
  type ManagerEntry,
  managerId,
  setManaged,
  writerOf,
} from './managed-fields.ts';
import type { ResourceType } from './resources.ts';
import type { KObject } from './types.ts';
import type { WriteOptions } from './write-options.ts';

export interface ApplyRequest {
  manager: string;
  force: boolean;
  subresource?: string;
  scope: Scope;
}

export function parseApplyBody(body: string): KObject {
  let cfg: unknown;
  try {
    cfg = parseYaml(body);
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (!isPlainObject(cfg)) throw badRequest('the body of the request must be a JSON or YAML object');
  const obj = cfg as KObject;
  if (!isPlainObject(obj.metadata)) obj.metadata = {};
  if (obj.metadata.managedFields !== undefined && obj.metadata.managedFields !== null)
    throw badRequest('metadata.managedFields must be nil');
  return obj;
}

function mergeValue(field: string, live: unknown, cfg: unknown): unknown {
  if (Array.isArray(cfg)) return mergeList(field, live, cfg);
  if (isPlainObject(cfg) && isPlainObject(live) && !isAtomicStruct(field, cfg)) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(cfg)) out[k] = mergeValue(k, live[k], v);
    return out;
  }
  return clone(cfg);
}

function mergeList(field: string, live: unknown, cfg: unknown[]): unknown[] {
  if (!Array.isArray(live)) return clone(cfg);
  if (isScalarSet(field, cfg) && isScalarSet(field, live)) {
    const out = [...live];
    for (const x of cfg) if (!out.includes(x)) out.push(x);
    return out;
  }
  const cfgIds = itemKeys(field, cfg);
  const liveIds = itemKeys(field, live);
  if (!cfgIds || !liveIds) return clone(cfg);
  const out = live.map((item, i) => {
    const j = cfgIds.indexOf(liveIds[i]!);
    return j < 0 ? item : mergeValue('', item, cfg[j]);
  });
  cfg.forEach((item, j) => {
    if (!liveIds.includes(cfgIds[j]!)) out.push(clone(item));
  });
  return out;
}

function merge(live: KObject, cfg: KObject): KObject {
  const out = mergeValue('', live, cfg) as KObject;
  out.metadata = { ...(mergeValue('metadata', live.metadata, cfg.metadata) as KObject['metadata']) };
  return out;
}

function prefixes(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const els = p.split(SEP);
    for (let i = 1; i <= els.length; i++) out.add(els.slice(0, i).join(SEP));
  }
  return out;
}

/** Removes what the applier owned before and no longer applies, unless another manager owns it (or part of it). */
function prune(obj: KObject, lastSet: Set<string>, entries: ManagerEntry[]): void {
  const kept = prefixes(entries.flatMap((e) => [...e.set]));
  const gone = [...lastSet].filter((p) => !kept.has(p));
  gone.sort((a, b) => b.split(SEP).length - a.split(SEP).length);
  const parents = new Set<string>();
  for (const p of gone) {
    removePath(obj, p);
    const els = p.split(SEP);
    for (let i = els.length - 1; i > 0; i--) parents.add(els.slice(0, i).join(SEP));
  }
  // Maps and lists the applier emptied go too (structured-merge-diff owns named fields as members).
  const byDepth = [...parents].filter((p) => !kept.has(p) || !lastSet.has(p));
  byDepth.sort((a, b) => b.split(SEP).length - a.split(SEP).length);
  for (const p of byDepth) {
    if (kept.has(p)) continue;
    const v = valueAt(obj, p);
    if ((isPlainObject(v) && !Object.keys(v).length) || (Array.isArray(v) && !v.length)) removePath(obj, p);
  }
}

function printManager(e: ManagerEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === 'Update' ? `${s} using ${e.apiVersion}` : s;
}

/** The 409 of an apply conflict, worded as k8s.io/apimachinery's NewConflictError words it. */
export function conflictError(conflicts: Array<{ entry: ManagerEntry; path: string }>): ApiError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.entry)}`,
    field: displayPath(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0]!.entry)}: ${causes[0]!.field}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const m = printManager(c.entry);
      byManager.set(m, [...(byManager.get(m) ?? []), displayPath(c.path)]);
    }
    const lines = [...byManager.keys()]
      .sort()
      .flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

/** The object after `cfg` is applied to `live` (absent for a create), its managed fields recorded. */
export function serverSideApply(live: KObject | undefined, cfg: KObject, req: ApplyRequest): KObject {
  const base: KObject = live ? clone(live) : { metadata: {} };
  const entries = decodeManaged(base.metadata.managedFields);
  delete base.metadata.managedFields;
  // A copy: pruning must not reach into `base`, which the comparison below reads.
  const merged = clone(merge(base, cfg));
  const id = managerId({
    manager: req.manager,
    operation: 'Apply',
    apiVersion: '',
    subresource: req.subresource,
  });
  let self = entries.find((e) => managerId(e) === id);
  const lastSet = self?.set ?? new Set<string>();
  if (!self) {
    self = {
      manager: req.manager,
      operation: 'Apply',
      apiVersion: '',
      subresource: req.subresource,
      set: lastSet,
    };
    entries.push(self);
  }
  self.set = members(flatten(cfg, req.scope));
  self.apiVersion = String(cfg.apiVersion ?? '');
  prune(merged, lastSet, entries);
  const diff = compare(flatten(base, req.scope), flatten(merged, req.scope));
  const conflicts: Array<{ entry: ManagerEntry; path: string }> = [];
  for (const e of entries) {
    if (e === self) continue;
    for (const p of [...diff.added, ...diff.modified])
      if (e.set.has(p)) conflicts.push({ entry: e, path: p });
  }
  if (conflicts.length && !req.force) {
    const allowed = allowedByLastApplied(live, req.manager, req.scope);
    const refused = conflicts.filter((c) => !allowed.has(c.path));
    if (refused.length) throw conflictError(refused);
  }
  for (const e of entries) {
    if (e === self) continue;
    dropPaths(
      e,
      conflicts.filter((c) => c.entry === e).map((c) => c.path),
    );
    dropPaths(e, diff.removed);
  }
  self.time = now();
  self.stored = undefined;
  setManaged(merged, entries);
  syncLastApplied(merged, cfg, req.manager);
  return merged;
}

/** The object a PATCH of type apply-patch+yaml leaves: to create when there is no `live` one, else to write over it. */
export function applyRequest(
  r: ResourceType,
  at: { namespace?: string; name: string },
  live: KObject | undefined,
  body: string,
  sub: string | undefined,
  w: WriteOptions | undefined,
): KObject {
  if (w && !w.managerGiven) {
    throw new ApiError(
      422,
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: is required for apply patch',
            field: 'fieldManager',
          },
        ],
      },
    );
  }
  const cfg = parseApplyBody(body);
  validateApplied(r, cfg, at.namespace);
  if (cfg.metadata.name && cfg.metadata.name !== at.name)
    throw badRequest(
      `the name of the object (${cfg.metadata.name}) does not match the name on the URL (${at.name})`,
    );
  cfg.metadata.name = at.name;
  if (!live && sub) throw notFound(r, at.name);
  const { scope, subresource } = writerOf(r, w?.manager ?? '', sub);
  return serverSideApply(live, cfg, {
    manager: w?.manager ?? 'unknown',
    force: !!w?.force,
    subresource,
    scope,
  });
}
