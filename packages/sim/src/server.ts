/** The API server: HTTP routing of discovery, resource, subresource, watch and proxy requests. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AccessControl } from './access-review.ts';
import { bodyText } from './content-type.ts';
import type { SimContext } from './context.ts';
import { deleteOptions } from './delete-options.ts';
import { coreVersions, groupDoc, groupList, resourceList, versionInfo } from './discovery.ts';
import { ApiError, methodNotAllowed, notFound, reasonFor, resourceNotFound } from './errors.ts';
import * as h from './handlers.ts';
import { openApiGroupVersion, openApiRoot, openApiV2Response } from './openapi.ts';
import { findResource } from './resources.ts';
import type { ServiceRouter } from './service-router.ts';
import { getScale, patchScale, podLog, setScale } from './subresources.ts';
import type { IncludeObject } from './table.ts';
import { serveWatch } from './watch.ts';
import { isWatch, watchRequest } from './watch-options.ts';
import { writeOptions } from './write-options.ts';

/** Makes the next matching API request(s) fail with a Status of this code. */
export interface RequestFault {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Exact URL path, or a pattern tested against it. */
  path: RegExp | string;
  status: number;
  message?: string;
  /** Status reason; default the usual one for the code (Conflict, InternalError...). */
  reason?: string;
  /** How many requests fail; default 1. */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
}

export interface ApiServerState {
  ctx: SimContext;
  router: ServiceRouter;
  requestLog: LoggedRequest[];
  requestFaults: Array<RequestFault & { left: number }>;
  watches: Set<ServerResponse>;
  /** Authentication and RBAC, when the sim runs with `rbac`. */
  access?: AccessControl;
}

const MAX_LOG = 10_000;

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, e: ApiError): void {
  sendJson(res, e.code, e.toStatus());
}

function injected(state: ApiServerState, method: string, path: string): ApiError | undefined {
  const i = state.requestFaults.findIndex(
    (f) =>
      (!f.method || f.method.toUpperCase() === method) &&
      (typeof f.path === 'string' ? f.path === path : f.path.test(path)),
  );
  if (i < 0) return undefined;
  const f = state.requestFaults[i]!;
  if (--f.left <= 0) state.requestFaults.splice(i, 1);
  return new ApiError(
    f.status,
    f.reason ?? reasonFor(f.status),
    f.message ?? `injected failure of ${method} ${path}`,
    {},
  );
}

function discovery(segs: string[]): unknown {
  const [root, a, b] = segs;
  if (root === 'api')
    return a ? (a === 'v1' && segs.length === 2 ? resourceList('', 'v1') : undefined) : coreVersions();
  if (!a) return groupList();
  if (!b) return groupDoc(a);
  return segs.length === 3 ? resourceList(a, b) : undefined;
}

