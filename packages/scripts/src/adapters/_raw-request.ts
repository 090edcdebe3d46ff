/**
 * One request to the API server with the kubeconfig's credentials, for the service proxy and server-side
 * dry runs: client-node's generated proxy call URL-encodes the path's slashes and parses bodies by content
 * type.
 */
import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeConnections } from './_kube-connections.ts';
import { requestDeadline } from './time.ts';

export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
}

/** `path` is relative to the cluster's server URL (which may carry a path prefix). */
export async function rawRequest(
  kc: KubeConfig,
  connections: KubeConnections,
  method: string,
  path: string,
  body: string | undefined,
  ms: number,
  signal?: AbortSignal,
  contentType = 'application/json',
): Promise<RawResponse> {
  const server = kc.getCurrentCluster()?.server ?? 'http://localhost:8080';
  const url = new URL(path, server.endsWith('/') ? server : `${server}/`);
  const opts: RequestOptions = { headers: body ? { 'Content-Type': contentType } : {} };
  await kc.applyToHTTPSOptions(opts);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts.headers ?? {}))
    if (value !== undefined) headers[name] = String(value);
  const deadline = requestDeadline(ms, signal);
  const answer = await connections
    .send({ method, url, headers, body, agent: opts.agent, signal: deadline.signal })
    .catch((err: unknown) => {
      // The deadline reads as an unreachable server, as a socket timeout does.
      if (!signal?.aborted && deadline.signal.aborted)
        throw Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
      throw err;
    })
    .finally(() => deadline.done());
  return {
    status: answer.status,
    contentType: answer.headers['content-type'] ?? '',
    body: answer.body.toString('utf8'),
  };
}
