/** PATCH bodies: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and Kubernetes strategic merge patch. */
import { clone, deepEqual, isPlainObject } from './_json.ts';
import { ApiError, badRequest } from './errors.ts';
import { strategicMerge } from './strategic-merge.ts';

export const PATCH_TYPES = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw badRequest(
      `the server rejected our request due to an error in our request: invalid JSON pointer "${path}"`,
    );
  return path.slice(1).split('/').map(unescapeToken);
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, tokens: string[], path: string): { parent: Container; last: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (isPlainObject(cur)) cur = cur[t];
    else cur = undefined;
    if (cur === undefined) throw missing(path);
  }
  if (!Array.isArray(cur) && !isPlainObject(cur)) throw missing(path);
  return { parent: cur, last: tokens[tokens.length - 1]! };
}

function missing(path: string): ApiError {
  // The API server's wording for jsonpatch errors on absent paths.
  return new ApiError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request: doc is missing path: "${path}": missing value`,
  );
}

function arrayIndex(arr: unknown[], token: string, path: string, forAdd: boolean): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^\d+$/.test(token)) throw missing(path);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) throw missing(path);
  return i;
}

function getAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const t of parsePointer(path)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, path, false)];
    else if (isPlainObject(cur) && Object.hasOwn(cur, t)) cur = cur[t];
    else throw missing(path);
  }
  return cur;
}

function removeAt(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (!tokens.length) throw missing(path);
  const { parent, last } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, path, false), 1)[0];
  if (!Object.hasOwn(parent, last)) throw missing(path);
  const v = parent[last];
  delete parent[last];
  return v;
}

function addAt(doc: unknown, path: string, value: unknown, replace: boolean): unknown {
  const tokens = parsePointer(path);
  if (!tokens.length) return clone(value);
  const { parent, last } = resolveParent(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, path, !replace);
    parent.splice(i, replace ? 1 : 0, clone(value));
  } else {
    if (replace && !Object.hasOwn(parent, last)) throw missing(path);
    parent[last] = clone(value);
  }
  return doc;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw badRequest(
      'the server rejected our request due to an error in our request: json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  let doc = clone(target);
  for (const op of ops) {
    if (!isPlainObject(op) || typeof op.op !== 'string' || typeof op.path !== 'string') {
      throw badRequest(
        'the server rejected our request due to an error in our request: invalid JSON patch operation',
      );
    }
    const path = op.path;
    switch (op.op) {
      case 'add':
        doc = addAt(doc, path, op.value, false);
        break;
      case 'replace':
        doc = addAt(doc, path, op.value, true);
        break;
      case 'remove':
        removeAt(doc, path);
        break;
      case 'move': {
        const v = removeAt(doc, String(op.from));
        doc = addAt(doc, path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, path, getAt(doc, String(op.from)), false);
        break;
      case 'test':
        if (!deepEqual(getAt(doc, path), op.value)) {
          throw new ApiError(
            422,
            'Invalid',
            `the server rejected our request due to an error in our request: testing value ${path} failed: test failed`,
          );
        }
        break;
      default:
        throw badRequest(
          `the server rejected our request due to an error in our request: Unexpected kind: ${op.op}`,
        );
    }
  }
  return doc;
}

/** Parses a PATCH body and applies it to `target` according to its Content-Type. */
export function applyPatch(target: unknown, contentType: string, body: string): unknown {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === PATCH_TYPES.apply) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      'server-side apply of this subresource is not supported by the simulated cluster; use a strategic merge or JSON merge patch',
    );
  }
  if (type !== PATCH_TYPES.merge && type !== PATCH_TYPES.strategic && type !== PATCH_TYPES.json) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${Object.values(PATCH_TYPES).join(', ')}`,
    );
  }
  let patch: unknown;
  try {
    patch = JSON.parse(body);
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
  if (type === PATCH_TYPES.json) return jsonPatch(target, patch);
  if (!isPlainObject(patch)) {
    throw badRequest(
      `error decoding patch: json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`,
    );
  }
  return type === PATCH_TYPES.merge ? mergePatch(target, patch) : strategicMerge(target, patch);
}
