/**
 * A fault-injection reverse proxy for tests: sits between a tool and any HTTP upstream (the sim's API server,
 * Prometheus, a webhook receiver) and, per rule, delays, hangs, answers a status, drops the connection, or
 * lets the request through and then runs a hook (stopping the upstream, say).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { reasonFor, type StatusBody } from './errors.ts';

/** What the proxy does with a request a rule matched. */
export type FaultAction =
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'respond'; status: number; body?: unknown; contentType?: string }
  | { kind: 'drop' }
  /** Forwards, then runs `after` before the client gets the answer (not for streams: they would wait). */
  | { kind: 'pass'; after: (request: ProxiedRequest) => void | Promise<void> };

export interface FaultRule {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** A path prefix, or a pattern tested against the path (without the query). */
  path: string | RegExp;
  /** Which matching request (1-based) the action applies to; every matching request when absent. */
  nth?: number | 'every';
  action: FaultAction;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  query: string;
  /** The request body as text (empty for GET). */
  body: string;
  /** Kind of the action taken; `forward` when no rule applied. */
  action: FaultAction['kind'] | 'forward';
  /** The status the client got (absent while pending, hung, dropped or streaming). */
  status?: number;
  /** Why the upstream or an `after` hook failed, when it did. */
  error?: string;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, oldest first. */
  requests(): readonly ProxiedRequest[];
  /** Replaces the rules; their counts of matching requests restart at zero. */
  setRules(rules: FaultRule[]): void;
  /** Stops listening and destroys every open connection (hung and streaming ones included). */
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /** `http://HOST:PORT` of the real server. */
  upstream: string;
  rules?: FaultRule[];
}

/** A Kubernetes `Status` failure body, as the API server sends with a 409, 500 or 503. */
export function kubeStatus(code: number, message = `injected ${code}`): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reasonFor(code),
    code,
  };
}

/** The action answering a Kubernetes `Status` of this code. */
export function respondStatus(code: number, message?: string): FaultAction {
  return { kind: 'respond', status: code, body: kubeStatus(code, message) };
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  return typeof rule.path === 'string' ? path.startsWith(rule.path) : rule.path.test(path);
}

/** Counts the request against every rule it matches; the first rule whose turn it is wins. */
function pick(rules: ActiveRule[], method: string, path: string): FaultAction | undefined {
  let chosen: FaultAction | undefined;
  for (const r of rules) {
    if (!matches(r.rule, method, path)) continue;
    r.seen += 1;
    const nth = r.rule.nth ?? 'every';
    if (!chosen && (nth === 'every' || nth === r.seen)) chosen = r.rule.action;
  }
  return chosen;
}

function send(res: ServerResponse, status: number, body: unknown, contentType?: string): void {
  const isText = typeof body === 'string';
  const text = body === undefined ? '' : isText ? (body as string) : JSON.stringify(body);
  const type = contentType ?? (isText ? 'text/plain; charset=utf-8' : 'application/json');
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function collect(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * Forwards one request and streams the answer back (watches included). With `hold`, the whole answer is
 * read first and handed to the client only once `hold` has run, so the client's next request already sees
 * what the hook did (an upstream stopped between two patches).
 */
function forward(
  upstream: URL,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  hold?: (status: number) => Promise<void>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        const status = up.statusCode ?? 502;
        res.on('finish', () => resolve(status));
        if (!hold) {
          res.writeHead(status, up.headers);
          up.pipe(res);
          up.on('error', reject);
          return;
        }
        collect(up)
          .then(async (answer) => {
            await hold(status);
            res.writeHead(status, { ...up.headers, 'content-length': String(answer.length) });
            res.end(answer);
          })
          .catch(reject);
      },
    );
    // A client that goes away (an aborted request, a closed watch) takes the upstream request with it.
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    // The upstream being down looks, to the client, like the connection dropping: no invented 502.
    out.on('error', (e) => {
      req.socket.destroy();
      reject(e);
    });
    out.end(body);
  });
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== 'http:')
    throw new Error(`fault proxy: upstream must be http://, got ${upstream}`);
  let rules: ActiveRule[] = (options.rules ?? []).map((rule) => ({ rule, seen: 0 }));
  const log: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://proxy');
    const body = await collect(req);
    const action = pick(rules, method, url.pathname);
    const entry: ProxiedRequest = {
      method,
      path: url.pathname,
      query: url.search,
      body: body.toString('utf8'),
      action: action?.kind ?? 'forward',
    };
    log.push(entry);
    if (action?.kind === 'hang') return;
    if (action?.kind === 'drop') return void req.socket.destroy();
    if (action?.kind === 'respond') {
      entry.status = action.status;
      return send(res, action.status, action.body, action.contentType);
    }
    if (action?.kind === 'delay') await wait(action.ms);
    if (res.destroyed) return;
    const after = action?.kind === 'pass' ? action.after : undefined;
    const hold = after
      ? async (status: number) => {
          entry.status = status;
          try {
            await after(entry);
          } catch (e) {
            entry.error = `after hook: ${(e as Error).message}`;
          }
        }
      : undefined;
    try {
      entry.status = await forward(upstream, req, res, body, hold);
    } catch (e) {
      entry.error ??= (e as Error).message;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, kubeStatus(500, `fault proxy: ${(e as Error).message}`));
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => log,
    setRules(next) {
      rules = next.map((rule) => ({ rule, seen: 0 }));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
