/**
 * The kube adapter's kept-alive connections against an API server that misbehaves at the edges: one that
 * closes a kept-alive connection as the next request arrives (an idle timeout racing the client), and one
 * that compresses its answers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubeAdapter } from '../../src/adapters/kube.ts';

const SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop', uid: 'u-1', resourceVersion: '7' },
  spec: { selector: { app: 'web', version: 'green' } },
};

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Starts `handler` as the cluster's API server; returns a kubeconfig that points at it. */
async function apiServer(handler: (req: IncomingMessage, res: ServerResponse, nth: number) => void) {
  const served = new WeakMap<Socket, number>();
  const seen = { connections: 0, requests: [] as string[] };
  server = createServer((req, res) => {
    const nth = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, nth);
    seen.requests.push(`${req.method} ${req.url?.replace(/\?.*/, '')}`);
    handler(req, res, nth);
  });
  server.on('connection', () => seen.connections++);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'kept-alive-')), 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'u', user: { token: 'not-a-secret' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u', namespace: 'shop' } }],
      'current-context': 'c',
    }),
  );
  return { seen, kubeconfig };
}

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('kept-alive connections to the API server', () => {
  it('a read whose kept-alive connection the server closed is sent again on a new one; a write is not', async () => {
    // Each connection serves one request; the next one on it finds the connection closed, unanswered.
    const { seen, kubeconfig } = await apiServer((req, res, nth) => {
      if (nth > 1) return req.socket.destroy();
      json(res, SERVICE);
    });
    const kube = await createKubeAdapter({ kubeconfig });
    expect((await kube.getService('web')).metadata?.name).toBe('web');
    expect((await kube.getService('web')).metadata?.name).toBe('web');
    // The second read met the closed connection, then went again on a new one.
    expect(seen.requests).toEqual(Array(3).fill('GET /api/v1/namespaces/shop/services/web'));
    expect(seen.connections).toBe(2);
    // A write may have been acted on before the connection closed: it fails instead of going twice.
    await expect(kube.patchServiceSelector('web', { version: 'blue' })).rejects.toMatchObject({
      code: 'E_UNREACHABLE',
      exitCode: 5,
    });
    expect(seen.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(1);
  });

  it('asks for gzip and reads a compressed answer', async () => {
    const { seen, kubeconfig } = await apiServer((req, res) => {
      if (!String(req.headers['accept-encoding']).includes('gzip')) return json(res, { kind: 'Status' });
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify(SERVICE)));
    });
    const kube = await createKubeAdapter({ kubeconfig });
    expect((await kube.getService('web')).spec?.selector).toEqual({ app: 'web', version: 'green' });
    expect(seen.requests).toHaveLength(1);
  });
});
