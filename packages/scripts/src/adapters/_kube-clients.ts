/**
 * The client-node API clients, built so that every request carries an abort signal: the run's (SIGINT,
 * SIGTERM) and its own timeout. Aborting closes the request's socket instead of leaving it to hang.
 *
 * Each request keeps client-node's own agent, so a connection of its own. A kept-alive agent shared by the
 * requests was tried (47 connections for a rollback became 10): node-fetch 2.7, under client-node, then fails
 * chunked answers (pod logs, large lists) with "Premature close" when their socket is handed to the next
 * request before the answer's 'close' event, which it reads as the socket still being in use.
 */
import type { KubeConfig, RequestContext, ResponseContext } from '@kubernetes/client-node';
import { deadlinePool } from './time.ts';

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
    authMethods: { default: kc },
    promiseMiddleware: [abortable],
  });
  return {
    core: new k8s.CoreV1Api(config),
    apps: new k8s.AppsV1Api(config),
    coordination: new k8s.CoordinationV1Api(config),
    batch: new k8s.BatchV1Api(config),
  };
}
