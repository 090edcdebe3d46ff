/**
 * decide against a real Prometheus answering impossible values (each criterion's PromQL replaced by a
 * constant), and, through the sim's fault proxy, against one that hangs, drops, refuses or redirects. Each
 * is inconclusive (exit 11): an impossible number or a silent source is never "no rollback".
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FaultProxy, startFaultProxy } from '@runbook/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../../../test/helpers/cli.ts';
import { startPrometheus, type TestPrometheus } from '../../../../test/helpers/prometheus.ts';
import { decideJson, shortRunbook } from './_setup.ts';

/** Healthy constants for every metric criterion; a test replaces one with an impossible value. */
const HEALTHY: Record<string, string> = {
  'error-rate': 'vector(0.01)',
  'latency-p95': 'vector(0.2)',
  availability: 'vector(0.999)',
  'payment-errors': 'vector(0)',
};
const constants = (override: Record<string, string> = {}) =>
  shortRunbook((criteria) => {
    for (const c of criteria) c.query = { ...HEALTHY, ...override }[c.id] ?? c.query;
  });

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
async function listen(handler: Handler): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let prom: TestPrometheus;
/** In front of the real Prometheus; each test sets its rules. */
let proxy: FaultProxy;
/** Another origin: must receive nothing from a redirect. */
let other: { server: Server; origin: string };
const elsewhere: string[] = [];
/** The proxy answers a status without headers: a redirect with a Location needs its own server. */
let redirecting: { server: Server; origin: string };