async function handle(
  state: ApiServerState,
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://sim');
  const path = url.pathname;
  const q = url.searchParams;
  state.requestLog.push({ method, path, query: url.search });
  if (state.requestLog.length > MAX_LOG) state.requestLog.splice(0, state.requestLog.length - MAX_LOG);
  if (state.access?.gate(req.headers, res, method, url, raw)) return;
  const fault = injected(state, method, path);
  if (fault) return sendError(res, fault);

  if (path === '/version') return sendJson(res, 200, versionInfo());
  if (path === '/healthz' || path === '/readyz' || path === '/livez') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    return void res.end('ok');
  }
  if (path === '/openapi/v2') return openApiV2Response(req.headers.accept, res);
  if (path === '/openapi/v3') return sendJson(res, 200, openApiRoot());
  if (path.startsWith('/openapi/v3/')) {
    const doc = openApiGroupVersion(path.slice('/openapi/v3/'.length));
    if (doc) return sendJson(res, 200, doc);
  }
  const segs = path.split('/').filter(Boolean);
  const isApi = segs[0] === 'api' || segs[0] === 'apis';
  if (!isApi) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('404 page not found\n');
  }
  const prefix = segs[0] === 'api' ? 2 : 3;
  if (segs.length <= prefix) {
    const doc = discovery(segs);
    if (!doc) throw resourceNotFound();
    return sendJson(res, 200, doc);
  }
  const group = segs[0] === 'api' ? '' : segs[1]!;
  const version = segs[prefix - 1]!;
  const rest = segs.slice(prefix);
  let ns: string | undefined;
  let resName: string;
  let tail: string[];
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status' && rest[2] !== 'finalize') {
    ns = rest[1];
    resName = rest[2]!;
    tail = rest.slice(3);
  } else {
    resName = rest[0]!;
    tail = rest.slice(1);
  }
  const r = findResource(group, version, resName);
  if (!r || (ns && !r.namespaced)) throw resourceNotFound();
  const [name, sub, ...subPath] = tail;
  if (r.namespaced && name && !ns) throw resourceNotFound();
  if (sub && !r.subresources?.includes(sub)) throw resourceNotFound();
  const t: h.Target = { resource: r, namespace: ns, name };
  const dry = q.get('dryRun') === 'All';
  const rep = h.representation(req.headers.accept);
  const include = (q.get('includeObject') ?? 'Metadata') as IncludeObject;
  const listQuery = {
    labelSelector: q.get('labelSelector'),
    fieldSelector: q.get('fieldSelector'),
    limit: Number(q.get('limit') ?? 0),
    continue: q.get('continue'),
  };
  const contentType = req.headers['content-type'] ?? '';
  const body = bodyText(contentType, raw);
  const write = () =>
    writeOptions(q, req.headers['user-agent'], (m) =>
      res.appendHeader('Warning', `299 - ${JSON.stringify(m)}`),
    );
  const { store, apps } = state.ctx;

  if (sub === 'proxy') return proxy(state, req, res, ns ?? 'default', name!, subPath, url.search);
  switch (method) {
    case 'GET': {
      if (!name) {
        if (isWatch(q))
          return serveWatch(store, res, watchRequest(r, ns, q, req.headers.accept), state.watches);
        return sendJson(res, 200, h.list(store, t, listQuery, rep, include));
      }
      if (sub === 'scale') return sendJson(res, 200, getScale(store, t));
      if (sub === 'log') return podLog(store, apps, t, q, res);
      return sendJson(res, 200, h.get(store, t, rep, include));
    }
    case 'POST':
      if (name) throw methodNotAllowed();
      return sendJson(res, 201, h.create(store, t, h.parseBody(body), dry, write()));
    case 'PUT':
      if (!name || sub === 'log') throw methodNotAllowed();
      if (sub === 'scale') return sendJson(res, 200, setScale(store, t, h.parseBody(body), dry, write()));
      return sendJson(res, 200, h.update(store, t, h.parseBody(body), sub, dry, write()));
    case 'PATCH':
      if (!name || sub === 'log') throw methodNotAllowed();
      if (sub === 'scale') return sendJson(res, 200, patchScale(store, t, contentType, body, dry, write()));
      return sendJson(res, 200, h.patch(store, t, contentType, body, sub, dry, write()));
    case 'DELETE':
      if (sub) throw methodNotAllowed();
      return sendJson(
        res,
        200,
        name ? h.remove(store, t, dry, deleteOptions(q, body)) : h.removeCollection(store, t, listQuery, dry),
      );
    default:
      throw methodNotAllowed();
  }
}

function proxy(
  state: ApiServerState,
  req: IncomingMessage,
  res: ServerResponse,
  ns: string,
  target: string,
  subPath: string[],
  search: string,
): void {
  const parts = target.split(':');
  const name = parts.length === 3 ? parts[1]! : parts[0]!;
  const path = `/${subPath.join('/')}${search}`;
  const found = state.ctx.store.get(findResource('', 'v1', 'services')!, ns, name);
  if (!found) throw notFound(findResource('', 'v1', 'services')!, name);
  const probe = state.router.route(ns, name, req.method ?? 'GET', path);
  if (probe.kind !== 'ok')
    throw new ApiError(503, 'ServiceUnavailable', `no endpoints available for service "${name}"`, {});
  const { response } = probe;
  res.writeHead(response.status, { 'Content-Type': response.contentType });
  res.end(response.body);
}

/** `tls` (key and certificate, PEM): serve HTTPS, as an RBAC sim must for kubectl to send its token. */
export function createApiServer(state: ApiServerState, tls?: { key: string; cert: string }): Server {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(state, req, res, Buffer.concat(chunks)).catch((e: unknown) => {
        if (res.headersSent) return void res.end();
        if (e instanceof ApiError) return sendError(res, e);
        state.ctx.log(`internal error on ${req.method} ${req.url}: ${(e as Error).stack ?? e}`);
        sendError(
          res,
          new ApiError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`, {}),
        );
      });
    });
  };
  const server = tls ? createTlsServer(tls, listener) : createServer(listener);
  server.keepAliveTimeout = 5000;
  return server;
}
