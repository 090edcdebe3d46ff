/** What the HTTP adapters share: no redirect is ever followed, and a run's abort signal cuts a request short. */
import type { HttpAnswer } from './_http-request.ts';
import { interrupted } from './time.ts';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A redirect answer said in words, or null. Only the target's origin is named: its path or query may hold
 * a token, as the configured URL's do. Following it would send the request (or a bodiless GET, for 302/303)
 * to a host nobody configured.
 */
export function describeRedirect(res: Pick<HttpAnswer, 'status' | 'header'>, from: string): string | null {
  if (!REDIRECTS.has(res.status)) return null;
  const location = res.header('location');
  let target = 'nowhere (no Location header)';
  if (location) {
    try {
      const origin = new URL(location, from).origin;
      target = origin === 'null' ? 'a non-HTTP location' : origin;
    } catch {
      target = 'an invalid location';
    }
  }
  return `answered HTTP ${res.status}, a redirect to ${target} (not followed)`;
}

/**
 * Why a request failed, in a few words; rethrows E_INTERRUPTED when the run was stopped, so an interrupted
 * run exits 130 instead of reading as an unreachable service.
 */
export function failureOf(err: unknown, timeoutMs: number, unit: 'ms' | 's', run?: AbortSignal): string {
  if (run?.aborted) throw interrupted(run);
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError')
    return `no answer within ${unit === 'ms' ? `${timeoutMs} ms` : `${timeoutMs / 1000} s`}`;
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
