/**
 * One request to the API server with the kubeconfig's credentials, for the service proxy: client-node's
 * generated proxy call URL-encodes the path's slashes and parses bodies by content type.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
}

/** `path` is relative to the cluster's server URL (which may carry a path prefix). */
export function rawRequest(
  kc: KubeConfig,
  method: string,
  path: string,
  body: string | undefined,
  ms: number,
  signal?: AbortSignal,
  contentType = 'application/json',
): Promise<RawResponse> {
  const server = kc.getCurrentCluster()?.server ?? 'http://localhost:8080';
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.endsWith('/') ? server : `${server}/`);
    const opts: RequestOptions = {
      method,
      headers: body ? { 'Content-Type': contentType } : {},
      timeout: ms,
      ...(signal ? { signal } : {}),
    };
    kc.applyToHTTPSOptions(opts)
      .then(() => {
        const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, opts, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
        req.on('error', reject);
        req.end(body);
      })
      .catch(reject);
  });
}
