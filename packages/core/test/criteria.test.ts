import { describe, expect, it } from 'vitest';
import { defaultRunbook, evaluateCriteria } from '../src/index.ts';

const runbook = defaultRunbook();
const T0 = Date.parse('2026-11-26T03:00:00Z');

describe('evaluateCriteria with infinite values', () => {
  it('counts a P95 past the last bucket (+Inf) as a breach, and NaN as no value', () => {
    const inf = evaluateCriteria(runbook, [
      { criterion: 'latency-p95', samples: [{ at: T0, value: Number.POSITIVE_INFINITY }] },
    ]);
    expect(inf.results.find((r) => r.criterion.id === 'latency-p95')!.verdict).toBe('breach');
    expect(inf.exitCode).toBe(10);
    const nan = evaluateCriteria(runbook, [
      { criterion: 'latency-p95', samples: [{ at: T0, value: Number.NaN }] },
    ]);
    expect(nan.results.find((r) => r.criterion.id === 'latency-p95')!.verdict).toBe('inconclusive');
  });

  it('a null sample inside a breach breaks the run: the window restarts after the gap', () => {
    const samples = [0.2, 0.2, null, 0.2, 0.2].map((value, i) => ({ at: T0 + i * 60_000, value }));
    const r = evaluateCriteria(runbook, [{ criterion: 'error-rate', samples }]).results[0]!;
    expect(r.verdict).toBe('pending');
    expect(r.breachedForMs).toBe(60_000);
  });
});
