/**
 * The attributes the authorizer decides on, derived from a request as upstream's RequestInfoFactory does
 * (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go).
 */

export interface RequestAttributes {
  resourceRequest: boolean;
  /** Non-resource: the lower-cased method. Resource: get, list, watch, create, update, patch, delete, deletecollection (or proxy/watch by URL prefix). */
  verb: string;
  path: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** `/{prefix}/...` forms whose first segment is the verb: legacy `/api/v1/watch/...` and `/proxy/...`. */
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function nonResource(method: string, path: string): RequestAttributes {
  return {
    resourceRequest: false,
    verb: method.toLowerCase(),
    path,
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
  };
}

/** `metadata.name=x` (or `==`) alone in a field selector names the object of a list or watch. */
function nameFromFieldSelector(selector: string | null): string {
  const m = /^metadata\.name==?([^,=!]+)$/.exec(selector ?? '');
  return m && !m[1]!.includes('/') && m[1] !== '.' && m[1] !== '..' ? m[1]! : '';
}

export function requestAttributes(method: string, path: string, query: URLSearchParams): RequestAttributes {
  let parts = path.split('/').filter(Boolean);
  const prefix = parts[0];
  if (parts.length < 3 || (prefix !== 'api' && prefix !== 'apis')) return nonResource(method, path);
  parts = parts.slice(1);
  let apiGroup = '';
  if (prefix === 'apis') {
    if (parts.length < 3) return nonResource(method, path);
    apiGroup = parts[0]!;
    parts = parts.slice(1);
  }
  const apiVersion = parts[0]!;
  parts = parts.slice(1);
  let verb = METHOD_VERBS[method] ?? '';
  if (parts[0] && SPECIAL_VERBS.has(parts[0]) && parts.length >= 2) {
    verb = parts[0];
    parts = parts.slice(1);
  }
  let namespace = '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1]!;
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
  }
  const resource = parts[0] ?? '';
  let name = parts[1] ?? '';
  const subresource = parts.length >= 3 && verb !== 'proxy' ? parts[2]! : '';
  if (!name && verb === 'get') {
    const watch = query.get('watch');
    verb = watch !== null && watch.toLowerCase() !== 'false' && watch !== '0' ? 'watch' : 'list';
    name = nameFromFieldSelector(query.get('fieldSelector'));
  }
  if (!name && verb === 'delete') verb = 'deletecollection';
  return { resourceRequest: true, verb, path, apiGroup, apiVersion, namespace, resource, subresource, name };
}
