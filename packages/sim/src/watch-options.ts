/** A watch's query parameters, decoded and validated as the API server's ListOptions are. */
import { ApiError, badRequest } from './errors.ts';
import { type Representation, representation } from './handlers.ts';
import type { ResourceType } from './resources.ts';
import { parseFieldSelector, parseLabelSelector } from './selectors.ts';
import type { IncludeObject } from './table.ts';
import type { WatchRequest } from './watch.ts';

/**
 * A boolean query parameter as apimachinery decodes one (Convert_Slice_string_To_bool): absent is false, "0" and
 * "false" in any case are false, anything else (`True`, `1`, even an empty value) is true.
 */
export function queryBool(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  return !(v === '0' || v.toLowerCase() === 'false');
}

export function isWatch(q: URLSearchParams): boolean {
  return queryBool(q, 'watch') === true;
}

interface FieldProblem {
  field: string;
  reason: 'FieldValueForbidden' | 'FieldValueNotSupported';
  message: string;
}

/** The 422 the API server answers for invalid ListOptions (metainternalversionvalidation.ValidateListOptions). */
function invalidListOptions(problems: FieldProblem[]): ApiError {
  const texts = problems.map((p) => `${p.field}: ${p.message}`);
  const summary = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return new ApiError(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${summary}`, {
    group: 'meta.k8s.io',
    kind: 'ListOptions',
    causes: problems.map((p) => ({ reason: p.reason, message: p.message, field: p.field })),
  });
}

function validate(match: string | null, sendInitialEvents: boolean | undefined, cont: string | null): void {
  const problems: FieldProblem[] = [];
  const forbidden = (field: string, why: string): void => {
    problems.push({ field, reason: 'FieldValueForbidden', message: `Forbidden: ${why}` });
  };
  if (sendInitialEvents !== undefined && match !== 'NotOlderThan')
    forbidden(
      'resourceVersionMatch',
      'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
  if (match) {
    if (sendInitialEvents === undefined)
      forbidden(
        'resourceVersionMatch',
        'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
      );
    if (match !== 'NotOlderThan') {
      problems.push({
        field: 'resourceVersionMatch',
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: "${match}": supported values: "NotOlderThan"`,
      });
    }
    if (cont)
      forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided');
  }
  if (problems.length) throw invalidListOptions(problems);
}

function includeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject') ?? '';
  if (v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`unrecognized includeObject value: "${v}"`);
}

function timeoutSeconds(q: URLSearchParams): number | undefined {
  const v = q.get('timeoutSeconds');
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`invalid value for timeoutSeconds: ${JSON.stringify(v)}`);
  // 0 means "none given": the server's own (randomized) limit applies, as for an absent one.
  return n > 0 ? n : undefined;
}

/** The watch a GET with `?watch=…` asks for; throws the API server's 400/422 for invalid options. */
export function watchRequest(
  resource: ResourceType,
  namespace: string | undefined,
  q: URLSearchParams,
  accept: string | undefined,
): WatchRequest {
  const sendInitialEvents = queryBool(q, 'sendInitialEvents');
  const match = q.get('resourceVersionMatch') || null;
  validate(match, sendInitialEvents, q.get('continue'));
  const rep: Representation = representation(accept);
  return {
    resource,
    namespace,
    labels: parseLabelSelector(q.get('labelSelector')),
    fields: parseFieldSelector(q.get('fieldSelector'), resource),
    resourceVersion: q.get('resourceVersion') || undefined,
    timeoutSeconds: timeoutSeconds(q),
    bookmarks: queryBool(q, 'allowWatchBookmarks') === true,
    sendInitialEvents,
    representation: rep,
    include: rep === 'table' ? includeObject(q) : 'Metadata',
  };
}
