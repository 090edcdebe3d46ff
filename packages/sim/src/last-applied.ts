/**
 * The bridge between client-side and server-side apply (managedfields' lastAppliedManager and lastAppliedUpdater):
 * `kubectl apply --server-side` may take, without --force-conflicts, the fields that the last client-side apply set
 * and that still hold their applied value; and it keeps kubectl's last-applied annotation in step.
 */
import { isPlainObject } from './_json.ts';
import { compare, flatten, members, type Scope } from './field-paths.ts';
import type { KObject } from './types.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

// Only kubectl's own server-side apply upgrades from client-side apply; other managers opt out by their name.
const UPGRADING_MANAGER = 'kubectl';

function lastApplied(live: KObject): KObject | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    const obj = JSON.parse(text) as unknown;
    return isPlainObject(obj) && obj.apiVersion === live.apiVersion ? (obj as KObject) : undefined;
  } catch {
    return undefined;
  }
}

/** The paths whose conflicts this apply may override: applied by the last client-side apply and unchanged since. */
export function allowedByLastApplied(live: KObject | undefined, manager: string, scope: Scope): Set<string> {
  const applied = manager === UPGRADING_MANAGER && live ? lastApplied(live) : undefined;
  if (!applied || !live) return new Set();
  const set = members(flatten(applied, scope));
  const diff = compare(flatten(applied, scope), flatten(live, scope));
  for (const p of [...diff.modified, ...diff.removed]) set.delete(p);
  return set;
}

/** After kubectl's server-side apply, an object that has the annotation gets the new configuration in it. */
export function syncLastApplied(obj: KObject, cfg: KObject, manager: string): void {
  const annotations = obj.metadata.annotations;
  if (manager !== UPGRADING_MANAGER || !annotations?.[LAST_APPLIED]) return;
  const copy: KObject = { ...cfg, metadata: { ...cfg.metadata } };
  if (copy.metadata.annotations) {
    const { [LAST_APPLIED]: _, ...rest } = copy.metadata.annotations;
    copy.metadata.annotations = rest;
    if (!Object.keys(rest).length) delete copy.metadata.annotations;
  }
  annotations[LAST_APPLIED] = JSON.stringify(copy);
}
