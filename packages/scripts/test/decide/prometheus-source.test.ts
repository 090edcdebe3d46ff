import { defaultRunbook, evaluateCriteria, type MetricCriterion } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import {
  createPrometheusClient,
  type PrometheusClient,
  type PromSeries,
} from '../../src/adapters/prometheus.ts';
import { observeCriterion, rangeFor, toSamples } from '../../src/procedures/prometheus-source.ts';

const runbook = defaultRunbook();
const errorRate = runbook.criteria[0] as MetricCriterion;
const AT = Date.parse('2026-11-26T03:00:00Z');

const clientReturning = (series: PromSeries[] | Error): PrometheusClient => ({
  url: 'http://prom',
  query: async () => [],
  queryRange: async () => {
    if (series instanceof Error) throw series;
    return series;
  },
});

describe('rangeFor', () => {
  it('looks back twice the window, in steps of at most 15 s', () => {
    expect(rangeFor(errorRate)).toEqual({ lookbackMs: 600_000, stepMs: 15_000 });
    expect(rangeFor({ ...errorRate, window: '10s' })).toEqual({ lookbackMs: 20_000, stepMs: 1000 });
  });
});

describe('toSamples', () => {
  it('fills gaps after the first point with null, keeps the worst of several series', () => {
    const s = toSamples(
      [
        {
          metric: { pod: 'a' },
          points: [
            [2000, 0.1],
            [3000, 0.3],
          ],
        },
        { metric: { pod: 'b' }, points: [[2000, 0.2]] },
      ],
      '>',
      0,
      4000,
      1000,
    );
    expect(s).toEqual([
      { at: 2000, value: 0.2 },
      { at: 3000, value: 0.3 },
      { at: 4000, value: null },
    ]);
  });
});

describe('observeCriterion', () => {
  const grid = (values: number[]) => {
    const { lookbackMs, stepMs } = rangeFor(errorRate);
    const start = AT - lookbackMs;
    return [{ metric: {}, points: values.map((v, i) => [start + i * stepMs, v] as [number, number]) }];
  };

  it('a breach over the whole window trips; NaN at the end is inconclusive, not ok', async () => {
    const breach = await observeCriterion(clientReturning(grid(Array(41).fill(0.2))), errorRate, AT);
    expect(evaluateCriteria(runbook, [breach]).results[0]!.verdict).toBe('breach');
    const nan = await observeCriterion(
      clientReturning(grid([...Array(40).fill(0.01), Number.NaN])),
      errorRate,
      AT,
    );
    expect(nan.error).toContain('NaN');
    expect(evaluateCriteria(runbook, [nan]).results[0]!.verdict).toBe('inconclusive');
  });

  it('a stale series (no point at the end) is inconclusive', async () => {
    const stale = await observeCriterion(clientReturning(grid(Array(30).fill(0.01))), errorRate, AT);
    expect(stale.error).toContain('no current value');
    expect(evaluateCriteria(runbook, [stale]).results[0]!.verdict).toBe('inconclusive');
  });

  it('errors and empty results become observations with an error', async () => {
    expect((await observeCriterion(clientReturning(new Error('boom')), errorRate, AT)).error).toBe('boom');
    expect((await observeCriterion(clientReturning([]), errorRate, AT)).error).toContain('no data');
  });
});

describe('createPrometheusClient', () => {
  it('sends credentials as a header, never in messages, and reports query errors', async () => {
    let seen: { url: string; auth: string | null } | null = null;
    const fake = (async (url: string, init: RequestInit) => {
      seen = { url, auth: new Headers(init.headers).get('authorization') };
      return new Response(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }), {
        status: 400,
      });
    }) as unknown as typeof fetch;
    const client = createPrometheusClient('https://user:s3cret@prom.example/prefix/', { fetch: fake });
    expect(client.url).toBe('https://prom.example/prefix');
    const err = await client.query('up').catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'Prometheus at https://prom.example/prefix refused the query (bad_data: parse error)',
    );
    expect(seen!.url).toBe('https://prom.example/prefix/api/v1/query');
    expect(seen!.auth).toBe(`Basic ${Buffer.from('user:s3cret').toString('base64')}`);
  });

  it('times out', async () => {
    const never = ((_u: string, init: RequestInit) =>
      new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )) as unknown as typeof fetch;
    const client = createPrometheusClient('http://prom', { fetch: never, timeoutMs: 50 });
    await expect(client.queryRange('up', 0, 1000, 1000)).rejects.toThrow('no answer within 50 ms');
  });
});
