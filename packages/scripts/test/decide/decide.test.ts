/**
 * decide against a real Prometheus scraping the simulated services: one healthy cluster, one whose green
 * version answers 20% of requests with 500. The test runbook shortens the 5m window to 6s.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import type { SimCluster } from '@runbook/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { freePort, startPrometheus, type TestPrometheus } from '../../../../test/helpers/prometheus.ts';
import { startRunbookSim } from '../../../../test/helpers/sim.ts';
import { decideJson, eventually, shortRunbook, WINDOW_S } from './_setup.ts';

let healthy: SimCluster;
let faulty: SimCluster;
let promHealthy: TestPrometheus;
let promFaulty: TestPrometheus;
const runbook = shortRunbook();

beforeAll(async () => {
  [healthy, faulty] = await Promise.all([
    startRunbookSim(defaultRunbook()),
    startRunbookSim(defaultRunbook(), { faults: { green: { errorRate: 0.2 } } }),
  ]);
  [promHealthy, promFaulty] = await Promise.all([
    startPrometheus({ targets: Object.values(healthy.services) }),
    startPrometheus({ targets: Object.values(faulty.services) }),
  ]);
});

afterAll(async () => {
  await Promise.all([promHealthy?.stop(), promFaulty?.stop()]);
  await Promise.all([healthy?.stop(), faulty?.stop()]);
});

describe('decide without Prometheus', () => {
  it('--metrics-url scrapes twice and says the window is not verified', async () => {
    const url = `${healthy.services['marketplace-api-service']}/metrics`;
    const res = await decideJson(['--runbook', runbook, '--metrics-url', url, '--interval', '1s']);
    expect(res.code).toBe(0);
    expect(res.report?.notes.join(' ')).toMatch(/error-rate \(6s\) .*not verified/);
  });

  it('--metrics-url on a failing service: the windowed breach is inconclusive, availability trips', async () => {
    const res = await decideJson([
      '--runbook',
      runbook,
      '--metrics-url',
      `${faulty.services['marketplace-api-service']}/metrics`,
      '--interval',
      '1s',
    ]);
    expect(res.row('error-rate')!.verdict).toBe('inconclusive');
    expect(res.row('error-rate')!.note).toContain('not verified');
    expect(res.row('availability')!.verdict).toBe('breach');
    expect(res.code).toBe(10);
  });

  it('defaults to the service proxy on the sim environment', async () => {
    const res = await decideJson([
      '--runbook',
      runbook,
      '--kubeconfig',
      healthy.kubeconfig,
      '--interval',
      '1s',
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).source).toContain('service proxy marketplace-api-service/metrics');
  });

  it('an unreachable --metrics-url is inconclusive', async () => {
    const res = await decideJson([
      '--metrics-url',
      `http://127.0.0.1:${await freePort()}/metrics`,
      '--interval',
      '1s',
    ]);
    expect(res.code).toBe(11);
    expect(res.row('error-rate')!.note).toContain('cannot scrape');
  });
});

describe('decide --declare', () => {
  it('records the declaration in the journal and recommends the emergency procedure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-incidents-'));
    const args = ['--runbook', runbook, '--prometheus', promHealthy.url, '--incidents-dir', dir];
    const first = await decideJson([...args, '--declare', 'security', 'CVE in the image']);
    expect(first.code).toBe(10);
    expect(first.report?.procedure).toBe('emergency');
    expect(first.row('security')!.verdict).toBe('breach');
    const incident = first.report!.incident!;
    const journal = readFileSync(join(dir, incident, 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"step":"declare/security"');
    expect(journal).toContain('CVE in the image');
    // Read back from the journal on the next decide.
    const again = await decideJson([...args, '--incident', incident]);
    expect(again.code).toBe(10);
    expect(again.row('security')!.note).toContain('CVE in the image');
    // data-loss on the same incident: its procedure is the database restore; the worst action wins.
    const dataLoss = await decideJson([
      ...args,
      '--incident',
      incident,
      '--declare',
      'data-loss',
      'orders gone',
    ]);
    expect(dataLoss.row('data-loss')!.verdict).toBe('breach');
    expect(dataLoss.code).toBe(10);
  });

  it('refuses an unknown event, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-incidents-'));
    const res = await runCli([
      'decide',
      '--prometheus',
      promHealthy.url,
      '--incidents-dir',
      dir,
      '--declare',
      'fire',
      'smoke',
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--declare: expected one of payment, data-loss, security');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('decide --prometheus', () => {
  it('recommends the rollback (exit 10) once the error rate held its whole window, naming the criterion', async () => {
    const res = await eventually(
      'error-rate breach',
      () => decideJson(['--runbook', runbook, '--prometheus', promFaulty.url]),
      (r) => r.row('error-rate')?.verdict === 'breach',
      40_000,
    );
    expect(res.code).toBe(10);
    expect(res.report?.outcome).toBe('rollback');
    // The faulty release also fails payments at the same rate: the plan's most urgent action wins.
    expect(res.row('payment-errors')?.verdict).toBe('breach');
    expect(res.report?.procedure).toBe('emergency');
    const errorRate = res.row('error-rate')!;
    expect(errorRate.value).toBeGreaterThan(0.1);
    expect(errorRate.value).toBeLessThan(0.3);
    expect(errorRate.breachedForMs).toBeGreaterThanOrEqual(WINDOW_S * 1000);
    const text = await runCli([
      'decide',
      '--lang',
      'en',
      '--runbook',
      runbook,
      '--prometheus',
      promFaulty.url,
    ]);
    expect(text.code).toBe(10);
    expect(text.stdout).toMatch(
      /Error rate > 5% for 5 minutes\s+\d+\.\d+ %\s+> 5 %\s+6s\s+\S+.*BREACH\s+blue-green/,
    );
    expect(text.stdout).toContain('Rollback recommended: Immediate rollback');
  });

  it('says no rollback (exit 0) on the healthy cluster', async () => {
    const res = await eventually(
      'healthy verdicts',
      () => decideJson(['--runbook', runbook, '--prometheus', promHealthy.url]),
      (r) => r.code === 0,
    );
    expect(res.report?.outcome).toBe('no-rollback');
    expect(res.report?.rows.filter((r) => r.verdict !== 'ok')).toEqual([]);
    expect(res.row('error-rate')!.value).toBe(0);
    expect(res.row('availability')!.value).toBe(1);
  });

  it('talks to Prometheus over node:http: it decides in a process that has no fetch', async () => {
    // fetch's parser (undici's WebAssembly) cost a cold `decide` ~100 ms it never needed.
    const res = await decideJson(['--runbook', runbook, '--prometheus', promHealthy.url], {
      NODE_OPTIONS: '--no-experimental-fetch',
    });
    expect(res.stderr).toBe('');
    expect(res.report?.outcome).toBe('no-rollback');
    expect(res.code).toBe(0);
  });

  it('treats a short spike as pending, not a breach, and recovers', async () => {
    healthy.setFault('green', { errorRate: 0.5 });
    try {
      const mid = await eventually(
        'spike seen',
        () => decideJson(['--runbook', runbook, '--prometheus', promHealthy.url]),
        (r) => (r.row('error-rate')?.value ?? 0) > 0.05,
        15_000,
      );
      expect(mid.row('error-rate')!.verdict).toBe('pending');
      expect(mid.row('error-rate')!.breachedForMs).toBeLessThan(WINDOW_S * 1000);
    } finally {
      healthy.setFault('green', null);
    }
    const after = await eventually(
      'recovery',
      () => decideJson(['--runbook', runbook, '--prometheus', promHealthy.url]),
      (r) => r.code !== 10 && r.row('error-rate')?.verdict === 'ok',
      15_000,
    );
    expect(after.code).toBe(0);
  });

  it('is inconclusive (exit 11) when Prometheus is down, and says so', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const res = await runCli([
      'decide',
      '--lang',
      'en',
      '--runbook',
      runbook,
      '--prometheus',
      url,
      '--timeout',
      '2s',
    ]);
    expect(res.code).toBe(11);
    expect(res.stdout).toMatch(/Error rate > 5% for 5 minutes\s+\?.*INCONCLUSIVE/);
    expect(res.stdout).toContain('unreachable (ECONNREFUSED)');
    expect(res.stdout).toContain('Inconclusive');
  });

  it('is inconclusive (exit 11) when a query returns nothing', async () => {
    const empty = shortRunbook((c) => {
      c[0]!.query = 'sum(rate(no_such_metric_total[$range]))';
    });
    const res = await decideJson(['--runbook', empty, '--prometheus', promHealthy.url]);
    expect(res.code).toBe(11);
    expect(res.row('error-rate')!.verdict).toBe('inconclusive');
    expect(res.row('error-rate')!.note).toContain('no data');
  });

  it('evaluates at a past time with --at', async () => {
    const res = await decideJson(['--runbook', runbook, '--prometheus', promFaulty.url, '--at=-1h']);
    expect(res.code).toBe(11);
    expect(res.row('error-rate')!.verdict).toBe('inconclusive');
    const bad = await runCli(['decide', '--prometheus', promFaulty.url, '--at', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at: expected');
  });

  it('returns to exit 0 after a blue-green switch', async () => {
    const { KubeConfig, CoreV1Api, setHeaderOptions, PatchStrategy } = await import(
      '@kubernetes/client-node'
    );
    const kc = new KubeConfig();
    kc.loadFromFile(faulty.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const beforeSwitch = new Date().toISOString();
    for (const name of ['marketplace-api-service', 'marketplace-web-service']) {
      await core.patchNamespacedService(
        { name, namespace: faulty.namespace, body: { spec: { selector: { version: 'blue' } } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
    const res = await eventually(
      'recovery after the switch',
      () => decideJson(['--runbook', runbook, '--prometheus', promFaulty.url]),
      (r) => r.code === 0,
      20_000,
    );
    expect(res.row('error-rate')!.verdict).toBe('ok');
    // The breach is still in Prometheus' history: --at looks back at it.
    const past = await decideJson([
      '--runbook',
      runbook,
      '--prometheus',
      promFaulty.url,
      '--at',
      beforeSwitch,
    ]);
    expect(past.code).toBe(10);
    expect(past.row('error-rate')!.verdict).toBe('breach');
  });
});
