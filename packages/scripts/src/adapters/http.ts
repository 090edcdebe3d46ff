/** Health checks over plain HTTP(S), for environments with public URLs. */
import { describeRedirect, failureOf } from './_fetch.ts';
import { httpSend } from './_http-request.ts';
import { requestDeadline } from './time.ts';

/** The outcome of one health request; `status` 0 means no answer. */
export interface HealthResult {
  ok: boolean;
  status: number;
  body: string;
  /** Why there was no answer, or a short description of a bad one. */
  error?: string;
  ms: number;
}

/**
 * GET `url` with a timeout; 2xx is healthy, and a redirect is not (a health URL that moved must be fixed in
 * the runbook, not followed to a host nobody configured). Never throws for an unhealthy answer; throws
 * E_INTERRUPTED when `signal` aborts.
 */
export async function httpGet(
  url: string,
  options: { timeoutMs?: number; method?: 'GET' | 'POST'; signal?: AbortSignal } = {},
): Promise<HealthResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = requestDeadline(timeoutMs, options.signal);
  try {
    const res = await httpSend(url, { method: options.method ?? 'GET', signal: deadline.signal });
    const redirect = describeRedirect(res, url);
    if (redirect) res.discard();
    const body = redirect ? '' : await res.text();
    const ms = Date.now() - started;
    const error = redirect ?? (res.ok ? undefined : `HTTP ${res.status}`);
    return { ok: res.ok, status: res.status, body, ms, ...(error ? { error } : {}) };
  } catch (err) {
    const error = failureOf(err, timeoutMs, 's', options.signal);
    return { ok: false, status: 0, body: '', error, ms: Date.now() - started };
  } finally {
    deadline.done();
  }
}
