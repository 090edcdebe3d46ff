/**
 * The client-node API clients, built so that every request carries an abort signal: the run's (SIGINT,
 * SIGTERM) and its own timeout. Aborting closes the request's socket instead of leaving it to hang.
 * Requests go through the adapter's kept-alive connections (`_kube-connections.ts`), not node-fetch.
 */
import type { HttpLibrary, KubeConfig, RequestContext, ResponseContext } from '@kubernetes/client-node';
import type { KubeConnections } from './_kube-connections.ts';
import { deadlinePool } from './time.ts';

type ClientNode = typeof import('./_client-node.ts');

export interface ClientOptions {
  /** Aborts every request in flight, and every later one at once. */
  signal?: AbortSignal;
  /** Time one request may take. */
  timeoutMs: number;
}

/** client-node's transport, through `connections`. */
function transport(k8s: ClientNode, connections: KubeConnections): HttpLibrary {
  return k8s.wrapHttpLibrary({
    async send(context) {
      const body = context.getBody();
      const answer = await connections.send({
        method: context.getHttpMethod(),
        url: new URL(context.getUrl()),
        headers: context.getHeaders(),
        body: body === undefined || typeof body === 'string' ? body : String(body),
        agent: context.getAgent(),
        signal: context.getSignal(),
      });
      return new k8s.ResponseContext(
        answer.status,
        answer.headers,
        new k8s.SelfDecodingBody(Promise.resolve(answer.body)),
      );
    },
  });
}

export function makeClients(
  k8s: ClientNode,
  kc: KubeConfig,
  connections: KubeConnections,
  options: ClientOptions,
) {
  const cluster = kc.getCurrentCluster();
  // The same refusal as KubeConfig.makeApiClient, which this replaces to add the middleware.
  if (!cluster) throw new Error('No active cluster!');
  const deadline = deadlinePool(options.signal);
  const abortable = {
    pre: async (context: RequestContext) => {
      context.setSignal(deadline(options.timeoutMs));
      return context;
    },
    post: async (response: ResponseContext) => response,
  };
  const config = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    httpApi: transport(k8s, connections),
    promiseMiddleware: [abortable],
  });
  return {
    core: new k8s.CoreV1Api(config),
    apps: new k8s.AppsV1Api(config),
    coordination: new k8s.CoordinationV1Api(config),
    batch: new k8s.BatchV1Api(config),
  };
}
