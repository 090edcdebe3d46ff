import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';

/** A TCP relay to `target` that counts the connections it is given and the HTTP requests sent through them. */
async function countingRelay(target: URL) {
  const seen = { connections: 0, requests: 0 };
  const server: Server = createServer((client) => {
    seen.connections++;
    const upstream = createConnection(Number(target.port), target.hostname);
    client.on('data', (chunk: Buffer) => {
      seen.requests += chunk.toString('latin1').match(/ HTTP\/1\.1\r\n/g)?.length ?? 0;
    });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { seen, url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

let stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

// client-node makes a new agent for every API call; the adapter keeps one, kept alive, per cluster.
describe('API connections', () => {
  it('a rollback reuses its connections to the API server instead of opening one per request', async () => {
    const sim = await startRunbookSim(defaultRunbook());
    stops.push(() => sim.stop());
    const relay = await countingRelay(new URL(sim.server));
    stops.push(relay.close);
    const dir = mkdtempSync(join(tmpdir(), 'runbook-keep-alive-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, readFileSync(sim.kubeconfig, 'utf8').replaceAll(sim.server, relay.url));
    const r = await runCli(
      ['rollback', 'blue-green', '--to', 'blue', '--yes', '--incidents-dir', join(dir, 'incidents')],
      { env: { KUBECONFIG: kubeconfig } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('traffic on blue');
    expect(relay.seen.requests).toBeGreaterThanOrEqual(15);
    // Requests sent at once (two services patched together, the incident's events) each need a connection;
    // one per request is what client-node alone does.
    expect(relay.seen.connections).toBeLessThan(relay.seen.requests / 3);
  });
});
