/** CRUD on stored resources, with the checks and replies of the API server's generic registry. */
import { clone, isPlainObject } from './_json.ts';
import { admit } from './admission.ts';
import { R } from './context.ts';
import { encodeContinue, readContinue } from './continue-token.ts';
import { type DeleteOptions, unmetPrecondition } from './delete-options.ts';
import { dryRunCreate, dryRunUpdate } from './dry-run.ts';
import { badRequest, notFound, preconditionFailed } from './errors.ts';
import { validateFields } from './field-validation.ts';
import { recordUpdate, writerOf } from './managed-fields.ts';
import { applyPatch, PATCH_TYPES } from './patch.ts';
import { deletePod } from './pod-termination.ts';
import { apiVersionOf, type ResourceType } from './resources.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';
import { applyRequest } from './server-side-apply.ts';
import type { Store } from './store.ts';
import { type IncludeObject, toTable } from './table.ts';
import type { KObject } from './types.ts';
import type { WriteOptions } from './write-options.ts';

export interface Target {
  resource: ResourceType;
  namespace?: string;
  name?: string;
}

export type Representation = 'object' | 'table' | 'metadata';

/** What the Accept header asks for: kubectl get asks for a Table first, client libraries for plain JSON. */
export function representation(accept: string | undefined): Representation {
  const first = (accept ?? '').split(',')[0] ?? '';
  if (/as=Table/i.test(first)) return 'table';
  if (/as=PartialObjectMetadata/i.test(first)) return 'metadata';
  return 'object';
}

// The JSON text each parsed body came from: strict field validation reports duplicate keys, which JSON.parse drops.
const bodyText = new WeakMap<KObject, string>();

export function parseBody(text: string): KObject {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
  if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON object');
  const obj = body as KObject;
  if (!isPlainObject(obj.metadata)) obj.metadata = {};
  bodyText.set(obj, text);
  return obj;
}

function checkKind(r: ResourceType, obj: KObject): void {
  if ((obj.kind && obj.kind !== r.kind) || (obj.apiVersion && obj.apiVersion !== apiVersionOf(r))) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${apiVersionOf(r)})`,
    );
  }
}

function checkNamespace(t: Target, obj: KObject): void {
  if (!t.resource.namespaced) return;
  if (obj.metadata.namespace && obj.metadata.namespace !== t.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  obj.metadata.namespace = t.namespace;
}

function render(
  r: ResourceType,
  store: Store,
  items: KObject[],
  rep: Representation,
  include: IncludeObject,
): unknown {
  if (rep === 'table') return toTable(r, items, store.resourceVersion, include);
  return undefined;
}

export function metadataOnly(o: KObject): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export interface ListQuery {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continue?: string | null;
}

export function listObjects(store: Store, t: Target, q: ListQuery): KObject[] {
  const labels = parseLabelSelector(q.labelSelector);
  const fields = parseFieldSelector(q.fieldSelector, t.resource);
  return store.list(t.resource, t.namespace, (o) => labels(o.metadata.labels) && fields(o));
}

export function list(
  store: Store,
  t: Target,
  q: ListQuery,
  rep: Representation,
  include: IncludeObject,
): unknown {
  const labels = parseLabelSelector(q.labelSelector);
  const fields = parseFieldSelector(q.fieldSelector, t.resource);
  const filter =
    q.labelSelector || q.fieldSelector ? (o: KObject) => labels(o.metadata.labels) && fields(o) : undefined;
  const token = q.continue ? readContinue(q.continue, store.oldestResumable) : undefined;
  const rv = token?.rv ?? Number(store.resourceVersion);
  const after = token?.start;
  const page = store.page(
    t.resource,
    t.namespace,
    filter,
    after,
    q.limit && q.limit > 0 ? q.limit : Number.POSITIVE_INFINITY,
  );
  const items = page.items as KObject[];
  const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
  if (page.next !== undefined) {
    metadata.continue = encodeContinue(rv, page.next);
    if (page.remaining !== undefined) metadata.remainingItemCount = page.remaining;
  }
  const table = render(t.resource, store, items, rep, include);
  if (table) return { ...(table as object), metadata };
  if (rep === 'metadata') {
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata,
      items: items.map(metadataOnly),
    };
  }
  return { kind: `${t.resource.kind}List`, apiVersion: apiVersionOf(t.resource), metadata, items };
}

export function get(store: Store, t: Target, rep: Representation, include: IncludeObject): unknown {
  // Only serialized: no copy needed.
  const o = store.peek(t.resource, t.namespace, t.name!);
  if (!o) throw notFound(t.resource, t.name!);
  return render(t.resource, store, [o], rep, include) ?? (rep === 'metadata' ? metadataOnly(o) : o);
}

function ensureNamespace(store: Store, t: Target): void {
  if (t.resource.namespaced && t.namespace && !store.peek(R.namespaces, undefined, t.namespace)) {
    throw notFound(R.namespaces, t.namespace);
  }
}

/**
 * `w` carries the request's fieldManager/fieldValidation; writes by the sim itself (the initial world) pass none and
 * record no managed fields. `applied`: server-side apply has validated the object and recorded its managed fields.
 */
export function create(
  store: Store,
  t: Target,
  obj: KObject,
  dryRun: boolean,
  w?: WriteOptions,
  applied = false,
): KObject {
  checkKind(t.resource, obj);
  if (w && !applied) validateFields(t.resource, obj, w.fieldValidation, 'body', w.warn, bodyText.get(obj));
  checkNamespace(t, obj);
  ensureNamespace(store, t);
  const meta = obj.metadata;
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation'] as const)
    delete meta[k];
  admit(t.resource, obj);
  if (w && !applied) recordUpdate(undefined, obj, writerOf(t.resource, w.manager, undefined));
  if (dryRun) return dryRunCreate(store, t.resource, obj, t.namespace);
  return store.create(t.resource, obj);
}

/** Replaces the whole object (PUT), or only its status (`sub` = status). */
export function update(
  store: Store,
  t: Target,
  obj: KObject,
  sub: string | undefined,
  dryRun: boolean,
  w?: WriteOptions,
): KObject {
  if (w) {
    const live = store.peek(t.resource, t.namespace, t.name!);
    validateFields(t.resource, obj, w.fieldValidation, 'body', w.warn, bodyText.get(obj), live);
  }
  return replace(store, t, obj, sub, dryRun, w);
}

function replace(
  store: Store,
  t: Target,
  obj: KObject,
  sub: string | undefined,
  dryRun: boolean,
  w: WriteOptions | undefined,
  applied = false,
): KObject {
  checkKind(t.resource, obj);
  checkNamespace(t, obj);
  if (obj.metadata.name !== t.name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${t.name})`,
    );
  }
  const old = store.must(t.resource, t.namespace, t.name!);
  let next: KObject;
  if (sub === 'status') {
    next = { ...clone(old), status: obj.status };
    next.metadata.resourceVersion = obj.metadata.resourceVersion;
  } else {
    next = obj;
    if (t.resource.subresources?.includes('status')) next.status = clone(old.status);
    admit(t.resource, next, old);
  }
  if (w && !applied) recordUpdate(old, next, writerOf(t.resource, w.manager, sub));
  if (dryRun) return dryRunUpdate(t.resource, old, next);
  return store.update(t.resource, next);
}

