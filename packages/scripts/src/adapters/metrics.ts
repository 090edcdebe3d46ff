/**
 * Prometheus text exposition → the plan's signals: error rate (5xx share of http_requests_total), P95 from
 * the http_request_duration_seconds histogram, availability and payment failure ratio. From two scrapes the
 * signals cover the time between them; from one, they are ratios of the cumulative counters.
 */
import type { Signal } from '@runbook/core';

/** One sample of the exposition. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The signals the plan's criteria use; `null` when the scrape has nothing to compute them from. */
export interface Signals {
  errorRate: number | null;
  p95Seconds: number | null;
  availability: number | null;
  paymentFailureRatio: number | null;
  /** Requests the ratios are computed over. */
  requests: number;
  payments: number;
  /** `window` (two scrapes) or `cumulative` (one scrape, or a window without traffic). */
  basis: 'window' | 'cumulative';
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/g;

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** Parses the text exposition format 0.0.4; comments and malformed lines are skipped. */
export function parsePrometheusText(text: string): MetricSample[] {
  const out: MetricSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) {
      labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const value = parseValue(m[3]!);
    if (!Number.isNaN(value)) out.push({ name: m[1]!, labels, value });
  }
  return out;
}

const key = (s: MetricSample) =>
  `${s.name}{${Object.entries(s.labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}}`;

/** Counter increase per series between two scrapes; a series that went down was reset, as rate() assumes. */
export function increase(previous: MetricSample[], current: MetricSample[]): MetricSample[] {
  const before = new Map(previous.map((s) => [key(s), s.value]));
  return current.map((s) => {
    const old = before.get(key(s)) ?? 0;
    return { ...s, value: s.value >= old ? s.value - old : s.value };
  });
}

const sum = (
  samples: MetricSample[],
  name: string,
  where: (l: Record<string, string>) => boolean = () => true,
) => samples.filter((s) => s.name === name && where(s.labels)).reduce((n, s) => n + s.value, 0);

/** histogram_quantile over buckets summed across series, with Prometheus' linear interpolation. */
export function histogramQuantile(
  q: number,
  samples: MetricSample[],
  name = 'http_request_duration_seconds',
): number | null {
  const byLe = new Map<number, number>();
  for (const s of samples) {
    if (s.name !== `${name}_bucket` || s.labels.le === undefined) continue;
    const le = parseValue(s.labels.le);
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  const buckets = [...byLe.entries()].sort(([a], [b]) => a - b);
  const total = buckets.at(-1);
  if (!total || total[0] !== Number.POSITIVE_INFINITY || total[1] <= 0) return null;
  const rank = q * total[1];
  const i = buckets.findIndex(([, count]) => count >= rank);
  if (i === buckets.length - 1) return buckets.length > 1 ? buckets[i - 1]![0] : null;
  const [upper, count] = buckets[i]!;
  const [lower, below] = i === 0 ? [0, 0] : buckets[i - 1]!;
  if (count === below) return upper;
  return lower + (upper - lower) * ((rank - below) / (count - below));
}

function signalsOf(samples: MetricSample[], basis: Signals['basis']): Signals {
  const requests = sum(samples, 'http_requests_total');
  const errors = sum(samples, 'http_requests_total', (l) => /^5\d\d$/.test(l.code ?? l.status ?? ''));
  const payments = sum(samples, 'payment_attempts_total');
  const failures = sum(samples, 'payment_failures_total');
  const errorRate = requests > 0 ? errors / requests : null;
  return {
    errorRate,
    p95Seconds: histogramQuantile(0.95, samples),
    availability: errorRate === null ? null : 1 - errorRate,
    paymentFailureRatio: payments > 0 ? failures / payments : null,
    requests,
    payments,
    basis,
  };
}

/**
 * Signals from one scrape (cumulative ratios) or from two (what happened between them). A window that saw
 * no request falls back to the cumulative ratios, and says so in `basis`.
 */
export function computeSignals(
  current: MetricSample[] | string,
  previous?: MetricSample[] | string,
): Signals {
  const now = typeof current === 'string' ? parsePrometheusText(current) : current;
  if (previous === undefined) return signalsOf(now, 'cumulative');
  const before = typeof previous === 'string' ? parsePrometheusText(previous) : previous;
  const window = signalsOf(increase(before, now), 'window');
  return window.requests > 0 ? window : signalsOf(now, 'cumulative');
}

/** The signals by the names criteria use (`signal` of a metric criterion). */
export function signalValues(s: Signals): Partial<Record<Signal, number | null>> {
  return {
    'error-rate': s.errorRate,
    'latency-p95': s.p95Seconds,
    availability: s.availability,
    'payment-failure-rate': s.paymentFailureRatio,
  };
}
