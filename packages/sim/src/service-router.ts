/** Service routing: each request goes to a Ready pod the Service selects now, round-robin, as kube-proxy does. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppResponse, podInfo } from './app.ts';
import { R, type SimContext } from './context.ts';
import { isPodActive, isPodReady } from './pods.ts';
import { labelSelectorMatcher } from './selectors.ts';
import type { KObject } from './types.ts';

export type RouteResult =
  | { kind: 'ok'; response: AppResponse; pod: string }
  | { kind: 'no-service' }
  | { kind: 'no-endpoints' };

export class ServiceRouter {
  private readonly counters = new Map<string, number>();
  private readonly servers: Server[] = [];

  constructor(private readonly ctx: SimContext) {}

  private pick(namespace: string, service: string): KObject | 'no-service' | 'no-endpoints' {
    const svc = this.ctx.store.get(R.services, namespace, service);
    if (!svc) return 'no-service';
    const selector = svc.spec?.selector;
    if (!selector || !Object.keys(selector).length) return 'no-endpoints';
    const match = labelSelectorMatcher({ matchLabels: selector });
    const pods = this.ctx.store.view(
      R.pods,
      namespace,
      (p) => match(p.metadata.labels) && isPodActive(p) && isPodReady(p),
    );
    if (!pods.length) return 'no-endpoints';
    const key = `${namespace}/${service}`;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    return pods[n % pods.length]!;
  }

  route(namespace: string, service: string, method: string, path: string): RouteResult {
    const pod = this.pick(namespace, service);
    if (pod === 'no-service') return { kind: 'no-service' };
    if (pod === 'no-endpoints') return { kind: 'no-endpoints' };
    return {
      kind: 'ok',
      response: this.ctx.apps.serve(podInfo(pod), method, path),
      pod: pod.metadata.name!,
    };
  }

  /** Answers an HTTP request with the routed pod's response, after the latency the app chose. */
  respond(namespace: string, service: string, req: IncomingMessage, res: ServerResponse, path: string): void {
    const result = this.route(namespace, service, req.method ?? 'GET', path);
    if (result.kind !== 'ok') {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end(
        result.kind === 'no-service'
          ? `service "${service}" not found\n`
          : `no healthy upstream for service "${service}"\n`,
      );
      return;
    }
    const { response } = result;
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(response.status, { 'Content-Type': response.contentType, 'X-Sim-Pod': result.pod });
      res.end(response.body);
    };
    const quick = path.startsWith('/health') || path.startsWith('/metrics') || path.startsWith('/ready');
    if (response.delayMs >= 1 && !quick) {
      const t = setTimeout(send, response.delayMs);
      res.on('close', () => clearTimeout(t));
    } else send();
  }

  /** Opens a local port standing for the Service, and returns its URL. */
  async listen(namespace: string, service: string): Promise<string> {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => this.respond(namespace, service, req, res, req.url ?? '/'));
    });
    server.keepAliveTimeout = 1000;
    this.servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  }
}
