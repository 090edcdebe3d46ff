/**
 * Issue 12: a runbook's criteria measure its own service. One Prometheus scrapes two simulated worlds, the
 * billing runbook's (green answers half its requests with 500) and the built-in plan's (healthy): the
 * standard queries and a `query` override read billing's error rate alone. Without Prometheus, on the sim,
 * a criterion with its own query is still measured, by its signal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, requireRunbook } from '@runbook/core';
import type { SimCluster } from '@runbook/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingPlan } from '../../../../test/helpers/billing.ts';
import { startPrometheus, type TestPrometheus } from '../../../../test/helpers/prometheus.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';
import { decideJson, eventually, RANGE_S, WINDOW_S } from './_setup.ts';

const OWN_QUERY =
  'sum(rate(http_requests_total{service="billing",code=~"5.."}[$range])) / sum(rate(http_requests_total{service="billing"}[$range]))';

/** The billing runbook with short windows, optionally with its own error-rate query, as a JSON file. */
function billingFile(query?: string): string {
  const plan = billingPlan();
  for (const c of plan.criteria) {
    if (c.kind !== 'metric') continue;
    c.range = `${RANGE_S}s`;
    if (c.window) c.window = `${WINDOW_S}s`;
    if (query && c.id === 'error-rate') c.query = query;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'runbook-scoped-')), 'billing.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

let billing: SimCluster;
let builtin: SimCluster;
let prom: TestPrometheus;
const standard = billingFile();
const own = billingFile(OWN_QUERY);

beforeAll(async () => {
  [billing, builtin] = await Promise.all([
    startRunbookSim(requireRunbook(billingPlan()), { faults: { green: { errorRate: 0.5 } } }),
    startRunbookSim(defaultRunbook()),
  ]);
  prom = await startPrometheus({
    targets: [...Object.values(billing.services), ...Object.values(builtin.services)],
  });
});

afterAll(async () => {
  await prom?.stop();
  await Promise.all([billing?.stop(), builtin?.stop()]);
});

describe("criteria scoped to the runbook's service (issue 12)", () => {
  it("the standard error-rate query reads the runbook's service only, not every http_requests_total", async () => {
    // Unscoped, the healthy built-in world's two services would pull the ratio down to about 0.3.
    const res = await eventually(
      'billing error rate',
      () => decideJson(['--runbook', standard, '--prometheus', prom.url]),
      (r) => (r.row('error-rate')?.value ?? 0) > 0.4,
      60_000,
    );
    expect(res.row('error-rate')!.value).toBeLessThan(0.6);
  }, 90_000);

  it('a query override with the runbook labels measures the same service', async () => {
    const res = await eventually(
      'own query',
      () => decideJson(['--runbook', own, '--prometheus', prom.url]),
      (r) => (r.row('error-rate')?.value ?? 0) > 0.4,
      60_000,
    );
    expect(res.row('error-rate')!.value).toBeLessThan(0.6);
  }, 90_000);

  it('on the sim without Prometheus, a criterion with its own query is measured by its signal', async () => {
    const res = await decideJson(['--runbook', own, '--kubeconfig', billing.kubeconfig, '--interval', '1s']);
    const row = res.row('error-rate')!;
    expect(row.value, JSON.stringify(res.report)).toBeGreaterThan(0.2);
    expect(res.report!.notes.join(' ')).toContain('error-rate (error-rate)');
  }, 60_000);
});
