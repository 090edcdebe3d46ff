/**
 * The connections to one API server, kept alive between the requests of a run.
 *
 * client-node gives every request an agent of its own, so a connection of its own: a blue-green rollback
 * opened 34, and on three clusters at once connecting cost the CLI more CPU than anything else it did per
 * cluster. Sharing a kept-alive agent through client-node's default transport (node-fetch 2.7) is not safe:
 * node-fetch fails a chunked answer with "Premature close" when its socket goes to the next request before
 * the answer's 'close' event. So the requests go through node:http here, each answer read whole.
 */
import { createHash } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { gunzip } from 'node:zlib';

/**
 * How long an idle connection is kept. Below the idle timeouts of API servers, load balancers and Node's
 * own server (5 s), so that a connection is not reused just as the other end closes it.
 */
const IDLE_MS = 3000;

/** The TLS material an agent carries: connections are shared only between requests with the same. */
const TLS_KEYS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'rejectUnauthorized'] as const;

export interface KubeAnswer {
  status: number;
  /** Header names in lower case; repeated ones joined by ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

export interface KubeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The agent client-node (or `applyToHTTPSOptions`) made for this request, carrying the TLS credentials. */
  agent?: unknown;
  signal?: AbortSignal;
}

export interface KubeConnections {
  send(request: KubeRequest): Promise<KubeAnswer>;
}

function fingerprint(options: Record<string, unknown>): string {
  const hash = createHash('sha1');
  // Certificates and keys as bytes: a binary pfx read as text would lose what tells two apart.
  const add = (v: unknown): void => {
    if (Array.isArray(v)) for (const item of v) add(item);
    else hash.update(Buffer.isBuffer(v) ? v : String(v ?? '')).update('\0');
  };
  for (const key of TLS_KEYS) add([key, options[key]]);
  return hash.digest('hex');
}

/** One pool per API server (one adapter): a plain agent is swapped for the pool's kept-alive one. */
export function kubeConnections(): KubeConnections {
  const agents = new Map<string, HttpAgent>();
  const shared = (key: string, make: () => HttpAgent): HttpAgent => {
    const known = agents.get(key);
    if (known) return known;
    const agent = make();
    agents.set(key, agent);
    return agent;
  };
  const keptAlive = (agent: unknown): unknown => {
    // A proxy agent (socks, HTTP CONNECT) keeps client-node's own: one connection per request, as before.
    if (agent instanceof HttpsAgent && agent.constructor === HttpsAgent) {
      const options = (agent as HttpsAgent & { options: Record<string, unknown> }).options;
      return shared(
        `https:${fingerprint(options)}`,
        () => new HttpsAgent({ ...options, keepAlive: true, timeout: IDLE_MS }),
      );
    }
    if (agent instanceof HttpAgent && agent.constructor === HttpAgent)
      return shared('http', () => new HttpAgent({ keepAlive: true, timeout: IDLE_MS }));
    return agent;
  };
  return {
    async send(request) {
      const agent = keptAlive(request.agent);
      try {
        return await sendOnce(request, agent);
      } catch (err) {
        // A kept-alive connection the server closed as the request went out: a read is sent again on a new
        // one. A write is not, since the server may have acted on it; it fails as any lost connection does.
        if (
          (err as { reusedSocket?: boolean }).reusedSocket &&
          request.method === 'GET' &&
          !request.signal?.aborted
        )
          return sendOnce(request, agent);
        throw err;
      }
    },
  };
}

function sendOnce(request: KubeRequest, agent: unknown): Promise<KubeAnswer> {
  const { signal } = request;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      request.url,
      {
        method: request.method,
        // Always a length with a body: node:http sends neither it nor chunks for a DELETE's, and the server
        // would read that body as the next request.
        headers: {
          'accept-encoding': 'gzip',
          ...request.headers,
          ...(request.body === undefined ? {} : { 'content-length': `${Buffer.byteLength(request.body)}` }),
        },
        agent: agent as HttpAgent | undefined,
      },
      (res) => {
        readAnswer(res).then(resolve, (err: unknown) => reject(signal?.aborted ? signal.reason : err));
      },
    );
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.on('error', (err) => {
      if (req.reusedSocket) Object.assign(err, { reusedSocket: true });
      reject(signal?.aborted ? signal.reason : err);
    });
    req.end(request.body);
  });
}

function readAnswer(res: IncomingMessage): Promise<KubeAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('connection closed before the end of the answer'));
    });
    res.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers))
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const body = Buffer.concat(chunks);
      const answer = (b: Buffer) => resolve({ status: res.statusCode ?? 0, headers, body: b });
      if (headers['content-encoding'] !== 'gzip') return answer(body);
      delete headers['content-encoding'];
      gunzip(body, (err, plain) => (err ? reject(err) : answer(plain)));
    });
  });
}
