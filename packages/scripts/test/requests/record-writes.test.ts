import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';

/** A TCP relay to `target` that lists the HTTP requests sent through it. */
async function loggingRelay(target: URL) {
  const seen = { lines: [] as string[] };
  const server: Server = createServer((client) => {
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

let stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

/** A blue-green rollback on the sim through a counting relay: what it sent, and how. */
async function relayedRollback() {
  const sim = await startRunbookSim(defaultRunbook());
  stops.push(() => sim.stop());
  const relay = await loggingRelay(new URL(sim.server));
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
  return { relay, kubeconfig, dir };
}

// What a rollback sends to the API server, counted through a relay.
describe('API requests', () => {
  it('a rollback writes its incident record a few times, not once per journal line, and the last holds every step', async () => {
    const { relay, kubeconfig, dir } = await relayedRollback();
    const writes = relay.seen.lines.filter((l) => /^(POST|PUT) .*\/configmaps\b/.test(l));
    // One create, then at most one rewrite per 250 ms of the run (RECORD_INTERVAL_MS), and one at its end.
    const [id] = readdirSync(join(dir, 'incidents'));
    const times = readFileSync(join(dir, 'incidents', id!, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => Date.parse((JSON.parse(line) as { time: string }).time));
    const records = times.length;
    const spanMs = Math.max(...times) - Math.min(...times);
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.length).toBeLessThanOrEqual(2 + Math.floor(spanMs / 250));
    expect(writes.length).toBeLessThan(records);
    const status = await runCli(['status', '--json', '--incidents-dir', join(dir, 'elsewhere')], {
      env: { KUBECONFIG: kubeconfig },
    });
    expect(status.code, status.stderr).toBe(0);
    const { incident } = JSON.parse(status.stdout) as {
      incident: { state: string; steps: Array<{ step: string; outcome: string }> };
    };
    expect(incident.state).toBe('ok');
    const steps = incident.steps;
    expect(steps.map((s) => s.step)).toEqual(
      expect.arrayContaining([
        'lock',
        'check-target-ready',
        'switch-traffic',
        'wait-endpoints',
        'check-health',
      ]),
    );
    expect(steps.every((s) => s.outcome === 'ok')).toBe(true);
  });
});
