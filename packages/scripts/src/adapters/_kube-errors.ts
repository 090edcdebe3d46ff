/** Turns client-node failures into the one-line errors a person acts on. */
import { EXIT, RunbookError } from '@runbook/core';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
]);

interface StatusBody {
  message?: string;
  reason?: string;
}

function statusOf(body: unknown): StatusBody {
  if (body && typeof body === 'object') return body as StatusBody;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body.slice(0, 200) };
    }
  }
  return {};
}

/** The verb and resource a request needs, from the API server's message, else from the call's label. */
function missingPermission(what: string, detail: string): { verb: string; resource: string; group: string } {
  const m = /cannot (\S+) resource "([^"]+)" in API group "([^"]*)"/.exec(detail);
  if (m) return { verb: m[1]!, resource: m[2]!, group: m[3]! };
  const [method = '', path = ''] = what.split(' ');
  const verbs: Record<string, string> = {
    GET: 'get',
    POST: 'create',
    PUT: 'update',
    PATCH: 'patch',
    DELETE: 'delete',
  };
  return { verb: verbs[method] ?? method.toLowerCase(), resource: path.split('/')[0] ?? path, group: '' };
}

/** 403: the hint names what to ask for, as the Role `runbook rbac` prints would grant it. */
export function forbidden(what: string, namespace: string, detail: string): RunbookError {
  const p = missingPermission(what, detail);
  const group = p.group ? ` (API group "${p.group}")` : '';
  return new RunbookError(
    'E_FORBIDDEN',
    `forbidden: ${what} in namespace ${namespace}: ${detail}`,
    EXIT.infrastructure,
    `ask for "${p.verb}" on "${p.resource}"${group} in namespace "${namespace}" (runbook rbac prints the Role); check with 'kubectl auth can-i --list -n ${namespace}'`,
  );
}

/** The API server could not be reached at all. */
export function unreachable(server: string, context: string | null, why: string): RunbookError {
  return new RunbookError(
    'E_UNREACHABLE',
    `API server ${server} unreachable (${why})`,
    EXIT.infrastructure,
    `check --context${context ? ` (now "${context}")` : ''}, --kubeconfig/KUBECONFIG and the network/VPN; 'kubectl cluster-info' should answer`,
  );
}

/**
 * Maps any failure of a call described by `what` (`PATCH services/x`) to a RunbookError:
 * unreachable and forbidden exit 5, not found exits 3, other API errors exit 5 (a 409 with code E_CONFLICT).
 */
export function mapKubeError(
  err: unknown,
  what: string,
  where: { server: string; context: string | null; namespace: string },
): RunbookError {
  if (err instanceof RunbookError) return err;
  const e = err as {
    code?: unknown;
    errno?: unknown;
    body?: unknown;
    message?: string;
    cause?: { code?: string };
  };
  const netCode = [e.code, e.errno, e.cause?.code].find((c) => typeof c === 'string' && NETWORK_CODES.has(c));
  if (netCode) return unreachable(where.server, where.context, String(netCode));
  if (typeof e.code === 'number') {
    const status = statusOf(e.body);
    const detail = status.message ?? e.message ?? '';
    if (e.code === 403) return forbidden(what, where.namespace, detail);
    if (e.code === 401) {
      return new RunbookError(
        'E_UNAUTHORIZED',
        `unauthorized: ${what}: credentials rejected by ${where.server}`,
        EXIT.infrastructure,
        'refresh your kube credentials (login, token)',
      );
    }
    if (e.code === 404)
      return new RunbookError(
        'E_NOT_FOUND',
        `not found: ${what} in namespace ${where.namespace}: ${detail}`,
        EXIT.precondition,
      );
    // 409: the object exists already (AlreadyExists) or changed since it was read (Conflict); callers that
    // expect a race tell it by its code, not by the message's words.
    return new RunbookError(
      e.code === 409 ? 'E_CONFLICT' : 'E_API',
      `${what}: API server answered ${e.code}${status.reason ? ` ${status.reason}` : ''}: ${detail}`,
      EXIT.infrastructure,
    );
  }
  return new RunbookError('E_API', `${what}: ${e.message ?? String(err)}`, EXIT.infrastructure);
}

/**
 * A service-proxy answer that is the API server's own refusal (a Status 401/403, as RBAC sends it) rather
 * than the app's: rejected as the error client-node would throw, so that it maps like any other call.
 */
export function proxyRefusal(res: {
  status: number;
  body: string;
}): { code: number; body: string } | undefined {
  if (res.status !== 401 && res.status !== 403) return undefined;
  const s = statusOf(res.body) as StatusBody & { kind?: string };
  return s.kind === 'Status' && (s.reason === 'Forbidden' || s.reason === 'Unauthorized')
    ? { code: res.status, body: res.body }
    : undefined;
}
