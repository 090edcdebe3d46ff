/**
 * promtool unit tests generated from the criteria: each threshold fires just past its value and stays silent
 * just inside it, and `for:` holds the alert back until the window has elapsed.
 */
import {
  type AlertRule,
  type AlertRuleFile,
  type Comparator,
  type MetricCriterion,
  parseDuration,
  type Runbook,
  type Signal,
  serviceMetricLabels,
} from '@runbook/core';

/** promtool's test file, as YAML-ready data. */
export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval: string;
  tests: Array<Record<string, unknown>>;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)}s`;

/** Go's `%.4g` for the moderate values the tests use. */
const g4 = (v: number) => String(Number(v.toPrecision(4)));

/** What Prometheus' template functions print for `{{ $value }}`, for the values generated here. */
export function renderValueTemplate(text: string, value: number): string {
  return text
    .replace('{{ $value | humanizePercentage }}', `${g4(value * 100)}%`)
    .replace(
      '{{ $value | humanizeDuration }}',
      value >= 1 && value < 60 ? `${g4(value)}s` : `${g4(value * 1000)}ms`,
    )
    .replace('{{ $value }}', String(value));
}

/** A value just past the threshold and one just inside it. */
export function probeValues(comparator: Comparator, threshold: number, unit: MetricCriterion['unit']) {
  let delta = threshold === 0 ? 1 : Math.abs(threshold) * 0.02;
  if (unit === 'ratio') delta = Math.min(delta, threshold / 2 || 0.01, (1 - threshold) / 2 || 0.01);
  delta = Number(delta.toPrecision(2));
  const fire = {
    '>': threshold + delta,
    '>=': threshold,
    '<': threshold - delta,
    '<=': threshold,
    '==': threshold,
  }[comparator];
  const silent = {
    '>': threshold - delta,
    '>=': threshold - delta,
    '<': threshold + delta,
    '<=': threshold + delta,
    '==': threshold + delta,
  }[comparator];
  const round = (v: number) => Number(v.toPrecision(6));
  return { fire: round(fire), silent: round(silent) };
}

const PER_STEP = 1000;

/** `name{labels}` in the series notation of promtool, with the service's labels first. */
function series(name: string, service: Record<string, string>, extra: Record<string, string> = {}): string {
  const all = Object.entries({ ...service, ...extra }).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return all.length ? `${name}{${all.join(',')}}` : name;
}

/**
 * Input series whose conventional query yields `value`, carrying the labels of the runbook's first app so
 * that the scoped query selects them; `null` when the signal has no generator.
 */
function seriesFor(
  signal: Signal,
  value: number,
  steps: number,
  labels: Record<string, string>,
): Array<{ series: string; values: string }> | null {
  const grow = (perStep: number) => `0+${Number((perStep * PER_STEP).toPrecision(8))}x${steps}`;
  const s = (name: string, extra?: Record<string, string>) => series(name, labels, extra);
  switch (signal) {
    case 'error-rate':
      return [
        { series: s('http_requests_total', { code: '500' }), values: grow(value) },
        { series: s('http_requests_total', { code: '200' }), values: grow(1 - value) },
      ];
    case 'availability':
      return [
        { series: s('http_requests_total', { code: '200' }), values: grow(value) },
        { series: s('http_requests_total', { code: '500' }), values: grow(1 - value) },
      ];
    case 'payment-failure-rate':
      return [
        { series: s('payment_failures_total'), values: grow(value) },
        { series: s('payment_attempts_total'), values: grow(1) },
      ];
    case 'latency-p95': {
      // One bucket below +Inf holding every request: histogram_quantile interpolates 0.95 of its bound.
      const le = String(Number((value / 0.95).toPrecision(10)));
      return [
        { series: s('http_request_duration_seconds_bucket', { le }), values: grow(1) },
        { series: s('http_request_duration_seconds_bucket', { le: '+Inf' }), values: grow(1) },
      ];
    }
    case 'db-connections':
      return [{ series: s('db_connections'), values: `${value}+0x${steps}` }];
  }
}

interface Probe {
  id: string;
  alert: AlertRule;
  signal: Signal;
  comparator: Comparator;
  threshold: number;
  unit: MetricCriterion['unit'];
  windowMs: number;
  rangeMs: number | null;
  /** Whether the rule's query is scoped to the service's labels (criteria are; raw alert conditions are not). */
  scoped: boolean;
}

function probes(runbook: Runbook, rules: AlertRuleFile): { probes: Probe[]; skipped: string[] } {
  const all = rules.groups.flatMap((g) => g.rules);
  const out: Probe[] = [];
  const skipped: string[] = [];
  for (const c of runbook.criteria) {
    if (c.kind !== 'metric') continue;
    const alert = all.find((r) => r.labels.criterion === c.id);
    if (!alert) continue;
    if (c.query) {
      skipped.push(`${c.id}: its own PromQL query, no series can be generated for it`);
      continue;
    }
    const windowMs = c.window ? parseDuration(c.window) : 0;
    out.push({
      alert,
      ...c,
      windowMs,
      rangeMs: c.signal === 'db-connections' ? null : parseDuration(c.range),
      scoped: true,
    });
  }
  for (const a of runbook.alerts) {
    const c = a.condition;
    if (a.criterion || !c) continue;
    const alert = all.find(
      (r) => !r.labels.criterion && r.expr === `(${c.query ?? c.metric}) ${c.comparator} ${c.threshold}`,
    );
    if (!alert) continue;
    if (c.query || c.metric !== 'db_connections') {
      skipped.push(`${a.id}: no series generator for ${c.query ?? c.metric}`);
      continue;
    }
    const windowMs = c.window ? parseDuration(c.window) : 0;
    out.push({
      id: a.id,
      alert,
      signal: 'db-connections',
      comparator: c.comparator,
      threshold: c.threshold,
      unit: 'count',
      windowMs,
      rangeMs: null,
      scoped: false,
    });
  }
  return { probes: out, skipped };
}

function expected(alert: AlertRule, value: number) {
  return {
    exp_labels: { ...alert.labels },
    exp_annotations: Object.fromEntries(
      Object.entries(alert.annotations).map(([k, v]) => [k, renderValueTemplate(v, value)]),
    ),
  };
}

/**
 * The test file for `promtool test rules`. Series grow linearly, so rates are exact; the step is small
 * enough that every range holds several samples. An alert first sees its condition one step in (a rate
 * needs two samples), so it must stay silent one minute (or one step) before `first + window` and fire at it.
 */
export function promtoolTests(
  runbook: Runbook,
  rules: AlertRuleFile,
  rulesFile: string,
): { file: PromtoolTestFile; skipped: string[] } {
  const { probes: list, skipped } = probes(runbook, rules);
  const labels = serviceMetricLabels(runbook)[0] ?? {};
  const ranges = list.map((p) => p.rangeMs).filter((r): r is number => r !== null);
  const stepMs = Math.max(1000, Math.min(15_000, Math.floor(Math.min(...ranges, 60_000) / 4 / 1000) * 1000));
  const tests: Array<Record<string, unknown>> = [];
  for (const p of list) {
    const { fire, silent } = probeValues(p.comparator, p.threshold, p.unit);
    const firstTrue = p.rangeMs === null ? 0 : stepMs;
    const fireAt = firstTrue + Math.ceil(p.windowMs / stepMs) * stepMs;
    const gap = p.windowMs >= 60_000 ? 60_000 : stepMs;
    const steps = Math.ceil((fireAt + 60_000) / stepMs);
    const name = p.alert.alert;
    const fireTests: Array<Record<string, unknown>> = [];
    if (p.windowMs > 0) fireTests.push({ eval_time: seconds(fireAt - gap), alertname: name, exp_alerts: [] });
    fireTests.push({ eval_time: seconds(fireAt), alertname: name, exp_alerts: [expected(p.alert, fire)] });
    tests.push({
      name: `${p.id}: ${p.comparator} ${p.threshold} fires at ${fire}${p.windowMs ? ` once held ${seconds(p.windowMs)}` : ''}`,
      interval: seconds(stepMs),
      input_series: seriesFor(p.signal, fire, steps, p.scoped ? labels : {}),
      alert_rule_test: fireTests,
    });
    tests.push({
      name: `${p.id}: silent at ${silent}`,
      interval: seconds(stepMs),
      input_series: seriesFor(p.signal, silent, steps, p.scoped ? labels : {}),
      alert_rule_test: [{ eval_time: seconds(fireAt + 60_000), alertname: name, exp_alerts: [] }],
    });
  }
  return { file: { rule_files: [rulesFile], evaluation_interval: seconds(stepMs), tests }, skipped };
}
