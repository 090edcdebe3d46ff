/** Faults of versions: parsing, error rates in /metrics, latency, down, not-ready pods; and Jobs. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec, type SimCluster } from '../src/index.ts';
import { TEST_NAMESPACE } from './_world.ts';
import { fastCluster, kubectl, kubectlOk, until } from './helpers.ts';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});
const ns = TEST_NAMESPACE;

function metric(text: string, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf('}'));
    const got = Object.fromEntries(
      body.split(',').map((kv) => [kv.split('=')[0], kv.split('=')[1]!.replace(/"/g, '')]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

describe('parseFaultSpec', () => {
  it('parses the four faults', () => {
    expect(parseFaultSpec('green:error-rate=0.2')).toEqual({ version: 'green', fault: { errorRate: 0.2 } });
    expect(parseFaultSpec('green:p95=3s')).toEqual({ version: 'green', fault: { p95Ms: 3000 } });
    expect(parseFaultSpec('blue:p95=250ms')).toEqual({ version: 'blue', fault: { p95Ms: 250 } });
    expect(parseFaultSpec('green:down')).toEqual({ version: 'green', fault: { down: true } });
    expect(parseFaultSpec('blue:not-ready')).toEqual({ version: 'blue', fault: { notReady: true } });
    expect(parseFaultSpec('v1.2.4:down')).toEqual({ version: 'v1.2.4', fault: { down: true } });
  });

  it('names what was expected', () => {
    expect(() => parseFaultSpec('green')).toThrow(/expected VERSION:FAULT/);
    expect(() => parseFaultSpec('green:error-rate=2')).toThrow(/between 0 and 1/);
    expect(() => parseFaultSpec('green:p95=fast')).toThrow(/duration such as p95=3s/);
    expect(() => parseFaultSpec('green:explode')).toThrow(/unknown fault "explode"/);
  });
});

describe('faults at runtime', () => {
  it('error-rate shows in /metrics counts and in ERROR log lines', async () => {
    sim = await fastCluster({ faults: { green: { errorRate: 0.2 } } });
    const url = sim.services['marketplace-api-service']!;
    const codes = await Promise.all(
      Array.from({ length: 50 }, async () => (await fetch(`${url}/api/products`)).status),
    );
    expect(codes.filter((c) => c === 500)).toHaveLength(10);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(
      metric(text, 'http_requests_total', {
        code: '500',
        route: '/api/products',
        color: 'green',
        version: 'v1.2.4',
      }),
    ).toBe(10);
    expect(metric(text, 'http_requests_total', { code: '200', route: '/api/products' })).toBe(40);
    expect(metric(text, 'http_request_duration_seconds_count', { route: '/api/products' })).toBe(50);
    expect(metric(text, 'http_request_duration_seconds_bucket', { route: '/api/products', le: '+Inf' })).toBe(
      50,
    );
    expect(text).toMatch(/^app_info\{app="marketplace-api",color="green",version="v1.2.4"\} 1$/m);
    const logs = await kubectlOk(sim, ['logs', '-l', 'app=marketplace-api,version=green', '--tail=100']);
    expect(logs).toMatch(/ERROR\s+GET \/api\/products 500/);
    // Blue is untouched.
    expect(sim.requestCounts('marketplace-api', 'blue')).toEqual({});
  });

  it('synthetic traffic reaches only the selected version, payments included', async () => {
    sim = await fastCluster({ traffic: 200, faults: { green: { errorRate: 0.5 } } });
    await until(() => (sim!.requestCounts('marketplace-api', 'green')['200'] ?? 0) >= 20);
    const text = await (await fetch(`${sim.services['marketplace-api-service']}/metrics`)).text();
    expect(metric(text, 'payment_attempts_total', {})).toBeGreaterThan(0);
    expect(metric(text, 'payment_failures_total', {})).toBeGreaterThan(0);
    expect(sim.requestCounts('marketplace-api', 'blue')).toEqual({});
  });

  it('p95 latency lands in the histogram without slowing /health', async () => {
    sim = await fastCluster({ faults: { blue: { p95Ms: 3000 } } });
    await kubectlOk(sim, [
      'patch',
      'service',
      'marketplace-api-service',
      '-p',
      '{"spec":{"selector":{"version":"blue"}}}',
    ]);
    const url = `${sim.server}/api/v1/namespaces/${ns}/services/marketplace-api-service:80/proxy`;
    for (let i = 0; i < 400; i++) await fetch(`${url}/api/products`);
    expect((await fetch(`${sim.services['marketplace-api-service']}/health`)).status).toBe(200);
    const text = await (await fetch(`${url}/metrics`)).text();
    const le = (b: string) =>
      metric(text, 'http_request_duration_seconds_bucket', { route: '/api/products', le: b });
    const total = le('+Inf');
    expect(total).toBe(400);
    // histogram_quantile(0.95) interpolates inside the bucket that holds the 95th percentile.
    const rank = 0.95 * total;
    expect(le('2.5')).toBeLessThan(rank);
    expect(le('5')).toBeGreaterThanOrEqual(rank);
    const q = 2.5 + (2.5 * (rank - le('2.5'))) / (le('5') - le('2.5'));
    expect(q).toBeGreaterThan(2.5);
    expect(q).toBeLessThan(3.6);
  });

  it('down answers 503 on every route', async () => {
    sim = await fastCluster();
    sim.setFault('green', { down: true });
    const url = sim.services['marketplace-web-service']!;
    expect((await fetch(`${url}/health`)).status).toBe(503);
    expect((await fetch(`${url}/`)).status).toBe(503);
    sim.setFault('green', null);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('pods of a not-ready version never become Ready, and the rollout does not finish', async () => {
    sim = await fastCluster({ faults: { 'v1.2.5': { notReady: true } } });
    await kubectlOk(sim, [
      'set',
      'image',
      'deployment/marketplace-api',
      'api=ghcr.io/topsteel/marketplace-api:v1.2.5',
    ]);
    await new Promise((r) => setTimeout(r, 300));
    const r = await kubectl(sim, ['rollout', 'status', 'deployment/marketplace-api', '--timeout=1s']);
    expect(r.code).not.toBe(0);
    // 25 % surge of 3 replicas: one new pod, and no more while it is not available.
    const pods = sim.list('pod', ns).filter((p) => p.spec.containers[0].image.endsWith(':v1.2.5'));
    expect(pods).toHaveLength(1);
    for (const p of pods)
      expect(p.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('False');
    // The old pods keep serving: no new pod is Ready, so none of the old ones goes (maxUnavailable rounds to 0).
    expect((await (await fetch(`${sim.services['marketplace-api-service']}/health`)).json()).version).toBe(
      'v1.2.4',
    );
    const ep = sim.get('endpoints', ns, 'marketplace-api-service')!;
    const subset = (ep.subsets as Array<{ addresses: unknown[]; notReadyAddresses: unknown[] }>)[0]!;
    expect(subset.notReadyAddresses).toHaveLength(1);
    expect(subset.addresses).toHaveLength(3);
    expect(await kubectlOk(sim, ['logs', pods[0]!.metadata.name!])).toContain('ERROR readiness check failed');
    // Clearing the fault lets them become Ready and the rollout complete.
    sim.setFault('v1.2.5', null);
    await kubectlOk(sim, ['rollout', 'status', 'deployment/marketplace-api', '--timeout=10s']);
  });

  it('new pods wait readyDelayMs before they are Ready', async () => {
    sim = await fastCluster({ readyDelayMs: 300 });
    await kubectlOk(sim, ['scale', 'deployment/marketplace-web', '--replicas=3']);
    await until(
      () =>
        sim!
          .list('pod', ns)
          .filter(
            (p) => p.metadata.labels?.app === 'marketplace-web' && p.metadata.labels.version === 'green',
          ).length === 3,
    );
    expect(sim.get('deployment', ns, 'marketplace-web')!.status.readyReplicas).toBe(2);
    await until(() => sim!.get('deployment', ns, 'marketplace-web')!.status.readyReplicas === 3);
  });
});

describe('jobs', () => {
  it('runs a Job through jobRunner, with its pod, log and Complete condition', async () => {
    const ran: string[] = [];
    sim = await fastCluster({
      jobRunner: async (job) => {
        ran.push(job.metadata.name!);
        return { exitCode: 0, log: 'migrated 3 tables\n' };
      },
    });
    const manifest = JSON.stringify({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'db-migrate' },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'migrate', image: 'ghcr.io/topsteel/migrate:v1' }],
            restartPolicy: 'Never',
          },
        },
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'sim-job-'));
    writeFileSync(join(dir, 'job.json'), manifest);
    await kubectlOk(sim, ['create', '-f', `${dir}/job.json`]);
    await kubectlOk(sim, ['wait', '--for=condition=complete', 'job/db-migrate', '--timeout=10s']);
    expect(ran).toEqual(['db-migrate']);
    const job = sim.get('job', ns, 'db-migrate')!;
    expect(job.status.succeeded).toBe(1);
    expect(await kubectlOk(sim, ['logs', 'job/db-migrate'])).toBe('migrated 3 tables\n');
  });

  it('marks a Job Failed once backoffLimit is spent', async () => {
    let runs = 0;
    sim = await fastCluster({
      jobRunner: async () => {
        runs++;
        return { exitCode: 1, log: 'ERROR connection refused\n' };
      },
    });
    const res = await fetch(`${sim.server}/apis/batch/v1/namespaces/${ns}/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        metadata: { name: 'smoke' },
        spec: { backoffLimit: 1, template: { spec: { containers: [{ name: 's', image: 'busybox:1' }] } } },
      }),
    });
    expect(res.status).toBe(201);
    await until(() =>
      (sim!.get('job', ns, 'smoke')?.status?.conditions ?? []).some(
        (c: { type: string }) => c.type === 'Failed',
      ),
    );
    expect(runs).toBe(2);
    expect(sim.get('job', ns, 'smoke')!.status.failed).toBe(2);
    const pods = sim.list('pod', ns).filter((p) => p.metadata.labels?.['job-name'] === 'smoke');
    expect(pods.map((p) => p.status.phase)).toEqual(['Failed', 'Failed']);
  });
});
