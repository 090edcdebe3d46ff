/**
 * `--dry-run=server`: a write sent exactly as it would be, with `dryRun=All`, so that the API server
 * authenticates, validates and admits it, and changes nothing (as `kubectl … --dry-run=server`).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { EXIT, RunbookError } from '@runbook/core';
import type { KubeConnections } from './_kube-connections.ts';
import { mapKubeError } from './_kube-errors.ts';
import { rawRequest } from './_raw-request.ts';
import type { ApiCall } from './kube-calls.ts';

/** What the server answered to a refused change; it would refuse the real one the same way. */
const REFUSED = new Set([400, 409, 422]);

/** The `message` of the v1 Status the API server sends with a refusal, else the start of the body. */
function refusalMessage(body: string): string {
  try {
    const status: unknown = JSON.parse(body);
    if (status === null) return body.slice(0, 200);
    const message = typeof status === 'object' && 'message' in status ? status.message : undefined;
    return String(message ?? body);
  } catch {
    return body.slice(0, 200);
  }
}

export async function sendDryRun(
  kc: KubeConfig,
  connections: KubeConnections,
  call: ApiCall,
  timeoutMs: number,
  where: { server: string; context: string | null; namespace: string },
  signal?: AbortSignal,
): Promise<unknown> {
  const what = `${call.method} ${call.path}`;
  const path = `${call.path.replace(/^\/+/, '')}${call.path.includes('?') ? '&' : '?'}dryRun=All`;
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const res = await rawRequest(
    kc,
    connections,
    call.method,
    path,
    body,
    timeoutMs,
    signal,
    call.contentType,
  ).catch((err) => {
    throw mapKubeError(err, what, where);
  });
  if (res.status >= 200 && res.status < 300) return res.body ? JSON.parse(res.body) : {};
  if (REFUSED.has(res.status)) {
    const message = refusalMessage(res.body);
    throw new RunbookError(
      'E_DRY_RUN_REFUSED',
      `server dry run: the API server refuses ${what} (${res.status}): ${message}`,
      EXIT.precondition,
      'nothing was changed; the real run would fail the same way',
    );
  }
  throw mapKubeError({ code: res.status, body: res.body }, what, where);
}
