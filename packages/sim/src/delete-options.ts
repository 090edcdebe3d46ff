/** A DELETE's options (meta/v1 DeleteOptions), from its query and body, and its preconditions. */
import { isPlainObject } from './_json.ts';
import type { KObject } from './types.ts';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  /** What the object must still be for the delete to happen (a 409 otherwise). */
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** DeleteOptions from the query and the body, the body winning, as the API server merges them. */
export function deleteOptions(query: URLSearchParams, body: string): DeleteOptions {
  const out: DeleteOptions = {};
  const grace = query.get('gracePeriodSeconds');
  if (grace !== null && grace !== '') out.gracePeriodSeconds = Number(grace);
  const policy = query.get('propagationPolicy');
  if (policy) out.propagationPolicy = policy;
  if (query.get('orphanDependents') === 'true') out.propagationPolicy ??= 'Orphan';
  let parsed: unknown;
  try {
    parsed = body.trim() ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  if (isPlainObject(parsed)) {
    if (typeof parsed.gracePeriodSeconds === 'number') out.gracePeriodSeconds = parsed.gracePeriodSeconds;
    if (typeof parsed.propagationPolicy === 'string') out.propagationPolicy = parsed.propagationPolicy;
    else if (parsed.orphanDependents === true) out.propagationPolicy = 'Orphan';
    const pre = parsed.preconditions;
    if (isPlainObject(pre)) {
      out.preconditions = {};
      if (typeof pre.uid === 'string') out.preconditions.uid = pre.uid;
      if (typeof pre.resourceVersion === 'string') out.preconditions.resourceVersion = pre.resourceVersion;
    }
  }
  return out;
}

/** Why a delete's preconditions fail on `o`, in the API server's words, or null. */
export function unmetPrecondition(o: KObject, pre: DeleteOptions['preconditions']): string | null {
  const { uid, resourceVersion } = o.metadata;
  if (pre?.uid !== undefined && pre.uid !== uid)
    return `UID in precondition: ${pre.uid}, UID in object meta: ${uid ?? ''}`;
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== resourceVersion)
    return `ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${resourceVersion ?? ''}`;
  return null;
}
