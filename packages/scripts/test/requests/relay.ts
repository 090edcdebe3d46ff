/** A TCP relay to an API server that lists the HTTP requests sent through it, and counts its connections. */
import { createConnection, createServer, type Server } from 'node:net';

export async function loggingRelay(target: URL) {
  const seen = { lines: [] as string[], connections: 0 };
  const server: Server = createServer((client) => {
    seen.connections++;
    const upstream = createConnection(Number(target.port), target.hostname);
    client.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString('latin1').matchAll(/^([A-Z]+) (\S+) HTTP\/1\.1\r$/gm)) {
        seen.lines.push(`${m[1]} ${m[2]!.replace(/\?.*/, '')}`);
      }
    });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { seen, url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
