import { describe, expect, it } from 'vitest';
import {
  alertRules,
  criterionQuery,
  defaultRunbook,
  type MetricCriterion,
  procedureDocsUrl,
  serviceMetricLabels,
} from '../src/index.ts';

const runbook = defaultRunbook();
const metric = (id: string) => runbook.criteria.find((c) => c.id === id) as MetricCriterion;

describe('criterionQuery', () => {
  it('maps each signal to PromQL over the conventional names, with the criterion range', () => {
    expect(criterionQuery(metric('error-rate'))).toBe(
      '(sum(rate(http_requests_total{code=~"5.."}[1m])) or vector(0)) / sum(rate(http_requests_total[1m]))',
    );
    expect(criterionQuery(metric('latency-p95'))).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
    );
    expect(criterionQuery(metric('availability'))).toContain('code!~"5.."}[5m]');
    expect(criterionQuery(metric('payment-errors'))).toBe(
      '(sum(rate(payment_failures_total[5m])) or vector(0)) / sum(rate(payment_attempts_total[5m]))',
    );
  });

  it("scopes the standard queries to the runbook's service labels", () => {
    const scope = serviceMetricLabels(runbook);
    expect(criterionQuery(metric('error-rate'), scope)).toBe(
      '(sum(rate(http_requests_total{app=~"marketplace-api|marketplace-web",code=~"5.."}[1m])) or vector(0)) / sum(rate(http_requests_total{app=~"marketplace-api|marketplace-web"}[1m]))',
    );
    expect(criterionQuery(metric('latency-p95'), [{ service: 'billing', tier: 'api' }])).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="billing",tier="api"}[5m])))',
    );
    // Label sets that differ in more than one label are joined by `or`, never merged into a wider match.
    expect(criterionQuery(metric('payment-errors'), [{ a: 'x', b: 'y' }, { a: 'z' }])).toBe(
      '(sum(rate(payment_failures_total{a="x",b="y"}[5m]) or rate(payment_failures_total{a="z"}[5m])) or vector(0)) / sum(rate(payment_attempts_total{a="x",b="y"}[5m]) or rate(payment_attempts_total{a="z"}[5m]))',
    );
  });

  it('uses the runbook query when set, with $range filled in', () => {
    const c = { ...metric('error-rate'), range: '2m', query: 'sum(rate(my_errors[$range]))' };
    expect(criterionQuery(c)).toBe('sum(rate(my_errors[2m]))');
    expect(criterionQuery({ ...metric('latency-p95'), range: '30s' })).toContain('[30s]');
  });

  it('refuses event criteria, which nobody measures', () => {
    const event = runbook.criteria.find((c) => c.kind === 'event')!;
    expect(() => criterionQuery(event)).toThrow(/event criterion/);
  });
});

describe('alertRules', () => {
  const file = alertRules(runbook, { lang: 'en' });
  const rules = file.groups[0]!.rules;

  it('gives one alert per metric criterion plus the unbound plan alerts', () => {
    expect(rules.map((r) => r.alert)).toEqual([
      'HighErrorRate',
      'LatencyP95',
      'Availability',
      'PaymentFailures',
      'DbConnectionLost',
    ]);
  });

  it('carries threshold, window, severity, action and the procedure page', () => {
    const errors = rules[0]!;
    expect(errors.expr).toBe(
      `(${criterionQuery(metric('error-rate'), serviceMetricLabels(runbook))}) > 0.05`,
    );
    expect(errors.expr).toContain('http_requests_total{app=~"marketplace-api|marketplace-web",code=~"5.."}');
    expect(errors.for).toBe('5m');
    expect(errors.labels.severity).toBe('critical');
    expect(errors.annotations.action).toBe('Trigger rollback');
    expect(errors.annotations.runbook_url).toBe('https://runbook.topsteel.com/en/blue-green/');
    expect(rules[1]!.for).toBeUndefined();
    expect(rules[2]!.expr).toMatch(/\) < 0\.995$/);
    expect(rules[3]!.annotations.action).toBe('Immediate rollback');
    expect(rules[3]!.annotations.runbook_url).toBe('https://runbook.topsteel.com/en/emergency/');
    expect(rules[4]!.expr).toBe('(db_connections) == 0');
    expect(rules[4]!.for).toBe('1m');
    expect(rules[4]!.annotations.action).toBe('Emergency rollback');
  });

  it('links French pages at the root', () => {
    expect(procedureDocsUrl(runbook, 'blue-green', 'fr')).toBe('https://runbook.topsteel.com/blue-green/');
    expect(alertRules(runbook).groups[0]!.rules[0]!.annotations.action).toBe('Déclencher le rollback');
  });

  it('follows a threshold changed in the data', () => {
    const copy = structuredClone(runbook);
    (copy.criteria[0] as MetricCriterion).threshold = 0.08;
    expect(alertRules(copy).groups[0]!.rules[0]!.expr).toMatch(/> 0\.08$/);
  });
});
