/** A local HTTP receiver (a Slack-compatible webhook, a flag service) on 127.0.0.1, for the suites of every package. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  body: string;
  /** Epoch ms the request arrived. */
  at: number;
}

/** An HTTP server on 127.0.0.1 that records every request and answers `status`. */
export async function receiver(status = 200): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', body, at: Date.now() });
      res.statusCode = status;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      closed ??= new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      return closed;
    },
  };
}

/** The texts a Slack-compatible webhook received. */
export const texts = (received: Received[]) =>
  received.map((r) => (JSON.parse(r.body) as { text: string }).text);
