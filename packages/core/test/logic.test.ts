import { describe, expect, it } from 'vitest';
import {
  builtinPlan,
  contentHash,
  defaultRunbook,
  escalationAt,
  evaluateCriteria,
  formatThreshold,
  type Observation,
  parseDuration,
  renderTemplate,
  requireRunbook,
} from '../src/index.ts';

const runbook = defaultRunbook();
const T0 = Date.parse('2026-11-26T03:00:00Z');
const series = (values: number[], stepMs = 30_000) =>
  values.map((value, i) => ({ at: T0 + i * stepMs, value }));

describe('evaluateCriteria', () => {
  const healthy: Observation[] = [
    { criterion: 'error-rate', samples: series(Array(11).fill(0.01)) },
    { criterion: 'latency-p95', samples: series([0.3]) },
    { criterion: 'availability', samples: series([0.999]) },
    { criterion: 'payment-errors', samples: series([0]) },
  ];

  it('says no rollback when everything is within thresholds', () => {
    const d = evaluateCriteria(runbook, healthy);
    expect(d.outcome).toBe('no-rollback');
    expect(d.exitCode).toBe(0);
  });

  it('trips the error rate only when the breach lasts the whole 5-minute window', () => {
    const fiveMinutes = series([0.01, ...Array(11).fill(0.2)]); // 11 samples 30 s apart = 5 min of breach
    const d = evaluateCriteria(runbook, [
      { criterion: 'error-rate', samples: fiveMinutes },
      ...healthy.slice(1),
    ]);
    expect(d.outcome).toBe('rollback');
    expect(d.exitCode).toBe(10);
    expect(d.procedure).toBe('blue-green');
    expect(d.results[0]!.breachedForMs).toBe(300_000);
  });

  it('does not roll back on a 30-second spike', () => {
    const spike = series([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.3, 0.3]);
    const d = evaluateCriteria(runbook, [{ criterion: 'error-rate', samples: spike }, ...healthy.slice(1)]);
    expect(d.results[0]!.verdict).toBe('pending');
    expect(d.outcome).toBe('no-rollback');
  });

  it('is inconclusive, never a pass, on NaN, empty data or a breach longer than what was observed', () => {
    expect(
      evaluateCriteria(runbook, [{ criterion: 'error-rate', samples: series([Number.NaN]) }]).results[0]!
        .verdict,
    ).toBe('inconclusive');
    const noData = evaluateCriteria(runbook, healthy.slice(1));
    expect(noData.outcome).toBe('inconclusive');
    expect(noData.exitCode).toBe(11);
    const short = evaluateCriteria(runbook, [
      { criterion: 'error-rate', samples: series([0.2, 0.2]) },
      ...healthy.slice(1),
    ]);
    expect(short.results[0]!.verdict).toBe('inconclusive');
    expect(short.results[0]!.note).toContain('not verified');
  });

  it('recommends the most urgent procedure when a person declares an event', () => {
    const d = evaluateCriteria(runbook, [
      ...healthy,
      { criterion: 'security', declared: { reason: 'CVE', at: T0 } },
    ]);
    expect(d.outcome).toBe('rollback');
    expect(d.action).toBe('emergency-rollback');
    expect(d.procedure).toBe('emergency');
  });
});

describe('escalationAt', () => {
  it.each([
    [0, 1, ['Rotation'], 15],
    [14, 1, ['Rotation'], 15],
    [15, 2, ['Marie Martin', 'Pierre Bernard'], 30],
    [45, 3, ['Jean Dupont', 'Sophie Durand'], null],
  ])('at minute %i calls level %i', (minute, level, names, nextAt) => {
    const now = escalationAt(runbook, minute);
    expect(now.level.level).toBe(level);
    expect(now.contacts.map((c) => c.name)).toEqual(names);
    expect(now.nextAt).toBe(nextAt);
  });
});

describe('renderTemplate', () => {
  it('fills placeholders and uses defaults', () => {
    const text = renderTemplate(
      runbook,
      'internal',
      { start: '03:12', impact: 'API 5xx', version: 'v1.2.3', eta: '10 min', followUp: '#inc' },
      'en',
    );
    expect(text).toContain('Started: 03:12');
    expect(text).toContain('Rollback to version v1.2.3');
    expect(text).toContain('Status: Rollback in progress');
    expect(text).not.toContain('{{');
  });

  it('names a missing variable', () => {
    expect(() => renderTemplate(runbook, 'internal', { start: '03:12' }, 'fr')).toThrow(
      /missing value for "impact", "version", "eta", "followUp"/,
    );
  });

  it('refuses an unknown variable or template', () => {
    expect(() => renderTemplate(runbook, 'customer', { nope: 'x' })).toThrow(/no placeholder "nope"/);
    expect(() => renderTemplate(runbook, 'sms', {})).toThrow(/unknown template "sms"/);
  });
});

describe('helpers', () => {
  it('parses durations', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(() => parseDuration('5 minutes', 'window')).toThrow(/window: expected a duration/);
  });

  it('formats thresholds as the plan writes them', () => {
    const [errorRate, p95, availability] = runbook.criteria;
    if (errorRate?.kind !== 'metric' || p95?.kind !== 'metric' || availability?.kind !== 'metric')
      throw new Error('shape');
    expect(formatThreshold(errorRate, 'en')).toBe('> 5 %');
    expect(formatThreshold(p95, 'fr')).toBe('> 2 s');
    expect(formatThreshold(availability, 'fr')).toBe('< 99,5 %');
  });

  it('changes the content hash when one threshold changes', () => {
    const copy = structuredClone(builtinPlan) as any;
    copy.criteria[0].threshold = 0.06;
    expect(contentHash(requireRunbook(copy))).not.toBe(contentHash(runbook));
    expect(contentHash(requireRunbook(structuredClone(builtinPlan)))).toBe(contentHash(runbook));
  });
});
