/**
 * The client-node API clients, built so that every request carries an abort signal: the run's (SIGINT,
 * SIGTERM) and its own timeout. Aborting closes the request's socket instead of leaving it to hang.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { KubeConfig, RequestContext, ResponseContext } from '@kubernetes/client-node';
import { deadlinePool } from './time.ts';

/**
 * How long a connection may wait idle for the next request: under the API server's own idle timeout (Node's
 * 5 s, the sim's; longer for kube-apiserver), so that the client closes it first and never sends on a
 * connection the server is closing.
 */
const IDLE_MS = 4_000;

/**
 * Connections open at once to one API server: a step's events are sent side by side, and each opened a
 * connection of its own (and against a real API server a TLS handshake); beyond this they wait their turn.
 */
const MAX_SOCKETS = 4;

/** The agent client-node made, again with keep-alive; undefined for a proxy's agent, left as client-node makes it. */
function keptAlive(agent: HttpAgent | HttpsAgent | undefined): HttpAgent | undefined {
  const options = (agent as { options?: object } | undefined)?.options;
  if (agent?.constructor === HttpsAgent)
    return new HttpsAgent({ ...options, keepAlive: true, timeout: IDLE_MS, maxSockets: MAX_SOCKETS });
  if (agent?.constructor === HttpAgent)
    return new HttpAgent({ ...options, keepAlive: true, timeout: IDLE_MS, maxSockets: MAX_SOCKETS });
  return undefined;
}

/**
 * The kubeconfig's authentication, on one kept-alive agent. client-node makes a new agent for every request,
 * so none reused a connection: each paid a TCP connect and, against a real API server, a TLS handshake. The
 * credentials (headers) are still applied per request, so a token that an exec plugin renews is renewed; the
 * agent's TLS options (CA, client certificate) are the first request's.
 */
function sharedConnections(kc: KubeConfig) {
  let shared: HttpAgent | undefined;
  let tried = false;
  return {
    getName: () => 'kubeconfig, kept-alive connections',
    async applySecurityAuthentication(context: RequestContext) {
      await kc.applySecurityAuthentication(context);
      if (!tried) {
        tried = true;
        shared = keptAlive(context.getAgent());
      }
      if (shared) context.setAgent(shared);
    },
  };
}

type ClientNode = typeof import('./_client-node.ts');

export interface ClientOptions {
  /** Aborts every request in flight, and every later one at once. */
  signal?: AbortSignal;
  /** Time one request may take. */
  timeoutMs: number;
}

export function makeClients(k8s: ClientNode, kc: KubeConfig, options: ClientOptions) {
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
    authMethods: { default: sharedConnections(kc) },
    promiseMiddleware: [abortable],
  });
  return {
    core: new k8s.CoreV1Api(config),
    apps: new k8s.AppsV1Api(config),
    coordination: new k8s.CoordinationV1Api(config),
    batch: new k8s.BatchV1Api(config),
  };
}
