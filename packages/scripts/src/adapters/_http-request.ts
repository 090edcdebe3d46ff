/**
 * One HTTP(S) request with node:http, for Prometheus, webhooks and health URLs. Not `fetch`: its parser
 * (undici's WebAssembly llhttp) costs a cold CLI process about 100 ms to compile and tier up for the two or
 * three requests it makes; node:http's parser is built into Node.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** An answer whose body has not been read yet: read it with `text()` or drop it with `discard()`. */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  /** A header's value (the first, when repeated), or null. */
  header(name: string): string | null;
  /** The body as UTF-8; rejects with the signal's reason when it aborts meanwhile. */
  text(): Promise<string>;
  discard(): void;
}

export interface HttpRequestInit {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Aborting it ends the request, or the body's read, with the signal's reason (as fetch does). */
  signal: AbortSignal;
}

/**
 * Sends one request; redirects are answers, never followed. A failure to connect rejects with an Error whose
 * `cause` is the system error (`cause.code` ECONNREFUSED, ENOTFOUND…), as fetch's "fetch failed" does.
 */
export function httpSend(url: string, init: HttpRequestInit): Promise<HttpAnswer> {
  const { signal } = init;
  if (signal.aborted) return Promise.reject(signal.reason);
  let target: URL;
  try {
    target = new URL(url);
  } catch (err) {
    return Promise.reject(new TypeError('invalid URL', { cause: err }));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(
      new TypeError('request failed', { cause: new Error(`unsupported ${target.protocol}`) }),
    );
  // As fetch: credentials in a URL are refused, never sent as they are nor dropped silently.
  if (target.username || target.password)
    return Promise.reject(new TypeError('a URL that includes credentials cannot be requested'));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = {
    ...init.headers,
    ...(init.body === undefined ? {} : { 'content-length': `${Buffer.byteLength(init.body)}` }),
  };
  return new Promise((resolve, reject) => {
    // agent: false, one connection per request: a kept-alive socket the server has closed meanwhile would
    // fail the next request with ECONNRESET, and these requests are few.
    const req = send(target, { method: init.method, headers, agent: false }, (res) => {
      signal.removeEventListener('abort', onAbort);
      resolve(answer(res, signal));
    });
    const onAbort = () => {
      req.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(signal.aborted ? signal.reason : new Error('request failed', { cause: err }));
    });
    req.end(init.body);
  });
}

function answer(res: IncomingMessage, signal: AbortSignal): HttpAnswer {
  const status = res.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status <= 299,
    header(name) {
      const value = res.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : value;
    },
    text: () => readBody(res, signal),
    discard: () => void res.destroy(),
  };
}

function readBody(res: IncomingMessage, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      res.destroy();
      return reject(signal.reason);
    }
    const chunks: Buffer[] = [];
    const onAbort = () => {
      res.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    res.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(signal.aborted ? signal.reason : err);
    });
    // A connection closed before the body's end: settled here, not left waiting for the deadline.
    res.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      if (!res.complete)
        reject(signal.aborted ? signal.reason : new Error('connection closed before the end of the body'));
    });
  });
}

/** The same answer from a fetch-compatible function (a test's fake, a caller's own fetch). */
export function viaFetch(fetchFn: typeof fetch): (url: string, init: HttpRequestInit) => Promise<HttpAnswer> {
  return async (url, init) => {
    const res = await fetchFn(url, { ...init, redirect: 'manual' });
    return {
      status: res.status,
      ok: res.ok,
      header: (name) => res.headers.get(name),
      text: () => res.text(),
      discard: () => void res.body?.cancel().catch(() => {}),
    };
  };
}
