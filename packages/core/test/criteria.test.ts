import { describe, expect, it } from 'vitest';
import { defaultRunbook, evaluateCriteria } from '../src/index.ts';

const runbook = defaultRunbook();
const T0 = Date.parse('2026-11-26T03:00:00Z');

describe('evaluateCriteria with impossible values', () => {
  const verdictOf = (criterion: string, value: number) => {
    const d = evaluateCriteria(runbook, [{ criterion, samples: [{ at: T0, value }] }]);
    return { ...d.results.find((r) => r.criterion.id === criterion)!, exitCode: d.exitCode };
  };

  it.each([
    ['error-rate', -1, /-1 is out of range for a ratio \(expected 0 to 1\)/],
    ['availability', 5, /5 is out of range for a ratio \(expected 0 to 1\)/],
    ['availability', Number.POSITIVE_INFINITY, /\+Inf is out of range for a ratio/],
    ['payment-errors', 1.5, /1\.5 is out of range for a ratio/],
    ['latency-p95', -1, /-1 is out of range for seconds \(expected a finite number ≥ 0\)/],
    ['latency-p95', Number.POSITIVE_INFINITY, /\+Inf is out of range for seconds/],
    ['latency-p95', Number.NEGATIVE_INFINITY, /-Inf is out of range for seconds/],
  ])('%s = %d is inconclusive (exit 11), with the reason', (criterion, value, reason) => {
    const r = verdictOf(criterion, value);
    expect(r.verdict).toBe('inconclusive');
    expect(r.note).toMatch(reason);
    expect(r.exitCode).toBe(11);
  });

  it('keeps the bounds themselves: 0 and 1 are ratios, 0 s is a latency', () => {
    expect(verdictOf('availability', 1).verdict).toBe('ok');
    expect(verdictOf('error-rate', 1).note).not.toMatch(/out of range/);
    expect(verdictOf('error-rate', 0).verdict).toBe('ok');
    expect(verdictOf('latency-p95', 0).verdict).toBe('ok');
  });

  it('NaN carries no value', () => {
    expect(verdictOf('latency-p95', Number.NaN).verdict).toBe('inconclusive');
  });

  it('an impossible sample inside a breach breaks the run, as a gap does', () => {
    const samples = [0.2, 0.2, 7, 0.2, 0.2].map((value, i) => ({ at: T0 + i * 60_000, value }));
    const r = evaluateCriteria(runbook, [{ criterion: 'error-rate', samples }]).results[0]!;
    expect(r.verdict).toBe('pending');
    expect(r.breachedForMs).toBe(60_000);
  });

  it('a null sample inside a breach breaks the run: the window restarts after the gap', () => {
    const samples = [0.2, 0.2, null, 0.2, 0.2].map((value, i) => ({ at: T0 + i * 60_000, value }));
    const r = evaluateCriteria(runbook, [{ criterion: 'error-rate', samples }]).results[0]!;
    expect(r.verdict).toBe('pending');
    expect(r.breachedForMs).toBe(60_000);
  });
});