beforeAll(async () => {
  prom = await startPrometheus({ targets: [] });
  proxy = await startFaultProxy({ upstream: prom.url });
  other = await listen((req, res) => {
    elsewhere.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  redirecting = await listen((_req, res) => {
    res.writeHead(307, { location: `${other.origin}/api/v1/query_range` });
    res.end();
  });
});

afterAll(async () => {
  await proxy?.close();
  await Promise.all([other, redirecting].map(({ server }) => new Promise((r) => server.close(r))));
  await prom?.stop();
});

const queries = () => proxy.requests().filter((r) => r.path.startsWith('/api/v1/')).length;

describe('decide with impossible values from a real Prometheus', () => {
  it('the healthy constants say no rollback (exit 0): the baseline of the cases below', async () => {
    const res = await decideJson(['--runbook', constants(), '--prometheus', prom.url]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });

  it.each([
    ['error-rate', 'vector(-1)', '-1 is out of range for a ratio'],
    ['availability', 'vector(5)', '5 is out of range for a ratio'],
    ['availability', 'vector(+Inf)', '+Inf is out of range for a ratio'],
    ['latency-p95', 'vector(-1)', '-1 is out of range for seconds'],
    ['latency-p95', 'vector(+Inf)', '+Inf is out of range for seconds'],
    ['error-rate', 'vector(NaN)', 'NaN'],
  ])('%s = %s is inconclusive (exit 11), naming why', async (criterion, query, why) => {
    const res = await decideJson(['--runbook', constants({ [criterion]: query }), '--prometheus', prom.url]);
    expect(res.code).toBe(11);
    expect(res.report?.outcome).toBe('inconclusive');
    expect(res.row(criterion)!.verdict).toBe('inconclusive');
    expect(res.row(criterion)!.note).toContain(why);
    const others = res.report!.rows.filter((r) => r.criterion !== criterion && r.criterion in HEALTHY);
    expect(others.map((r) => r.verdict)).toEqual(others.map(() => 'ok'));
  });
});

describe('decide --metrics-url with an impossible exposition', () => {
  it('a negative counter gives impossible ratios: inconclusive (exit 11), never ok', async () => {
    const exposition = [
      'http_requests_total{code="200"} 100',
      'http_requests_total{code="500"} -50',
      'http_request_duration_seconds_bucket{le="0.1"} 40',
      'http_request_duration_seconds_bucket{le="+Inf"} 50',
      'payment_attempts_total 10',
      'payment_failures_total 0',
      '',
    ].join('\n');
    const metrics = await listen((_req, res) => res.end(exposition));
    try {
      const res = await decideJson(['--metrics-url', `${metrics.origin}/metrics`, '--interval', '1ms']);
      expect(res.code).toBe(11);
      expect(res.row('error-rate')!.verdict).toBe('inconclusive');
      expect(res.row('error-rate')!.note).toContain('-1 is out of range for a ratio');
      expect(res.row('availability')!.note).toContain('2 is out of range for a ratio');
    } finally {
      await new Promise((r) => metrics.server.close(r));
    }
  });
});

describe('decide with a Prometheus that misbehaves (fault proxy in front of a real one)', () => {
  it('slow but within --timeout: still decides (exit 0)', async () => {
    proxy.setRules([{ path: '/api/v1/', action: { kind: 'delay', ms: 300 } }]);
    const res = await decideJson(['--runbook', constants(), '--prometheus', proxy.url, '--timeout', '5s']);
    expect(res.code).toBe(0);
  });

  it('hanging: gives up after --timeout, exit 11, the reason said once', async () => {
    proxy.setRules([{ path: '/api/v1/', action: { kind: 'hang' } }]);
    const res = await runCli([
      'decide',
      '--lang',
      'en',
      '--runbook',
      constants(),
      '--prometheus',
      proxy.url,
      '--timeout',
      '1s',
    ]);
    expect(res.code).toBe(11);
    const lines = res.stdout.split('\n').filter((l) => l.includes('no answer within'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Prometheus at ${proxy.url} is unreachable (no answer within 1000 ms)`);
  });

  it('hanging: SIGINT stops the wait (exit 130) long before --timeout', async () => {
    proxy.setRules([{ path: '/api/v1/', action: { kind: 'hang' } }]);
    const child = spawn(
      process.execPath,
      [BIN, 'decide', '--runbook', constants(), '--prometheus', proxy.url, '--timeout', '10m'],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const before = queries();
    const deadline = Date.now() + 60_000;
    while (queries() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(queries()).toBeGreaterThan(before);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
  });

  it('dropping the connection, or answering 503: exit 11, naming what happened', async () => {
    proxy.setRules([{ path: '/api/v1/', action: { kind: 'drop' } }]);
    const dropped = await decideJson(['--runbook', constants(), '--prometheus', proxy.url]);
    expect(dropped.code).toBe(11);
    expect(dropped.row('error-rate')!.note).toMatch(
      new RegExp(`^Prometheus at ${proxy.url} is unreachable \\(`),
    );
    proxy.setRules([{ path: '/api/v1/', action: { kind: 'respond', status: 503, body: 'overloaded' } }]);
    const refused = await decideJson(['--runbook', constants(), '--prometheus', proxy.url]);
    expect(refused.code).toBe(11);
    expect(refused.row('error-rate')!.note).toBe(
      `Prometheus at ${proxy.url} answered HTTP 503 without a JSON body`,
    );
  });

  it('a redirect without a Location: exit 11, not followed', async () => {
    proxy.setRules([{ path: '/api/v1/', action: { kind: 'respond', status: 302 } }]);
    const res = await decideJson(['--runbook', constants(), '--prometheus', proxy.url]);
    expect(res.code).toBe(11);
    expect(res.row('error-rate')!.note).toBe(
      `Prometheus at ${proxy.url} answered HTTP 302, a redirect to nowhere (no Location header) (not followed)`,
    );
  });

  it('a redirect to another origin: nothing follows it, exit 11, the target origin named', async () => {
    const res = await decideJson(['--runbook', constants(), '--prometheus', redirecting.origin]);
    expect(res.code).toBe(11);
    expect(elsewhere).toEqual([]);
    expect(res.row('error-rate')!.note).toBe(
      `Prometheus at ${redirecting.origin} answered HTTP 307, a redirect to ${other.origin} (not followed)`,
    );
  });
});
