import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  url: string;
  /** The texts received, in order. */
  messages: string[];
  close(): Promise<void>;
}

/**
 * A Slack-compatible incoming webhook on 127.0.0.1: the drill's notifications really go over HTTP and are
 * counted, without reaching the team's channel.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const messages: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        messages.push(String((JSON.parse(body) as { text?: unknown }).text ?? ''));
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/drill`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
