/** Health checks over plain HTTP(S), for environments with public URLs. */

/** The outcome of one health request; `status` 0 means no answer. */
export interface HealthResult {
  ok: boolean;
  status: number;
  body: string;
  /** Why there was no answer, or a short description of a bad one. */
  error?: string;
  ms: number;
}

/** GET `url` with a timeout; 2xx is healthy. Never throws: an unreachable URL is an unhealthy result. */
export async function httpGet(
  url: string,
  options: { timeoutMs?: number; method?: 'GET' | 'POST'; signal?: AbortSignal } = {},
): Promise<HealthResult> {
  const started = Date.now();
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const res = await fetch(url, { method: options.method ?? 'GET', signal, redirect: 'follow' });
    const body = await res.text();
    const ms = Date.now() - started;
    return { ok: res.ok, status: res.status, body, ms, ...(res.ok ? {} : { error: `HTTP ${res.status}` }) };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const error =
      e.name === 'TimeoutError'
        ? `no answer within ${(options.timeoutMs ?? 5000) / 1000} s`
        : (e.cause?.code ?? e.message);
    return { ok: false, status: 0, body: '', error, ms: Date.now() - started };
  }
}