export function patch(
  store: Store,
  t: Target,
  contentType: string,
  body: string,
  sub: string | undefined,
  dryRun: boolean,
  w?: WriteOptions,
): KObject {
  if (contentType.split(';')[0]!.trim().toLowerCase() === PATCH_TYPES.apply) {
    // Server-side apply creates the object when there is none, as the API server does.
    const live = store.get(t.resource, t.namespace, t.name!);
    const merged = applyRequest(t.resource, { namespace: t.namespace, name: t.name! }, live, body, sub, w);
    return live ? replace(store, t, merged, sub, dryRun, w, true) : create(store, t, merged, dryRun, w, true);
  }
  const old = store.must(t.resource, t.namespace, t.name!);
  const patched = applyPatch(old, contentType, body);
  if (!isPlainObject(patched) || !isPlainObject(patched.metadata))
    throw badRequest('the patch removed the object metadata');
  const obj = patched as KObject;
  if (obj.metadata.name !== t.name)
    throw badRequest(`metadata.name: Invalid value: "${obj.metadata.name}": field is immutable`);
  if (w) {
    const jsonPatch = contentType.split(';')[0]!.trim().toLowerCase() === PATCH_TYPES.json;
    validateFields(t.resource, obj, w.fieldValidation, 'patch', w.warn, jsonPatch ? undefined : body, old);
  }
  return replace(store, t, obj, sub, dryRun, w);
}

/** Orphan propagation: the dependents lose their reference to the owner instead of going with it. */
function orphanDependents(store: Store, uid: string | undefined): void {
  for (const [r, o] of [...store.all()]) {
    const refs = o.metadata.ownerReferences ?? [];
    if (!refs.some((ref) => ref.uid === uid)) continue;
    const next = clone(o);
    next.metadata.ownerReferences = refs.filter((ref) => ref.uid !== uid);
    if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
    store.update(r, next);
  }
}

export function remove(store: Store, t: Target, dryRun: boolean, options: DeleteOptions = {}): unknown {
  const r = t.resource;
  const existing = store.must(r, t.namespace, t.name!);
  const failed = unmetPrecondition(existing, options.preconditions);
  if (failed) throw preconditionFailed(r, t.namespace, t.name!, failed);
  if (dryRun) return existing;
  if (options.propagationPolicy === 'Orphan') orphanDependents(store, existing.metadata.uid);
  if (r === R.pods) return deletePod(store, existing, options.gracePeriodSeconds);
  const gone = store.delete(r, t.namespace, t.name!);
  if (r === R.namespaces) {
    gone.metadata.deletionTimestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    gone.status = { phase: 'Terminating' };
    return gone;
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: t.name, ...(r.group ? { group: r.group } : {}), kind: r.name, uid: gone.metadata.uid },
  };
}

export function removeCollection(store: Store, t: Target, q: ListQuery, dryRun: boolean): unknown {
  const items = listObjects(store, t, q);
  if (!dryRun)
    for (const o of items) {
      if (t.resource === R.pods) deletePod(store, o);
      else store.delete(t.resource, o.metadata.namespace, o.metadata.name!);
    }
  return {
    kind: `${t.resource.kind}List`,
    apiVersion: apiVersionOf(t.resource),
    metadata: { resourceVersion: store.resourceVersion },
    items,
  };
}
