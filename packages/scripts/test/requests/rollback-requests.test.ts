import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';
import { LEASE_NAME } from '../../src/lock.ts';
import { loggingRelay } from './relay.ts';

let stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

/** A blue-green rollback on the sim through a logging relay: what it sent, and how. */
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
  return { relay, kubeconfig, dir, sim };
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

  it('a rollback sends its requests over a few kept-alive connections, and creates the Lease and the record without reading them first', async () => {
    const { relay, sim } = await relayedRollback();
    const { lines, connections } = relay.seen;
    // One connection per request until client-node's per-request agent was replaced: 34 for 34.
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(connections).toBeLessThanOrEqual(Math.ceil(lines.length / 3));
    // A free namespace and a new incident: created at once, a read only when the create meets a conflict.
    expect(lines.filter((l) => /^GET .*\/leases\//.test(l))).toEqual([]);
    expect(lines.filter((l) => /^GET .*\/configmaps\//.test(l))).toEqual([]);
    // Released with preconditions (a DELETE with a body, which must carry its length): the Lease is gone.
    expect(lines).toContain(
      `DELETE /apis/coordination.k8s.io/v1/namespaces/${sim.namespace}/leases/${LEASE_NAME}`,
    );
    expect(sim.get('lease', sim.namespace, LEASE_NAME)).toBeUndefined();
  });
});
