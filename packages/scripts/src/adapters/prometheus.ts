/** A small client of the Prometheus HTTP API: instant and range queries, with timeouts and typed failures. */
import { EXIT, RunbookError } from '@runbook/core';
import { describeRedirect, failureOf } from './_fetch.ts';
import { type HttpAnswer, httpSend, viaFetch } from './_http-request.ts';
import { requestDeadline } from './time.ts';

/** One series of a query result; values are numbers, with `NaN`, `+Inf`, `-Inf` as Prometheus writes them. */
export interface PromSeries {
  metric: Record<string, string>;
  /** `[epoch ms, value]`, oldest first. */
  points: Array<[number, number]>;
}

export interface PrometheusClient {
  /** The base URL without credentials, safe to print. */
  readonly url: string;
  /** `/api/v1/query`: the value of `expr` at `atMs` (default now). */
  query(expr: string, atMs?: number): Promise<PromSeries[]>;
  /** `/api/v1/query_range` from `startMs` to `endMs` every `stepMs`. */
  queryRange(expr: string, startMs: number, endMs: number, stepMs: number): Promise<PromSeries[]>;
}

export interface PrometheusOptions {
  /** Per request; default 5 s. */
  timeoutMs?: number;
  /** A fetch-compatible function to send requests with, instead of node:http (tests). */
  fetch?: typeof fetch;
  /** The run's signal: aborting it stops a waiting request with E_INTERRUPTED (exit 130). */
  signal?: AbortSignal;
}

/** Prometheus could not answer: unreachable, timed out, HTTP error, or a query error. */
export class PrometheusError extends RunbookError {
  override name = 'PrometheusError';
  constructor(message: string) {
    super('E_PROMETHEUS', message, EXIT.inconclusive);
  }
}

export function parsePromValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** The URL without user, password, query or fragment: what may appear in output and journals. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

interface ApiBody {
  status?: string;
  error?: string;
  errorType?: string;
  data?: {
    resultType?: string;
    result?: unknown;
  };
}

function toSeries(data: ApiBody['data']): PromSeries[] {
  const type = data?.resultType;
  const result = data?.result;
  if (type === 'scalar') {
    const [t, v] = result as [number, string];
    return [{ metric: {}, points: [[Math.round(t * 1000), parsePromValue(v)]] }];
  }
  if (type !== 'vector' && type !== 'matrix') {
    throw new PrometheusError(`unexpected result type "${type ?? 'none'}" (expected a vector or a matrix)`);
  }
  return (
    result as Array<{ metric: Record<string, string>; value?: [number, string]; values?: [number, string][] }>
  ).map((s) => ({
    metric: s.metric ?? {},
    points: (s.values ?? (s.value ? [s.value] : [])).map(([t, v]) => [
      Math.round(t * 1000),
      parsePromValue(v),
    ]),
  }));
}

export function createPrometheusClient(baseUrl: string, options: PrometheusOptions = {}): PrometheusClient {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RunbookError(
      'E_USAGE',
      `--prometheus: expected a URL such as http://127.0.0.1:9090`,
      EXIT.usage,
    );
  }
  const safe = redactUrl(url);
  const timeoutMs = options.timeoutMs ?? 5000;
  const send = options.fetch ? viaFetch(options.fetch) : httpSend;
  // Credentials in the URL travel as a header, and never appear in messages.
  const headers: Record<string, string> = { accept: 'application/json' };
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;

  async function call(path: string, params: Record<string, string>): Promise<PromSeries[]> {
    const deadline = requestDeadline(timeoutMs, options.signal);
    try {
      return await post(path, params, deadline.signal);
    } finally {
      deadline.done();
    }
  }

  async function post(
    path: string,
    params: Record<string, string>,
    signal: AbortSignal,
  ): Promise<PromSeries[]> {
    const body = new URLSearchParams(params).toString();
    let res: HttpAnswer;
    try {
      res = await send(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal,
      });
    } catch (err) {
      const why = failureOf(err, timeoutMs, 'ms', options.signal);
      throw new PrometheusError(`Prometheus at ${safe} is unreachable (${why})`);
    }
    const redirect = describeRedirect(res, base);
    if (redirect) {
      res.discard();
      throw new PrometheusError(`Prometheus at ${safe} ${redirect}`);
    }
    let json: ApiBody;
    try {
      json = JSON.parse(await res.text()) as ApiBody;
    } catch (err) {
      // The body can stall after the headers: the same timeout and signal apply to it.
      if ((err as Error).name === 'TimeoutError' || options.signal?.aborted) {
        const why = failureOf(err, timeoutMs, 'ms', options.signal);
        throw new PrometheusError(`Prometheus at ${safe} stopped answering (${why})`);
      }
      throw new PrometheusError(`Prometheus at ${safe} answered HTTP ${res.status} without a JSON body`);
    }
    if (json.status !== 'success') {
      const detail = json.error ? `${json.errorType ?? 'error'}: ${json.error}` : `HTTP ${res.status}`;
      throw new PrometheusError(`Prometheus at ${safe} refused the query (${detail})`);
    }
    return toSeries(json.data);
  }

  return {
    url: safe,
    query: (expr, atMs) =>
      call('/api/v1/query', { query: expr, ...(atMs !== undefined ? { time: String(atMs / 1000) } : {}) }),
    queryRange: (expr, startMs, endMs, stepMs) =>
      call('/api/v1/query_range', {
        query: expr,
        start: String(startMs / 1000),
        end: String(endMs / 1000),
        step: String(stepMs / 1000),
      }),
  };
}
